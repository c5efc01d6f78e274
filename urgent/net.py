"""The net under the triage: a letter that no key holder has opened within a working day (and
never more than 48 hours, holidays included) alerts the responsible person; after two working
days (at most 72 hours) the next step of the ladder. A missed urgent letter then waits hours,
not until the weekly opening."""

import datetime

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from audit.models import Event, record
from ishenim.lib.urls import absolute_url
from journal.models import Appeal
from notify.channels import Alert, alert
from notify.models import Notice
from urgent.ladder import NET_HOURS, key_holder_ids, reachable_steps
from urgent.models import NetAlert

LOOKBACK_DAYS = 14


def seen_by_staff():
    """Any staff action on the letter (opened, registered, typed from paper) means it was read."""
    return Exists(Event.objects.filter(appeal=OuterRef("pk"), actor__isnull=False))


def unread(school_ids=None, now=None):
    """Open letters of the last weeks that nobody on the staff has opened."""
    now = now or timezone.now()
    qs = Appeal.objects.filter(
        status__in=Appeal.OPEN_STATUSES,
        answered_on__isnull=True,
        created_at__gte=now - datetime.timedelta(days=LOOKBACK_DAYS),
    ).exclude(seen_by_staff())
    if school_ids is not None:
        qs = qs.filter(school_id__in=school_ids)
    return qs


def due_at(appeal, stage, calendar=None):
    """When stage 1 (one working day) or 2 (two working days) of the net falls due."""
    calendar = calendar or appeal.school.calendar()
    local = timezone.localtime(appeal.created_at)
    day = calendar.add_working_days(local.date(), stage)
    by_days = timezone.make_aware(
        datetime.datetime.combine(day, local.time()), timezone.get_current_timezone()
    )
    return min(by_days, appeal.created_at + datetime.timedelta(hours=NET_HOURS[stage - 1]))


def sweep(now=None):
    """Alert for every unread letter whose stage fell due. Idempotent (one NetAlert a stage)."""
    now = now or timezone.now()
    candidates = (
        unread(now=now)
        .filter(created_at__lte=now - datetime.timedelta(hours=24))
        .select_related("school")
    )
    done = set(NetAlert.objects.filter(appeal__in=candidates).values_list("appeal_id", "stage"))
    calendars = {}
    sent = 0
    for appeal in candidates:
        calendar = calendars.setdefault(appeal.school_id, appeal.school.calendar())
        for stage in (1, 2):
            if (appeal.pk, stage) in done or due_at(appeal, stage, calendar) > now:
                continue
            _, created = NetAlert.objects.get_or_create(appeal=appeal, stage=stage)
            if not created:
                continue
            steps = reachable_steps(appeal, today=timezone.localdate(now))
            targets = steps[stage - 1 : stage] or steps[-1:]
            holders = key_holder_ids(appeal.school)
            for s in targets:
                for user in s.users:
                    _alert(appeal, user, stage, user.pk in holders)
            record("unread_alert", appeal=appeal, stage=stage)
            sent += 1
    return sent


def _alert(appeal, user, stage, can_read):
    path = reverse("journal:appeal", args=[appeal.pk]) if can_read else reverse("staff-home")
    parts = []
    for lang in ("ky", "ru"):
        with translation.override(lang):
            parts.append(
                (
                    _("A letter has not been opened for a working day"),
                    _(
                        "A letter that came to the trust mailbox has not been opened by anyone who "
                        "can read it. It may be urgent. Please open Ishenim:"
                    ),
                )
            )
    alert(
        user,
        Alert(
            key=f"unread:{appeal.pk}:{stage}",
            kind=Notice.UNREAD,
            subject=f"{parts[0][0]} / {parts[1][0]}",
            body="\n\n".join(f"{b}\n{absolute_url(path)}" for _s, b in parts),
            appeal=appeal if can_read else None,
            school=appeal.school,
            urgent=stage > 1,
        ),
    )
