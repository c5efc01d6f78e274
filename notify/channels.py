"""The ways a staff alert reaches a person: the in-app notice, Telegram for those who opted in,
and e-mail. Other apps call :func:`alert`; they never pick a channel themselves. A new way (SMS)
is one more :class:`Channel` in :data:`CHANNELS`.

Every alert is content-free (DESIGN.md §4): no letter text, no category, nothing that names the
child — only "open Ishenim". Every delivery carries a key, so calling :func:`alert` twice with
the same key delivers nothing twice (a restarted worker may repeat a step).
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction


@dataclass(frozen=True)
class Alert:
    key: str  # unique per (what, round); the recipient is added per channel
    kind: str  # a Notice kind
    subject: str
    body: str
    appeal: object = None
    school: object = None
    urgent: bool = False


class Channel:
    """One way to reach a person. `send` queues the alert; delivery may happen later."""

    name = ""

    def available_for(self, user) -> bool:
        return True

    def send(self, user, alert: Alert) -> None:
        raise NotImplementedError


class InApp(Channel):
    name = "in_app"

    def send(self, user, alert):
        from notify.models import Notice

        try:
            with transaction.atomic():
                Notice.objects.create(
                    user=user,
                    appeal=alert.appeal,
                    school=alert.school,
                    kind=alert.kind,
                    key=alert.key,
                )
        except IntegrityError:
            pass


class Email(Channel):
    name = "email"

    def available_for(self, user):
        return bool(user.email)

    def send(self, user, alert):
        """The mail is stored in the caller's transaction and handed to the server only after
        it commits: a worker killed in between leaves an unsent mail for the sweep, never a
        mail sent whose record was rolled back (which would be sent twice)."""
        from notify.models import OutgoingMail
        from notify.tasks import deliver, email_failing

        mail, created = OutgoingMail.objects.get_or_create(
            key=f"{alert.key}:{user.pk}",
            defaults={"to": user.email, "subject": alert.subject, "body": alert.body},
        )
        # While the server is failing the minute's sweep probes it; a wave of alerts does not
        # wait for a timeout per person.
        if created and not email_failing():
            transaction.on_commit(lambda: deliver(mail))


class Telegram(Channel):
    """Opt-in (the staff member linked a chat at /staff/telegram/). It comes before e-mail, so
    an urgent alert reaches the phone at once, whatever the mail server is doing."""

    name = "telegram"

    def available_for(self, user):
        from notify import telegram

        return telegram.chat_of(user) is not None

    def send(self, user, alert):
        from notify import telegram

        telegram.queue_alert(user, alert)


# The order is the order of delivery after the commit: in-app, Telegram, e-mail.
CHANNELS: list[Channel] = [InApp(), Telegram(), Email()]


def alert(user, alert: Alert) -> list[str]:
    """Send `alert` to `user` through every channel they can be reached on; return the names."""
    used = []
    for channel in CHANNELS:
        if channel.available_for(user):
            channel.send(user, alert)
            used.append(channel.name)
    return used
