"""Regulation A: the social pedagogue takes the letters out once a week. A school week with
no collection (the school's calendar: weekends, public holidays and days off excluded) warns
the responsible person on the next working day. Idempotent: once per school and week."""

import datetime

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
from openings.models import BoxOpening
from schools.models import School, rules_for


def school_week_before(school, today):
    """The working days of the week before `today`'s week, when `today` is the first working
    day after that week (else None): the day the warning is due."""
    calendar = school.calendar()
    if not calendar.is_working_day(today):
        return None
    previous = calendar.previous_working_day(today)
    if previous.isocalendar()[:2] == today.isocalendar()[:2]:
        return None  # not the first working day after a week
    monday = previous - datetime.timedelta(days=previous.weekday())
    days = [monday + datetime.timedelta(days=i) for i in range(7)]
    return [d for d in days if calendar.is_working_day(d)]


def collection_warnings(today=None):
    today = today or timezone.localdate()
    schools = list(School.objects.all())
    rules = rules_for(schools, today)
    sent = 0
    for school in schools:
        if not rules[school.pk].weekly_collection:
            continue
        week = school_week_before(school, today)
        if not week:
            continue  # not the day to look back, or a week with no school days (holidays)
        collected = BoxOpening.objects.filter(
            school=school,
            opened_at__date__gte=week[0],
            opened_at__date__lte=week[-1] + datetime.timedelta(days=1),
        ).exists()
        if collected:
            continue
        key = f"no_collection:{school.pk}:{week[0].isoformat()}"
        for membership in Membership.objects.filter(
            school=school, role=Membership.RESPONSIBLE, user__is_active=True
        ).select_related("user"):
            user = membership.user
            try:
                with transaction.atomic():
                    Notice.objects.create(
                        user=user, school=school, kind=Notice.NO_COLLECTION, key=key
                    )
            except IntegrityError:
                continue
            sent += 1
            if user.email:
                with translation.override("ky"):
                    values = {
                        "school": school.name_ky,
                        "start": week[0].strftime("%d.%m.%Y"),
                        "end": week[-1].strftime("%d.%m.%Y"),
                        "url": absolute_url(reverse("openings:list")),
                    }
                    subject = _("No collection of the letters from %(start)s to %(end)s") % values
                    body = (
                        _(
                            "%(school)s: the letters were not taken out of the box in the school "
                            "week from %(start)s to %(end)s. The regulation asks for a collection "
                            "once a week. Record it here:\n%(url)s"
                        )
                        % values
                    )
                queue_mail(f"{key}:{user.pk}", user.email, subject, body)
    return sent


@db_periodic_task(crontab(minute="0", hour="8"))
def warn_missing_collection():
    """Every morning: the first working day after a school week without a collection."""
    collection_warnings()
