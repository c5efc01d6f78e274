"""Tasks: staff notices and mails. Mails never carry appeal content (DESIGN.md §4)."""

import logging

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from accounts.models import Membership
from journal.models import Appeal
from notify.models import Notice, OutgoingMail

log = logging.getLogger(__name__)


def enqueue(task, *args):
    """Queue a task; if the queue itself fails, the sweep below still finds the work."""
    try:
        task(*args)
    except Exception:  # noqa: BLE001 — the appeal is stored; the notice can wait
        log.exception("could not queue %s", task.name)


def _recipients(appeal, roles=(Membership.RESPONSIBLE,)):
    users = {
        m.user
        for m in Membership.objects.filter(school=appeal.school, role__in=roles).select_related(
            "user"
        )
        if m.user.is_active
    }
    excluded = set(appeal.excluded_staff.all())
    return [u for u in users if u not in excluded]


def _site_url(path):
    from django.conf import settings

    return settings.SITE_URL.rstrip("/") + path


def notify_appeal(appeal):
    """Notices and mails for a new appeal. Idempotent: running it twice sends nothing twice."""
    urgent = appeal.urgency == Appeal.URGENT
    kind = Notice.URGENT if urgent else Notice.NEW_APPEAL
    for user in _recipients(appeal):
        _notice(user, appeal, kind, f"{kind}:{appeal.pk}")
        if user.email:
            with translation.override("ky"):
                subject = (
                    _("Urgent appeal %(tag)s — please look today")
                    if urgent
                    else _("New appeal %(tag)s")
                ) % {"tag": appeal.tag}
                body = _(
                    "A new appeal has come to %(school)s. Log in to read it:\n%(url)s\n\n"
                    "For confidentiality this mail does not contain the text."
                ) % {
                    "school": appeal.school.name_ky,
                    "url": _site_url(reverse("journal:appeal", args=[appeal.pk])),
                }
            queue_mail(f"{kind}:{appeal.pk}:{user.pk}", user.email, subject, body)


def _notice(user, appeal, kind, key):
    try:
        with transaction.atomic():
            Notice.objects.create(user=user, appeal=appeal, kind=kind, key=key)
    except IntegrityError:
        pass


def queue_mail(key, to, subject, body):
    mail, created = OutgoingMail.objects.get_or_create(
        key=key, defaults={"to": to, "subject": subject, "body": body}
    )
    if created:
        deliver(mail)
    return mail


def deliver(mail):
    """Send one queued mail; on failure keep it for the next sweep."""
    if mail.sent_at:
        return True
    mail.attempts += 1
    try:
        send_mail(mail.subject, mail.body, None, [mail.to])
    except Exception as exc:  # noqa: BLE001 — any transport error: retry later
        mail.last_error = type(exc).__name__
        mail.save(update_fields=["attempts", "last_error"])
        log.warning("mail %s not sent (%s); will retry", mail.pk, type(exc).__name__)
        return False
    mail.sent_at = timezone.now()
    mail.save(update_fields=["attempts", "sent_at"])
    return True


@db_task(retries=3, retry_delay=30)
def appeal_received(appeal_id):
    appeal = Appeal.objects.filter(pk=appeal_id).select_related("school").first()
    if appeal:
        notify_appeal(appeal)


@db_task(retries=3, retry_delay=30)
def author_wrote(appeal_id):
    appeal = Appeal.objects.filter(pk=appeal_id).first()
    if appeal is None:
        return
    count = appeal.messages.filter(sender="author").count()
    for user in _recipients(appeal):
        _notice(user, appeal, Notice.AUTHOR_WROTE, f"wrote:{appeal.pk}:{count}")
    if appeal.urgency == Appeal.URGENT:
        notify_appeal(appeal)


@db_periodic_task(crontab(minute="*/5"))
def sweep():
    """Every 5 minutes: notices for appeals a failed queue missed, and mails not yet sent."""
    since = timezone.now() - timezone.timedelta(days=2)
    for appeal in Appeal.objects.filter(created_at__gte=since).select_related("school"):
        notify_appeal(appeal)
    for mail in OutgoingMail.objects.filter(sent_at__isnull=True, attempts__lt=50):
        deliver(mail)
