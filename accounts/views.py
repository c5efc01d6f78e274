"""Staff login: a wrong password counts toward a pause; a right one unlocks the school keys.

The pause is for the attempt source and the login together (a short-lived keyed hash of the
address, in the cache for minutes: ishenim.throttle), never for the account: nobody can lock a
director out by typing wrong passwords for her login. Codes of the authenticator app are
counted per account, as only someone who knows the password can reach that step.
Every attempt is counted before it is checked, atomically, so parallel requests get no more.

With two-factor on, a right password only opens a pending step (the keys are unwrapped into
the session, nobody is logged in yet); a right code from the app then logs the user in.
"""

import time

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.forms import (
    CodeForm,
    ConfirmForm,
    LeaverSignForm,
    LoginForm,
    StaffLeaveForm,
    TwoFactorOffForm,
)
from accounts.models import Handover, Membership, TwoFactor
from audit.models import record
from ishenim import throttle
from schools.models import School
from vault.keys import SESSION_PREFIX, drop_member, rewrap_grants, session_drop, unlock

LOCK_MINUTES = 15
PENDING_SECONDS = 5 * 60
QR_SCALE = 5  # pixels per module: about 250 px wide, fits a 360 px phone
# What the session remembers between the password and the code (never the code or secret).
PENDING_USER = "two_factor:user"
PENDING_BACKEND = "two_factor:backend"
PENDING_SINCE = "two_factor:since"
PENDING_NEXT = "two_factor:next"


def _locked_message():
    return _("Too many wrong passwords. This login is locked for %(minutes)d minutes.") % {
        "minutes": LOCK_MINUTES
    }


def _codes_locked_message():
    return _("Too many wrong codes. Please wait %(minutes)d minutes and try again.") % {
        "minutes": LOCK_MINUTES
    }


def _password_keys(request, username):
    """This source with this login, and this source with any login (against spraying)."""
    source = throttle.source(request)
    return (
        f"login:pw:{source}:{throttle.keyed(username.casefold())}",
        f"login:src:{source}",
    )


def _take_password_attempt(keys):
    """Count the attempt before the password is checked; False when it must be refused."""
    seconds = LOCK_MINUTES * 60
    pair = throttle.take(keys[0], settings.STAFF_LOGIN_FAILURES, seconds)
    source = throttle.take(keys[1], settings.STAFF_LOGIN_FAILURES_PER_SOURCE, seconds)
    return pair and source


def _code_key(user):
    return f"login:code:{user.pk}"


def _codes_locked(user):
    return throttle.count(_code_key(user)) >= settings.STAFF_LOGIN_FAILURES


def _take_code_guess(user):
    return throttle.take(_code_key(user), settings.STAFF_LOGIN_FAILURES, LOCK_MINUTES * 60)


def _next_target(request):
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        target = ""
    return target or reverse(settings.LOGIN_REDIRECT_URL)


def _drop_pending(request):
    """Forget the pending step and the keys it unwrapped."""
    for key in (PENDING_USER, PENDING_BACKEND, PENDING_SINCE, PENDING_NEXT):
        request.session.pop(key, None)
    for key in list(request.session.keys()):
        if key.startswith(SESSION_PREFIX):
            session_drop(request, key.removeprefix(SESSION_PREFIX))


def login_view(request):
    form = LoginForm(request, request.POST or None)
    if request.method == "POST":
        username = request.POST.get("username", "")[:150]
        keys = _password_keys(request, username)
        if not _take_password_attempt(keys):
            form.refuse(_locked_message())  # refused unheard: the password is not checked
        two_factor_on = form.is_valid() and TwoFactor.is_on(form.user)
        if two_factor_on and _codes_locked(form.user):
            # Too many wrong codes after a right password: only its holder could cause that.
            form.add_error(None, _codes_locked_message())
        elif two_factor_on:
            # The count of wrong codes is not reset here: only a right code does that, so
            # knowing the password does not buy endless guesses at the code.
            if request.user.is_authenticated:
                logout(request)  # someone else's session must not receive these keys
            _drop_pending(request)
            unlock(request, form.user, form.cleaned_data["password"])
            request.session[PENDING_USER] = form.user.pk
            request.session[PENDING_BACKEND] = form.user.backend
            request.session[PENDING_SINCE] = time.time()
            request.session[PENDING_NEXT] = _next_target(request)
            throttle.clear(keys[0])
            throttle.give_back(keys[1])
            return redirect("login-code")
        elif form.is_valid():
            throttle.clear(keys[0])
            throttle.give_back(keys[1])  # colleagues behind one school router are not counted
            login(request, form.user)
            request.session.set_expiry(settings.SESSION_COOKIE_AGE)
            unlock(request, form.user, form.cleaned_data["password"])
            from accounts.school_keys import pending_first_key

            if pending_first_key(form.user):  # issue 16: the school's key is made now
                return redirect("first-key")
            return redirect(_next_target(request))
    return render(request, "accounts/login.html", {"form": form})


@never_cache
def login_code(request):
    """The second step: a code from the authenticator app, within 5 minutes of the password."""
    user_id = request.session.get(PENDING_USER)
    if user_id is None:
        return redirect("login")
    since = request.session.get(PENDING_SINCE, 0)
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    two_factor = TwoFactor.objects.filter(user=user, confirmed_at__isnull=False).first()
    if user is None or two_factor is None:
        _drop_pending(request)
        return redirect("login")
    if time.time() - since > PENDING_SECONDS:
        _drop_pending(request)
        messages.error(request, _("The time to type the code ran out. Please log in again."))
        return redirect("login")
    if _codes_locked(user):
        _drop_pending(request)
        messages.error(request, _codes_locked_message())
        return redirect("login")

    form = CodeForm(two_factor, request.POST or None, take_guess=lambda: _take_code_guess(user))
    if request.method == "POST":
        if form.is_valid():
            throttle.clear(_code_key(user))
            backend = request.session[PENDING_BACKEND]
            target = request.session[PENDING_NEXT]
            for key in (PENDING_USER, PENDING_BACKEND, PENDING_SINCE, PENDING_NEXT):
                del request.session[key]
            # login() cycles the session key but keeps its data: the unwrapped keys stay.
            login(request, user, backend=backend)
            request.session.set_expiry(settings.SESSION_COOKIE_AGE)
            return redirect(target)
        if form.refused or (form.was_a_guess and _codes_locked(user)):
            _drop_pending(request)
            messages.error(request, _codes_locked_message())
            return redirect("login")
    return render(request, "accounts/login_code.html", {"form": form})


@require_POST
def logout_view(request):
    logout(request)
    return redirect("login")


@login_required
def password_change(request):
    """A new password re-wraps the user's school keys, so letters stay readable to them."""
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            rewrap_grants(
                request.user, form.cleaned_data["old_password"], form.cleaned_data["new_password1"]
            )
            form.save()
        update_session_auth_hash(request, form.user)
        record("password_changed", actor=request.user)
        messages.success(request, _("Your password has been changed."))
        return redirect("staff-home")
    return render(request, "accounts/password_change.html", {"form": form})


@never_cache
@login_required
def two_factor(request):
    """Set up the authenticator app: show the secret (text and QR code), confirm with a code."""
    existing = TwoFactor.objects.filter(user=request.user, confirmed_at__isnull=False).first()
    if existing:
        return render(request, "accounts/two_factor_on.html", {"two_factor": existing})

    setup = TwoFactor.start(request.user)
    form = CodeForm(setup, request.POST or None)
    if request.method == "POST" and form.is_valid():
        setup.confirmed_at = timezone.now()
        setup.save(update_fields=["confirmed_at"])
        record("two_factor_enabled", actor=request.user)
        messages.success(
            request, _("Two-factor login is on. From now on, login asks for a code from the app.")
        )
        return redirect("two-factor")
    qr = segno.make(setup.uri(), error="m")
    size = qr.symbol_size(scale=QR_SCALE)[0]
    context = {"form": form, "setup": setup, "qr": qr.png_data_uri(scale=QR_SCALE), "qr_size": size}
    return render(request, "accounts/two_factor_setup.html", context)


@never_cache
@login_required
def two_factor_off(request):
    """Turning two-factor off needs the password and a code."""
    existing = TwoFactor.objects.filter(user=request.user, confirmed_at__isnull=False).first()
    if existing is None:
        return redirect("two-factor")
    form = TwoFactorOffForm(existing, request.POST or None)
    if request.method == "POST" and form.is_valid():
        existing.delete()
        record("two_factor_disabled", actor=request.user)
        messages.success(request, _("Two-factor login is off. Login asks only for the password."))
        return redirect("two-factor")
    return render(request, "accounts/two_factor_off.html", {"form": form})


# --- Staff leave (issue 13) -----------------------------------------------------------------

LEAVE_ROLES = (Membership.DIRECTOR, Membership.ADMIN)


def _end_sessions(user):
    """Log the user out everywhere at once: their sessions (and with them the school key
    unwrapped for the session) are deleted."""
    from django.contrib.sessions.models import Session

    ended = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            ended.append(session.session_key)
    Session.objects.filter(session_key__in=ended).delete()
    return len(ended)


@login_required
def staff_leave(request, slug):
    school = get_object_or_404(
        School.objects.filter(
            memberships__user=request.user, memberships__role__in=LEAVE_ROLES
        ).distinct(),
        slug=slug,
    )
    User = get_user_model()
    staff = (
        User.objects.filter(memberships__school=school, is_active=True)
        .exclude(pk=request.user.pk)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )
    readers = (
        User.objects.filter(
            memberships__school=school,
            memberships__role__in=Membership.READERS,
            is_active=True,
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )
    form = StaffLeaveForm(request.POST or None, staff=staff, readers=readers)
    if request.method == "POST" and form.is_valid():
        leaver, successor = form.cleaned_data["leaver"], form.cleaned_data["successor"]
        handover = _hand_over(request, school, leaver, successor)
        _end_sessions(leaver)
        if drop_member(school, leaver):
            record("key_withdrawn", actor=request.user, school=school, user=leaver.pk)
            messages.warning(
                request,
                _(
                    "%(name)s held the school key; it is taken from their account. A key "
                    "holder now starts a new key on the page “School key”, so that letters "
                    "written from now on stay closed to any old copy."
                )
                % {"name": _name(leaver)},
            )
        messages.success(
            request,
            _(
                "%(name)s no longer has access: their account is switched off and they are "
                "logged out. Open letters handed over to %(to)s: %(count)d."
            )
            % {
                "name": _name(leaver),
                "to": _name(successor),
                "count": handover.appeals.count(),
            },
        )
        if handover.not_handed.exists():
            messages.warning(
                request,
                _(
                    "%(count)d open letter was kept by its author from %(to)s: it has no "
                    "assignee now. The responsible person gives it to someone else."
                )
                % {"count": handover.not_handed.count(), "to": _name(successor)},
            )
        return redirect("staff-leave", slug=school.slug)
    return render(
        request,
        "accounts/staff_leave.html",
        {
            "school": school,
            "form": form,
            "handovers": Handover.objects.filter(school=school).select_related("left", "to", "by")[
                :20
            ],
        },
    )


def _name(user):
    return user.get_full_name() or user.get_username()


@transaction.atomic
def _hand_over(request, school, leaver, successor):
    from journal.models import Appeal

    leaver.is_active = False  # no login; the urgent lane and notices skip inactive users
    leaver.save(update_fields=["is_active"])
    handover = Handover.objects.create(school=school, left=leaver, to=successor, by=request.user)
    open_letters = list(
        Appeal.objects.filter(
            school=school, assignee=leaver, status__in=Appeal.OPEN_STATUSES
        ).prefetch_related("excluded_staff")
    )
    handed, kept = [], []
    for appeal in open_letters:
        keeps_out = successor in appeal.excluded_staff.all()
        new = None if keeps_out else successor
        Appeal.objects.filter(pk=appeal.pk).update(assignee=new)
        (kept if keeps_out else handed).append(appeal)
        record(
            "change",
            actor=request.user,
            appeal=appeal,
            field="assignee",
            old=leaver.pk,
            new=new.pk if new else None,
            handover=handover.pk,
        )
    handover.appeals.set(handed)
    handover.not_handed.set(kept)
    record(
        "change",
        actor=request.user,
        school=school,
        handover=handover.pk,
        left=leaver.pk,
        to=successor.pk,
        appeals=[a.pk for a in handed],
        not_handed=[a.pk for a in kept],
    )
    return handover


# --- A handover signed by both (issue 13) ---------------------------------------------------


def _handover_for_user(request, pk):
    """The handover, for the one who received it and the school's director or admin."""
    handover = get_object_or_404(Handover.objects.select_related("school", "left", "to"), pk=pk)
    manages = Membership.objects.filter(
        user=request.user, school=handover.school, role__in=LEAVE_ROLES
    ).exists()
    if request.user != handover.to and not manages:
        from django.http import Http404

        raise Http404
    return handover, manages


@never_cache
@login_required
def handover(request, pk):
    """Both sign: the one who left in person with their password (at the screen of the
    director or the admin: their own account is off), the one who received from their login."""
    handover, manages = _handover_for_user(request, pk)
    left_form = LeaverSignForm(
        request.POST if request.POST.get("sign") == "left" else None, leaver=handover.left
    )
    to_form = ConfirmForm(
        request.POST if request.POST.get("sign") == "to" else None,
        label=_("I received these letters and take them over."),
    )
    if request.method == "POST":
        which = request.POST.get("sign")
        if which == "left" and manages and not handover.left_signed_at:
            guess = throttle.take(
                f"handover:{handover.pk}", settings.STAFF_LOGIN_FAILURES, LOCK_MINUTES * 60
            )
            if guess and left_form.is_valid():
                Handover.objects.filter(pk=pk).update(left_signed_at=timezone.now())
                record(
                    "handover_signed",
                    actor=request.user,
                    school=handover.school,
                    handover=pk,
                    by_whom="left",
                    user=handover.left.pk,
                )
                messages.success(request, _("The person who left has signed the handover."))
                return redirect("handover", pk=pk)
            if not guess:
                left_form.add_error(None, _locked_message())
        elif which == "to" and request.user == handover.to and not handover.to_signed_at:
            if to_form.is_valid():
                Handover.objects.filter(pk=pk).update(to_signed_at=timezone.now())
                record(
                    "handover_signed",
                    actor=request.user,
                    school=handover.school,
                    handover=pk,
                    by_whom="to",
                    user=handover.to.pk,
                )
                messages.success(request, _("You have signed the handover."))
                return redirect("handover", pk=pk)
    return render(
        request,
        "accounts/handover.html",
        {
            "handover": handover,
            "manages": manages,
            "is_receiver": request.user == handover.to,
            "left_form": left_form,
            "to_form": to_form,
            "appeals": handover.appeals.select_related("school_year").order_by("number"),
        },
    )
