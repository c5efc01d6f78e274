"""The urgent lane's clock: every minute, the waves that fell due, late decisions, the net."""

import logging
import time

from django.db.models import Q
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from journal.models import Appeal
from urgent import ladder, net
from urgent.models import UrgentCase

log = logging.getLogger(__name__)

# Letters that came in this window and are urgent or "attention" without a case get one: a
# queue that failed at submission, or a level raised by staff, still reaches the lane.
CATCH_UP_HOURS = 72
BATCH = 20


def tick(now=None, dispatch=None, open_later=None):
    """One pass: returns how many waves were sent (or handed to `dispatch`). Each case is
    advanced in its own transaction, so a worker killed half-way leaves the rest for the next
    pass. The worker's minute passes `dispatch` and `open_later`: the pass then only selects
    and enqueues, and the worker's threads send the waves side by side, so a busy minute never
    delays the next."""
    now = now or timezone.now()
    since = now - timezone.timedelta(hours=CATCH_UP_HOURS)
    missing = (
        Appeal.objects.filter(
            Q(urgency=Appeal.URGENT) | Q(urgency=Appeal.ATTENTION),
            created_at__gte=since,
            status__in=Appeal.OPEN_STATUSES,
            answered_on__isnull=True,
            urgent_case__isnull=True,
        )
        .select_related("school")
        .order_by("created_at")
    )
    for appeal in missing:
        if open_later is not None:
            open_later(appeal.pk)
        else:
            ladder.open_case(appeal, level=_level(appeal), now=now)
    # Raised to urgent after the case opened as "attention".
    for case in UrgentCase.objects.filter(
        level=UrgentCase.ATTENTION, appeal__urgency=Appeal.URGENT, acknowledged_at__isnull=True
    ).select_related("appeal"):
        ladder.open_case(case.appeal, level=UrgentCase.URGENT, now=now)
    due = UrgentCase.objects.filter(
        acknowledged_at__isnull=True, next_alert_at__lte=now
    ).values_list("pk", flat=True)
    due = list(due)
    sent = 0
    if dispatch is not None:
        # A few tasks of BATCH cases each, not one per case: the pass stays short however
        # many letters wait, and the worker's threads still share the waves.
        for i in range(0, len(due), BATCH):
            try:
                dispatch(due[i : i + BATCH])
                sent += len(due[i : i + BATCH])
            except Exception:  # noqa: BLE001 — the next minute selects them again
                log.exception("urgent cases could not be queued; retried next minute")
    else:
        sent = advance_each(due, now)
    ladder.flag_late_decisions(now)
    net.sweep(now)
    return sent


def advance_each(case_ids, now=None):
    sent = 0
    for pk in case_ids:
        try:
            sent += ladder.advance(pk, now)
        except Exception:  # noqa: BLE001 — one broken case must not stop the others
            log.exception("urgent case %s: wave failed; retried next minute", pk)
    return sent


def _level(appeal):
    return UrgentCase.URGENT if appeal.urgency == Appeal.URGENT else UrgentCase.ATTENTION


@db_periodic_task(crontab(minute="*"))
def urgent_tick():
    """Every minute. Logs how long the pass took (figures only: bench/urgent_lane.py reads it)."""
    started = time.monotonic()
    sent = tick(dispatch=advance_cases, open_later=letter_arrived)
    log.info("urgent tick: %d waves in %.3f s", sent, time.monotonic() - started)


@db_task(retries=2, retry_delay=20)
def advance_cases(case_ids):
    """The waves of these cases, each if still due when the worker gets to it. Running it twice
    (the next minute enqueued it again before this ran) sends nothing twice: advance() checks
    and moves each case's clock under its row lock."""
    advance_each(case_ids)


@db_task(retries=3, retry_delay=10)
def letter_arrived(appeal_id):
    """At submission: an urgent letter's first wave goes out at once, not at the next tick."""
    appeal = Appeal.objects.filter(pk=appeal_id).select_related("school").first()
    if appeal and appeal.urgency in (Appeal.URGENT, Appeal.ATTENTION) and appeal.is_open:
        ladder.open_case(appeal, level=_level(appeal))
