"""Staff and keys in the web (issue 13): invitations, the key holder's grant, new key
generations, the recovery-key sheet, the school's first key (issue 16), and the page "who can
read what, since when, by which order".

Who may do what:
- invite: a key holder of the school or its director;
- confirm an accepted invitation and give the key, start a new generation: a key holder
  (someone holding the school's newest generation in this session);
- the access page: the director, the school's admin, the responsible person, key holders.
Anyone else gets 404, as for every other school's page.
"""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.forms import ConfirmForm, InviteForm, JoinForm
from accounts.models import Invitation, Membership
from audit.models import record
from schools.models import Enrolment, School, SchoolYear
from schools.setup import choose_regulation
from vault.keys import (
    KeyMissing,
    create_school_keys,
    current_generation,
    first_generation,
    new_member_key,
    put_school_key,
    rotate,
    school_key,
    seal_to,
)
from vault.models import GenerationSeal, KeyGeneration

ACCESS_ROLES = (Membership.DIRECTOR, Membership.ADMIN, Membership.RESPONSIBLE)


def _name(user):
    return user.get_full_name() or user.get_username() if user else ""


def is_holder(user, school):
    generation = current_generation(school)
    return bool(
        generation and GenerationSeal.objects.filter(generation=generation, user=user).exists()
    )


def _member_school(request, slug):
    return get_object_or_404(School.objects.for_user(request.user), slug=slug)


def _school_for_inviting(request, slug):
    school = _member_school(request, slug)
    director = Membership.objects.filter(
        user=request.user, school=school, role=Membership.DIRECTOR
    ).exists()
    if not (director or is_holder(request.user, school)):
        raise _not_found()
    return school


def _school_for_holder(request, slug):
    """The school and the keyring of this session; 404 for anyone who does not hold it."""
    school = _member_school(request, slug)
    keyring = school_key(request, school) if is_holder(request.user, school) else None
    if keyring is None:
        raise _not_found()
    return school, keyring


def _not_found():
    from django.http import Http404

    return Http404()


# --- Invitations ---------------------------------------------------------------------------


def join_url(code):
    return f"{settings.SITE_URL}{reverse('join-code', args=[code])}"


def send_invitation(invitation, code):
    """The link by e-mail (through the outbox: a mail server that is down only delays it)."""
    from notify.tasks import queue_mail

    school = invitation.school.name if invitation.school else invitation.enrolment.name_ky
    body = _invitation_body(school, code, invitation.expires_at)
    queue_mail(f"invitation:{invitation.pk}", invitation.email, _("Invitation: Ishenim"), body)


def _invitation_body(school_name, code, until):
    return _(
        "You are invited to the staff of the trust mailbox of %(school)s.\n\n"
        "Open this link, choose a login and a password:\n%(link)s\n\n"
        "Or type this code at %(join)s:\n%(code)s\n\n"
        "The invitation works once, until %(until)s. It gives no access to letters by itself: "
        "a key holder of the school confirms you first."
    ) % {
        "school": school_name,
        "link": join_url(code),
        "join": f"{settings.SITE_URL}{reverse('join')}",
        "code": code,
        "until": timezone.localtime(until).strftime("%d.%m.%Y"),
    }


def invite_enrolled(enrolments):
    """National onboarding (issue 16): each school on the list without a key and without a
    live invitation gets one for its responsible person, by e-mail. The mails go to the
    outbox in one insert and the worker sends them, so 2,000 schools import in seconds."""
    from django.utils import translation

    from notify.models import OutgoingMail

    waiting = set(
        Invitation.objects.filter(enrolment__in=enrolments)
        .filter(_live() | Q(accepted_at__isnull=False))
        .values_list("enrolment_id", "role")
    )
    made, mails = [], []
    for enrolment in enrolments:
        if enrolment.school_id:
            continue
        # The director is invited at import too, when the list has their e-mail: they join
        # the school as soon as its responsible person has made the key.
        people = [(Membership.RESPONSIBLE, enrolment.responsible_email)]
        if enrolment.director_email:
            people.append((Membership.DIRECTOR, enrolment.director_email))
        for role, email in people:
            if (enrolment.pk, role) in waiting:
                continue
            invitation, code = Invitation.build(
                enrolment=enrolment,
                role=role,
                full_name="",
                email=email,
                delivery=Invitation.EMAIL,
            )
            made.append(invitation)
            language = enrolment.language if enrolment.language in ("ky", "ru") else "ky"
            with translation.override(language):
                name = enrolment.name_ru if language == "ru" else enrolment.name_ky
                mails.append(
                    (
                        invitation,
                        _("Invitation: Ishenim"),
                        _invitation_body(name, code, invitation.expires_at),
                    )
                )
    Invitation.objects.bulk_create(made, batch_size=500)
    OutgoingMail.objects.bulk_create(
        [
            OutgoingMail(
                key=f"invitation:{i.code_hash[:16]}", to=i.email, subject=subject, body=body
            )
            for i, subject, body in mails
        ],
        batch_size=500,
    )
    return len(made)


def _live():
    return Q(cancelled_at__isnull=True) & (
        Q(accepted_at__isnull=False) | Q(expires_at__gt=timezone.now())
    )


@never_cache
@login_required
def invitations(request, slug):
    school = _school_for_inviting(request, slug)
    holder = is_holder(request.user, school)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        invitation, code = Invitation.issue(
            school=school,
            role=d["role"],
            full_name=d["full_name"],
            email=d["email"],
            delivery=d["delivery"],
            created_by=request.user,
        )
        record("invitation_made", actor=request.user, school=school, invitation=invitation.pk)
        if invitation.delivery == Invitation.EMAIL:
            send_invitation(invitation, code)
            messages.success(
                request,
                _("The invitation went to %(email)s. It works once, for %(days)d days.")
                % {"email": invitation.email, "days": Invitation.DAYS},
            )
            return redirect("invitations", slug=school.slug)
        # On paper: the code is shown once, on a page to print and hand over.
        return render(
            request,
            "accounts/invitation_paper.html",
            {
                "school": school,
                "invitation": invitation,
                "code": code,
                "join": f"{settings.SITE_URL}{reverse('join')}",
            },
        )
    rows = Invitation.objects.filter(school=school).select_related("user", "created_by")[:50]
    return render(
        request,
        "accounts/invitations.html",
        {"school": school, "form": form, "invitations": rows, "holder": holder},
    )


@never_cache
@login_required
def invitation_confirm(request, slug, pk):
    """A key holder confirms who accepted (they saw the person and their login) and, for a
    role that reads letters, gives them the school key: sealed to the new member's own public
    key, so no password is asked of anyone."""
    school, keyring = _school_for_holder(request, slug)
    invitation = get_object_or_404(
        Invitation.objects.filter(school=school, accepted_at__isnull=False), pk=pk
    )
    form = ConfirmForm(
        request.POST or None,
        label=_("I confirm: I have seen %(name)s, and the login %(login)s is theirs.")
        % {"name": invitation.full_name, "login": invitation.user.get_username()},
    )
    if invitation.confirmed_at or invitation.cancelled_at:
        return redirect("invitations", slug=school.slug)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            done = Invitation.objects.filter(pk=invitation.pk, confirmed_at__isnull=True).update(
                confirmed_at=timezone.now(), confirmed_by=request.user
            )
            if done and invitation.gets_key:
                seal_to(school, invitation.user, keyring, by=request.user)
                record("key_granted", actor=request.user, school=school, user=invitation.user.pk)
            elif done:
                record(
                    "invitation_confirmed",
                    actor=request.user,
                    school=school,
                    user=invitation.user.pk,
                )
        if invitation.gets_key:
            messages.success(
                request,
                _("%(name)s now holds the school key and can read the letters.")
                % {"name": _name(invitation.user)},
            )
        else:
            messages.success(
                request, _("%(name)s is confirmed.") % {"name": _name(invitation.user)}
            )
        return redirect("invitations", slug=school.slug)
    return render(
        request,
        "accounts/invitation_confirm.html",
        {"school": school, "invitation": invitation, "form": form},
    )


@require_POST
@login_required
def invitation_cancel(request, slug, pk):
    school = _school_for_inviting(request, slug)
    invitation = get_object_or_404(Invitation.objects.filter(school=school), pk=pk)
    if not invitation.confirmed_at:
        Invitation.objects.filter(pk=pk).update(cancelled_at=timezone.now())
        record("invitation_cancelled", actor=request.user, school=school, invitation=pk)
        messages.success(request, _("The invitation is cancelled: its code no longer works."))
    return redirect("invitations", slug=school.slug)


@never_cache
def join(request, code=""):
    """The invited person sets their login and password. The account gets a key pair of its
    own now; the school key comes only when a key holder confirms them."""
    form = JoinForm(request.POST or None, initial={"code": code})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        with transaction.atomic():
            # Single use even with two posts at once: only one conditional update wins.
            taken = (
                Invitation.objects.usable()
                .filter(pk=form.invitation.pk)
                .update(accepted_at=timezone.now())
            )
            if not taken:
                form.add_error("code", _("This code has just been used."))
                return render(request, "accounts/join.html", {"form": form})
            user = get_user_model().objects.create_user(
                username=d["username"],
                password=d["password1"],
                first_name=d["first_name"],
                last_name=d["last_name"],
                email=form.invitation.email,
            )
            new_member_key(user, d["password1"])
            Invitation.objects.filter(pk=form.invitation.pk).update(user=user)
            invitation = form.invitation
            school = invitation.school or (invitation.enrolment and invitation.enrolment.school)
            if school is not None:
                Membership.objects.create(user=user, school=school, role=invitation.role)
            record(
                "invitation_accepted",
                actor=user,
                school=invitation.school,
                invitation=invitation.pk,
                user=user.pk,
            )
        if invitation.enrolment_id and invitation.role == Membership.DIRECTOR:
            messages.success(
                request,
                _(
                    "Your account is ready. You can log in now; you will see your school once "
                    "its responsible person has made the school's key."
                ),
            )
        elif invitation.enrolment_id:
            messages.success(
                request,
                _(
                    "Your account is ready. Log in: at your first login you make your "
                    "school's key and print its recovery-key sheet."
                ),
            )
        elif invitation.gets_key:
            messages.success(
                request,
                _(
                    "Your account is ready. You can log in now; you will see the letters "
                    "once a key holder of the school has confirmed you."
                ),
            )
        else:
            messages.success(request, _("Your account is ready. You can log in now."))
        return redirect("login")
    return render(request, "accounts/join.html", {"form": form})


# --- The school key: generations, rotation, the recovery sheet -----------------------------


@never_cache
@login_required
def school_keys(request, slug):
    """For a key holder: the key's generations, who holds the newest, who no longer works here
    but still holds an older one, and the form that starts a new generation."""
    school, keyring = _school_for_holder(request, slug)
    generations = list(KeyGeneration.objects.filter(school=school).select_related("started_by"))
    seals = GenerationSeal.objects.filter(generation__school=school).select_related(
        "user", "generation"
    )
    people = {}
    for seal in seals:
        row = people.setdefault(seal.user_id, {"user": seal.user, "numbers": [], "current": False})
        row["numbers"].append(seal.generation.number)
        row["current"] |= seal.generation_id == generations[0].pk
    active = set(
        Membership.objects.filter(
            school=school, role__in=Membership.READERS, user__is_active=True
        ).values_list("user_id", flat=True)
    )
    for row in people.values():
        row["numbers"].sort()
        row["left"] = row["user"].pk not in active
    # Members who read letters but lack the newest key: after a new key, one who had not
    # logged in since the update to generations (their old wrap turns into a seal at login).
    missing = (
        get_user_model()
        .objects.filter(
            memberships__school=school,
            memberships__role__in=Membership.READERS,
            is_active=True,
            member_key__isnull=False,
        )
        .exclude(generation_seals__generation=generations[0])
        .exclude(pk__in=_left_out_by_order(school))
        .distinct()
    )
    if request.method == "POST" and request.POST.get("give"):
        user = get_object_or_404(missing, pk=request.POST["give"])
        seal_to(school, user, keyring, by=request.user)
        record("key_granted", actor=request.user, school=school, user=user.pk)
        messages.success(
            request,
            _("%(name)s now holds the school key and can read the letters.")
            % {"name": _name(user)},
        )
        return redirect("school-keys", slug=school.slug)
    form = ConfirmForm(
        request.POST or None,
        label=_(
            "I confirm: start a new key. I will print the new recovery-key sheet at once and "
            "put it in the school safe in place of the old one."
        ),
    )
    if request.method == "POST" and form.is_valid():
        try:
            new_keyring, recovery = rotate(school, keyring, by=request.user)
        except KeyMissing:
            messages.error(
                request,
                _(
                    "Your key does not open every older generation of the school key, so you "
                    "cannot start a new one. Ask the key holder who has them all."
                ),
            )
            return redirect("school-keys", slug=school.slug)
        put_school_key(request, school, new_keyring)
        generation = current_generation(school)
        record("key_rotated", actor=request.user, school=school, generation=generation.number)
        return _recovery_sheet(request, school, recovery, generation)
    return render(
        request,
        "accounts/school_keys.html",
        {
            "school": school,
            "generations": generations,
            "people": sorted(people.values(), key=lambda r: _name(r["user"])),
            "someone_left": any(r["left"] for r in people.values()),
            "removed_by_order": _removed_by_order(school),
            "missing": missing,
            "form": form,
        },
    )


def _left_out_by_order(school):
    from accounts.access import left_out_by_order

    return left_out_by_order(school)


def _removed_by_order(school):
    from accounts.access import removed_since_last_key

    return removed_since_last_key(school).exists()


def _recovery_sheet(request, school, recovery, generation):
    response = render(
        request,
        "accounts/recovery_sheet.html",
        {
            "school": school,
            "recovery": recovery,
            "generation": generation,
            "made_at": timezone.localtime(),
            "made_by": _name(request.user),
        },
    )
    response["Cache-Control"] = "no-store"
    return response


# --- The school's first key (issue 16: national onboarding) --------------------------------


def pending_first_key(user):
    """The enrolment whose first key this user makes: their invitation as its responsible
    person was accepted, and the school has no key yet."""
    invitation = (
        Invitation.objects.filter(
            user=user,
            role=Membership.RESPONSIBLE,
            enrolment__isnull=False,
            enrolment__school__isnull=True,
        )
        .select_related("enrolment")
        .first()
    )
    return invitation.enrolment if invitation else None


@never_cache
@login_required
def first_key(request):
    enrolment = pending_first_key(request.user)
    if enrolment is None:
        return redirect("staff-home")
    form = ConfirmForm(
        request.POST or None,
        label=_(
            "I am the school's responsible person. I will print the recovery-key sheet now "
            "and put it in the school safe."
        ),
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            # Two posts at once (a double tap) must not make two schools or two keys.
            locked = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
            if locked.school_id:
                return redirect("staff-home")
            school = School(
                slug=_free_slug(enrolment.code),
                name_ky=enrolment.name_ky,
                name_ru=enrolment.name_ru,
                district=enrolment.district,
            )
            create_school_keys(school)
            school.save()
            keyring, recovery = first_generation(school, by=request.user)
            SchoolYear.ensure_for(school, datetime.date.today())
            # The national list says which regulation the school works under.
            choose_regulation(school, enrolment.regulation, datetime.date.today(), request.user)
            Membership.objects.create(user=request.user, school=school, role=Membership.RESPONSIBLE)
            seal_to(school, request.user, keyring, by=request.user)
            enrolment.school = school
            enrolment.save(update_fields=["school", "updated_at"])
            record("school_key_made", actor=request.user, school=school)
            # The director invited at import joins now, or when they accept.
            directors = Invitation.objects.filter(enrolment=enrolment, role=Membership.DIRECTOR)
            for accepted in directors.filter(user__isnull=False):
                Membership.objects.get_or_create(
                    user=accepted.user, school=school, role=Membership.DIRECTOR
                )
            directors.filter(user__isnull=True).update(school=school)
            if (
                enrolment.director_email
                and not directors.filter(_live() | Q(user__isnull=False)).exists()
            ):
                invitation, code = Invitation.issue(
                    school=school,
                    role=Membership.DIRECTOR,
                    full_name="",
                    email=enrolment.director_email,
                    delivery=Invitation.EMAIL,
                    created_by=request.user,
                )
                transaction.on_commit(lambda: send_invitation(invitation, code))
        put_school_key(request, school, keyring)
        return _recovery_sheet(request, school, recovery, current_generation(school))
    return render(request, "accounts/first_key.html", {"enrolment": enrolment, "form": form})


def _free_slug(code):
    from django.utils.text import slugify

    base = slugify(code) or "school"
    slug, n = base, 1
    while School.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug
