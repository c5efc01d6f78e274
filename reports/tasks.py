"""Regulation B 4.6: remind the responsible person before the 5th; tell the director when the
report is late. Idempotent: a notice and a mail per person and quarter, whatever the runs."""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from accounts.models import Membership
from ishenim.lib.urls import absolute_url
from notify.models import Notice
from notify.tasks import queue_mail
from reports.due import report_due
from reports.labels import quarter_name
from schools.models import School

REPORT_DUE, REPORT_LATE = "report_due", "report_late"


def _people(school, roles):
    return [
        m.user
        for m in Membership.objects.filter(school=school, role__in=roles).select_related("user")
        if m.user.is_active
    ]


def _notify(user, school, kind, key, subject, body):
    try:
        with transaction.atomic():
            Notice.objects.create(user=user, school=school, kind=kind, key=key)
    except IntegrityError:
        return False  # already told
    if user.email:
        queue_mail(f"{key}:{user.pk}", user.email, subject, body)
    return True


def remind_school(school, today):
    """What to tell about one school's report today; returns the number of new notices."""
    # Only a school whose regulation has the quarterly report is reminded of it.
    if not school.rules(today).quarterly_report:
        return 0
    due = report_due(school, today)
    if due.done:
        return 0
    quarter = f"{due.year}Q{due.quarter}"
    url = absolute_url(reverse("reports:list", args=[school.slug]))
    sent = 0
    with translation.override("ky"):
        name = quarter_name(due.year, due.quarter)
        when = f"{due.due_on:%d.%m.%Y}"
        if not due.is_late(today):
            subject = _("The analytical report for %(quarter)s is due by %(date)s") % {
                "quarter": name,
                "date": when,
            }
            body = _(
                "Please prepare the quarterly analytical report of %(school)s by %(date)s "
                "(regulation, 4.6). Ishenim drafts the figures for you:\n%(url)s"
            ) % {"school": school.name_ky, "date": when, "url": url}
            for user in _people(school, (Membership.RESPONSIBLE,)):
                key = f"{REPORT_DUE}:{school.pk}:{quarter}"
                sent += _notify(user, school, REPORT_DUE, key, subject, body)
        else:
            subject = _("The analytical report for %(quarter)s is late") % {"quarter": name}
            body = _(
                "The quarterly analytical report of %(school)s was due by %(date)s and has not "
                "been prepared yet.\n%(url)s"
            ) % {"school": school.name_ky, "date": when, "url": url}
            for user in _people(school, (Membership.DIRECTOR,)):
                key = f"{REPORT_LATE}:{school.pk}:{quarter}"
                sent += _notify(user, school, REPORT_LATE, key, subject, body)
    return sent


def send_report_reminders(today=None):
    today = today or timezone.localdate()
    return sum(remind_school(school, today) for school in School.objects.all())


@db_periodic_task(crontab(hour="7", minute="30"))
def report_reminders():
    """Every morning: reminders from the quarter's end to the 5th, then the director's notice."""
    send_report_reminders()
