"""The public health page, and each staff member's Telegram link."""

import json

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from notify import telegram
from notify.forms import TelegramForm
from notify.models import TelegramLink
from notify.outage import mail_outage


def _wants_json(request):
    return request.GET.get("format") == "json" or "application/json" in request.headers.get(
        "Accept", ""
    )


@never_cache
def health(request):
    """200 when all is well, 503 while e-mail fails or the database is unreachable. Public, so
    it says only what a monitor needs: no school, address or letter. Rendered without the
    request's context (no session, no user), so it answers even with the database down."""
    now = timezone.now()
    try:
        connection.ensure_connection()
        outage = mail_outage(now)
    except DatabaseError:
        outage = None
    if outage is None:
        status, sentences = "database_unreachable", [_("The database cannot be reached.")]
    elif outage.failing:
        status, sentences = "email_failing", outage.sentences(now)
    else:
        status, sentences = "ok", [_("Everything works."), *outage.sentences(now)]
    code = 200 if status == "ok" else 503
    response = _health_response(request, status, code, outage, sentences, now)
    # A 503 here is the page doing its job, not a server error: monitors poll it every minute.
    response._has_been_logged = True
    return response


def _health_response(request, status, code, outage, sentences, now):
    if _wants_json(request):
        body = {
            "status": status,
            "database": outage is not None,
            "email": None
            if outage is None
            else {
                "failing": outage.failing,
                "since": timezone.localtime(outage.since).isoformat() if outage.since else None,
                "waiting": outage.waiting,
                "given_up": outage.given_up,
            },
            "message": " ".join(sentences),
            "checked_at": timezone.localtime(now).isoformat(),
        }
        return HttpResponse(json.dumps(body), content_type="application/json", status=code)
    html = render_to_string(
        "notify/health.html",
        {
            "ok": code == 200,
            "sentences": sentences,
            "checked_at": date_format(timezone.localtime(now), "d.m.Y H:i"),
        },
    )
    return HttpResponse(html, status=code)


@login_required
def telegram_page(request):
    """Link a Telegram chat with a one-time code, or unlink it. The code is shown once, in the
    answer to the POST, and never kept in the session, a URL or the database (only a hash)."""
    code = None
    form = TelegramForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["action"] == "unlink":
            telegram.unlink(request.user)
        elif telegram.enabled():
            code = telegram.new_code(request.user)
    link = TelegramLink.objects.filter(user=request.user).first()
    return render(
        request,
        "notify/telegram.html",
        {
            "enabled": telegram.enabled(),
            "bot_name": settings.TELEGRAM_BOT_NAME,
            "link": link,
            "code": code,
            "minutes": telegram.CODE_MINUTES,
        },
    )
