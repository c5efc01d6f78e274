"""The reminder before the review day (regulation A: the commission reads the letters together
on the sixth day of the week). Figures only: a mail or notice never carries appeal text."""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from commission.meetings import (
    LATE_AFTER_WORKING_DAYS,
    appeals_for_review,
    next_review_day,
    review_period,
    unsigned_members,
)
from commission.models import Commission, CommissionMember, Meeting
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


# --- Regulation B 4.3: minutes signed by all members -------------------------------------------


def minutes_reminders(today=None):
    """Minutes still unsigned 3 working days after the meeting was entered: a notice (and a
    mail) to each member who has not signed and to the chair. Once per meeting and person."""
    today = today or timezone.localdate()
    sent = 0
    meetings = (
        Meeting.objects.filter(final_at__isnull=True, commission__status=Commission.ACTIVE)
        .filter(held_on__lt=today)
        .select_related("commission__school")
    )
    for meeting in meetings:
        school = meeting.school
        entered = max(meeting.held_on, timezone.localdate(meeting.created_at))
        if school.calendar().working_days_between(entered, today) < LATE_AFTER_WORKING_DAYS + 1:
            continue
        missing = list(unsigned_members(meeting).filter(user__isnull=False, user__is_active=True))
        people = {m.user for m in missing}
        chair = meeting.commission.members.filter(
            position=CommissionMember.CHAIR, user__isnull=False
        ).first()
        if chair is not None:
            people.add(chair.user)
        key = f"minutes:{meeting.pk}"
        for user in people:
            try:
                with transaction.atomic():
                    Notice.objects.create(
                        user=user, school=school, kind=Notice.MINUTES_UNSIGNED, key=key
                    )
            except IntegrityError:
                continue
            sent += 1
            if user.email:
                with translation.override("ky"):
                    subject = _("Minutes No. %(number)s are not signed by every member yet") % {
                        "number": meeting.number or "—"
                    }
                    body = _(
                        "%(school)s: the minutes of the meeting of %(date)s are still waiting "
                        "for signatures (%(missing)d missing). A meeting counts only when every "
                        "member has signed.\n%(url)s"
                    ) % {
                        "school": school.name_ky,
                        "date": meeting.held_on.strftime("%d.%m.%Y"),
                        "missing": len(missing)
                        + unsigned_members(meeting).filter(user__isnull=True).count(),
                        "url": absolute_url(reverse("commission:meeting", args=[meeting.pk])),
                    }
                queue_mail(f"{key}:{user.pk}", user.email, subject, body)
    return sent


@db_periodic_task(crontab(minute="30", hour="9"))
def remind_minutes():
    """Every morning: unsigned minutes reminded."""
    minutes_reminders()
