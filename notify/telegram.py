"""Telegram, the channel a staff member opts into: a one-time code links their private chat,
alerts then reach the phone at once — also while the mail server is down.

Only the standard library talks to the Bot API (urllib): two calls, no dependency needed. The
token sits in the URL, so no URL, response or exception text goes into a log or the database.
Messages are content-free like the mails (DESIGN.md §4): "a letter needs you" and a link to
the staff home page, never the letter's text, category or school.
"""

import datetime
import json
import logging
import secrets
import urllib.error
import urllib.request

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ishenim.lib.urls import absolute_url
from notify.models import (
    ChannelState,
    TelegramChatThrottle,
    TelegramCode,
    TelegramLink,
    TelegramMessage,
)

log = logging.getLogger(__name__)

# No 0/O or 1/I: the code is read from one screen and typed on another.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10  # 50 bits: guessing one live code within 15 minutes is hopeless
CODE_MINUTES = 15
WRONG_CODES_PER_HOUR = 5
IGNORE_FOR = datetime.timedelta(hours=1)
TIMEOUT_SECONDS = 10
BATCH = 500


class TelegramError(Exception):
    """A failed Bot API call; `status` is the HTTP status (0: no answer at all)."""

    def __init__(self, status):
        super().__init__(f"Telegram {status}")
        self.status = status


def enabled():
    return bool(settings.TELEGRAM_BOT_TOKEN)


def call(method, payload):
    """One Bot API call; returns its `result` or raises TelegramError (without the URL)."""
    base = settings.TELEGRAM_API_BASE.rstrip("/")
    request = urllib.request.Request(
        f"{base}/bot{settings.TELEGRAM_BOT_TOKEN}/{method}",
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            body = json.load(response)
    except urllib.error.HTTPError as exc:
        raise TelegramError(exc.code) from None
    except (OSError, ValueError):
        raise TelegramError(0) from None
    if not body.get("ok"):
        raise TelegramError(body.get("error_code") or 0)
    return body.get("result")


# --- Alerts ------------------------------------------------------------------------------------


def chat_of(user):
    """The linked chat id, or None (also when the channel is off)."""
    if not enabled() or not getattr(user, "pk", None):
        return None
    return TelegramLink.objects.filter(user=user).values_list("chat_id", flat=True).first()


def alert_text():
    """The same words for every alert, in Kyrgyz and Russian: nothing about the letter."""
    lines = []
    for lang in ("ky", "ru"):
        with translation.override(lang):
            lines.append(_("Ishenim: a letter needs you. Please open Ishenim."))
    return "\n".join([*lines, absolute_url(reverse("staff-home"))])


def queue_alert(user, alert):
    """Store the message in the caller's transaction; send it when that commits. The key is
    the alert's and the person's, so a repeated ladder step sends nothing twice."""
    chat_id = chat_of(user)
    if chat_id is None:
        return
    message, created = TelegramMessage.objects.get_or_create(
        key=f"{alert.key}:{user.pk}",
        defaults={"user": user, "chat_id": chat_id, "text": alert_text()},
    )
    if created:
        transaction.on_commit(lambda: deliver(message))


def deliver(message, now=None):
    """Send one message if this worker wins its lease (True sent, False failed, None not ours)."""
    if message.sent_at:
        return True
    now = now or timezone.now()
    if not enabled() or not message.claim(now):
        return None
    message.refresh_from_db(fields=["attempts", "sent_at", "created_at"])
    try:
        call(
            "sendMessage",
            {
                "chat_id": message.chat_id,
                "text": message.text,
                "link_preview_options": {"is_disabled": True},
            },
        )
    except TelegramError as exc:
        if exc.status in (400, 403):
            # The person blocked the bot or deleted the chat: retrying cannot help, and the
            # link is stale. Kept as given up; the other channels still carry the alert.
            message.record_failure(now, str(exc))
            message.failed_at = now
            message.save(update_fields=["failed_at"])
            if message.user_id:
                TelegramLink.objects.filter(
                    user_id=message.user_id, chat_id=message.chat_id
                ).delete()
            return False
        message.record_failure(now, str(exc))
        ChannelState.failed(ChannelState.TELEGRAM, now)
        log.warning("telegram message %s not sent (%s); will retry", message.pk, exc.status)
        return False
    message.record_success(now)
    ChannelState.succeeded(ChannelState.TELEGRAM, now)
    return True


def send_due(now=None):
    """The Telegram half of the minute's sweep; stops at the first failure like the mail half."""
    if not enabled():
        return 0
    now = now or timezone.now()
    TelegramMessage.give_up_stale(now)
    sent = 0
    due = TelegramMessage.objects.due(now).order_by("next_attempt_at", "pk")[:BATCH]
    for message in due:
        result = deliver(message, now)
        if result is False and ChannelState.failing_since_of(ChannelState.TELEGRAM):
            break
        sent += bool(result)
    return sent


# --- Linking a chat ----------------------------------------------------------------------------


def _hash(code):
    return salted_hmac("notify.telegram.code", code.strip().upper()).hexdigest()


def new_code(user, now=None):
    """A fresh one-time code for `user` (returned once, stored only as a hash); any earlier
    unused code of theirs stops working."""
    now = now or timezone.now()
    code = "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))
    with transaction.atomic():
        TelegramCode.objects.filter(user=user, used_at__isnull=True).delete()
        TelegramCode.objects.create(
            user=user,
            code_hash=_hash(code),
            created_at=now,
            expires_at=now + datetime.timedelta(minutes=CODE_MINUTES),
        )
    return code


def redeem(code, now):
    """The user of a live, unused code, marking it used (once, even with two polls at once);
    None for a wrong, used or expired one."""
    digest = _hash(code)
    row = TelegramCode.objects.filter(code_hash=digest).select_related("user").first()
    if row is None or not constant_time_compare(row.code_hash, digest):
        return None
    won = TelegramCode.objects.filter(pk=row.pk, used_at__isnull=True, expires_at__gt=now).update(
        used_at=now
    )
    return row.user if won and row.user.is_active else None


def unlink(user):
    """Stop Telegram alerts for `user`; what is still queued for their chat is dropped."""
    with transaction.atomic():
        TelegramLink.objects.filter(user=user).delete()
        TelegramMessage.objects.waiting().filter(user=user).delete()


def _wrong_code(chat_id, now):
    """Count a wrong code; True when the chat has now used up its tries for the hour."""
    throttle, _created = TelegramChatThrottle.objects.select_for_update().get_or_create(
        chat_id=chat_id, defaults={"window_started_at": now}
    )
    if now - throttle.window_started_at >= datetime.timedelta(hours=1):
        throttle.window_started_at, throttle.failures = now, 0
    throttle.failures += 1
    blocked = throttle.failures >= WRONG_CODES_PER_HOUR
    if blocked:
        throttle.ignored_until = now + IGNORE_FOR
        throttle.window_started_at, throttle.failures = now + IGNORE_FOR, 0
    throttle.save()
    return blocked


def _is_ignored(chat_id, now):
    return TelegramChatThrottle.objects.filter(chat_id=chat_id, ignored_until__gt=now).exists()


def _both(message):
    """A reply in Kyrgyz, then Russian (we do not know the language of the chat)."""
    lines = []
    for lang in ("ky", "ru"):
        with translation.override(lang):
            lines.append(_(message))
    return "\n\n".join(lines)


# Marked for translation here, translated in _both().
LINKED = gettext_noop(
    "Ishenim: this chat is linked. Alerts will come here; they never contain a letter."
)
REFUSED = gettext_noop(
    "Ishenim: this code does not work. It may be mistyped, used already or older than "
    "15 minutes. Get a new code on the Telegram page in Ishenim."
)
TOO_MANY = gettext_noop("Ishenim: too many wrong codes. This chat is ignored for an hour.")
HOW_TO = gettext_noop(
    "Ishenim: to link this chat, send the code from the Telegram page in Ishenim: /start CODE"
)


def _reply(update_id, chat_id, text):
    """Replies go through the outbox too; the key is the update, so a repeated poll replies
    once."""
    message, created = TelegramMessage.objects.get_or_create(
        key=f"reply:{update_id}", defaults={"chat_id": chat_id, "text": text}
    )
    if created:
        transaction.on_commit(lambda: deliver(message))


def handle(update, now):
    """One update from getUpdates: `/start CODE` in a private chat links it; nothing else is
    read or kept (no names, no other messages)."""
    message = update.get("message") or {}
    chat = message.get("chat") or {}
    text = (message.get("text") or "").strip()
    if chat.get("type") != "private" or not text.startswith("/start"):
        return
    chat_id = chat.get("id")
    if not isinstance(chat_id, int) or _is_ignored(chat_id, now):
        return
    parts = text.split()
    if len(parts) < 2:
        _reply(update["update_id"], chat_id, _both(HOW_TO))
        return
    user = redeem(parts[1], now)
    if user is None:
        blocked = _wrong_code(chat_id, now)
        _reply(update["update_id"], chat_id, _both(TOO_MANY if blocked else REFUSED))
        return
    TelegramLink.objects.update_or_create(
        user=user, defaults={"chat_id": chat_id, "linked_at": now}
    )
    _reply(update["update_id"], chat_id, _both(LINKED))


def poll(now=None):
    """Fetch the bot's new updates and handle them. Each update is handled in one transaction
    with the stored offset, so one is never handled twice, nor skipped, across restarts.
    `timeout` 0: a short poll each minute keeps the worker free (codes live 15 minutes)."""
    if not enabled():
        return 0
    now = now or timezone.now()
    state, _created = ChannelState.objects.get_or_create(name=ChannelState.TELEGRAM)
    try:
        updates = call(
            "getUpdates", {"offset": state.cursor, "timeout": 0, "allowed_updates": ["message"]}
        )
    except TelegramError as exc:
        log.warning("telegram getUpdates failed (%s)", exc.status)
        return 0
    for update in sorted(updates or [], key=lambda u: u.get("update_id", 0)):
        if not isinstance(update.get("update_id"), int):
            continue
        with transaction.atomic():
            handle(update, now)
            ChannelState.objects.filter(name=ChannelState.TELEGRAM).update(
                cursor=update["update_id"] + 1
            )
    return len(updates or [])
