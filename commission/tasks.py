"""The reminder before the review day (regulation A: the commission reads the letters together
on the sixth day of the week). Figures only: a mail or notice never carries appeal text."""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from commission.meetings import appeals_for_review, next_review_day, review_period
from commission.models import Commission
from ishenim.lib.urls import absolute_url
from notify.models import Notice
from notify.tasks import queue_mail

REVIEW_TOMORROW = "review_tomorrow"


def review_reminders(today=None):
    """On the working day before each school's review day, a notice (and a mail when the
    member has an address) to every commission member with an account. Idempotent: the keys
    name the school and the review day, so a second run sends nothing twice."""
    today = today or timezone.localdate()
    sent = 0
    for commission in Commission.objects.filter(status=Commission.ACTIVE).select_related("school"):
        school = commission.school
        # Regulation A: only a school that collects weekly has a review day.
        if not school.rules(today).weekly_collection:
            continue
        review_day = next_review_day(school, today)
        if school.calendar().previous_working_day(review_day) != today:
            continue
        since, until = review_period(school, review_day)
        count = appeals_for_review(school, since, min(until, today)).count()
        key = f"review:{school.pk}:{review_day.isoformat()}"
        for member in commission.members.filter(user__isnull=False, user__is_active=True):
            user = member.user
            try:
                with transaction.atomic():
                    Notice.objects.create(user=user, school=school, kind=REVIEW_TOMORROW, key=key)
            except IntegrityError:
                continue  # reminded already
            sent += 1
            if user.email:
                with translation.override("ky"):
                    subject, body = _mail(school, review_day, count)
                queue_mail(f"{key}:{user.pk}", user.email, subject, body)
    return sent


def _mail(school, review_day, count):
    subject = ngettext(
        "The weekly review is on %(day)s: %(count)d appeal since the last review",
        "The weekly review is on %(day)s: %(count)d appeals since the last review",
        count,
    ) % {"day": review_day.strftime("%d.%m.%Y"), "count": count}
    body = ngettext(
        "%(school)s: the commission reviews the letters on %(day)s. %(count)d appeal has come "
        "since the last review.\n%(url)s\n\nFor confidentiality this mail does not contain "
        "the text.",
        "%(school)s: the commission reviews the letters on %(day)s. %(count)d appeals have "
        "come since the last review.\n%(url)s\n\nFor confidentiality this mail does not "
        "contain the text.",
        count,
    ) % {
        "school": school.name_ky,
        "day": review_day.strftime("%d.%m.%Y"),
        "count": count,
        "url": absolute_url(reverse("commission:home", args=[school.slug])),
    }
    return subject, body


@db_periodic_task(crontab(minute="0", hour="14"))
def remind_review():
    """Every day at 14:00: the reminders due today."""
    review_reminders()
