"""Lost password of the last member, from the web (issue 13): the responsible person takes
the recovery-key sheet out of the school safe, types its code and a new password. The sheet
opens every generation of the school key; the member gets a new key pair and the key again.
Rate-limited per attempt source and per login; every reset is audited."""

import nacl.exceptions
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from accounts.forms import RecoveryForm
from accounts.models import Membership
from audit.models import record
from ishenim import throttle
from vault.keys import grant, recover

ATTEMPTS = 5  # wrong sheets per hour, per attempt source and per login
WINDOW = 3600


def keys_beyond(user, school):
    """What a new password for `user` would lose beyond `school`: "school" (they work at or
    hold a key of another school), "specialist" (a district specialist's own key) or None.
    Both the web recovery and `add_staff --reset-password` refuse a reset then."""
    if (
        user.memberships.exclude(school=school).exists()
        or user.key_grants.exclude(school=school).exists()
        or user.generation_seals.exclude(generation__school=school).exists()
    ):
        return "school"
    from urgent.models import ChildProtectionSpecialist

    if ChildProtectionSpecialist.objects.filter(user=user).exists():
        return "specialist"
    return None


def _school_of(user):
    """The one school whose sheet may reset this user's password, or None. A member of two
    schools (or a district specialist) would lose their other keys: they are refused."""
    if user is None or not user.is_active:
        return None
    membership = user.memberships.select_related("school").first()
    if membership is None or keys_beyond(user, membership.school):
        return None
    return membership.school


def _refused(form):
    form.add_error(
        None,
        _(
            "The login or the code from the recovery-key sheet is not right. Check the sheet "
            "that is in the school safe now: after a new key, the old sheet stops working."
        ),
    )


@never_cache
def recover_password(request):
    form = RecoveryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"].strip()
        keys = (
            f"recover:src:{throttle.source(request)}",
            f"recover:login:{throttle.keyed(username.casefold())}",
        )
        if not all(throttle.take(key, ATTEMPTS, WINDOW) for key in keys):
            form.add_error(
                None,
                _("Too many attempts. Wait an hour and try again, with the sheet at hand."),
            )
            return render(request, "accounts/recover.html", {"form": form}, status=429)
        user = get_user_model().objects.filter(username__iexact=username).first()
        school = _school_of(user)
        keyring = None
        if school is not None:
            try:
                keyring = recover(school, form.cleaned_data["recovery_key"])
            except (nacl.exceptions.CryptoError, ValueError):
                keyring = None
        if keyring is None:
            _refused(form)
            return render(request, "accounts/recover.html", {"form": form})
        password = form.cleaned_data["password1"]
        with transaction.atomic():
            user.set_password(password)
            user.save(update_fields=["password"])
            if user.memberships.filter(school=school, role__in=Membership.READERS).exists() or (
                user.generation_seals.exists() or user.key_grants.exists()
            ):
                grant(school, user, password, keyring)
            record("password_recovered", school=school, user=user.pk)
        for key in keys:
            throttle.clear(key)
        messages.success(
            request,
            _(
                "The new password is set and the school key is yours again. Log in with it. "
                "Put the recovery-key sheet back in the school safe."
            ),
        )
        return redirect("login")
    return render(request, "accounts/recover.html", {"form": form})
