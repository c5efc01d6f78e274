"""Staff login: a wrong password counts toward a lock-out; a right one unlocks the school keys."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.forms import LoginForm
from accounts.models import LoginThrottle
from audit.models import record
from vault.keys import rewrap_grants, unlock

LOCK_MINUTES = 15


def login_view(request):
    form = LoginForm(request, request.POST or None)
    if request.method == "POST":
        username = request.POST.get("username", "")[:150]
        throttle = LoginThrottle.objects.filter(username=username).first()
        if throttle and throttle.locked_until and throttle.locked_until > timezone.now():
            form.is_valid()
            form.errors.clear()
            form.add_error(
                None,
                _("Too many wrong passwords. This login is locked for %(minutes)d minutes.")
                % {"minutes": LOCK_MINUTES},
            )
        elif form.is_valid():
            LoginThrottle.objects.filter(username=username).delete()
            login(request, form.user)
            request.session.set_expiry(settings.SESSION_COOKIE_AGE)
            unlock(request, form.user, form.cleaned_data["password"])
            target = request.GET.get("next", "")
            if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
                target = settings.LOGIN_REDIRECT_URL
            return redirect(target or settings.LOGIN_REDIRECT_URL)
        else:
            throttle, _created = LoginThrottle.objects.get_or_create(username=username)
            throttle.failures += 1
            if throttle.failures >= settings.STAFF_LOGIN_FAILURES:
                throttle.locked_until = timezone.now() + datetime.timedelta(minutes=LOCK_MINUTES)
                throttle.failures = 0
            throttle.save()
    return render(request, "accounts/login.html", {"form": form})


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
