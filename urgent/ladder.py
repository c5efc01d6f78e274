"""Who is alerted about an urgent letter, in what order, until someone confirms.

A wave of alerts goes out when the letter arrives and again each time the current step's
minutes run out with nobody confirming: wave n reaches the first n+1 steps that have someone to
alert, so earlier steps are reminded while the next is called in. After the last step the waves
repeat at the last step's interval until a key holder confirms. Every delivery has a key made of
the letter and the wave, so a worker that dies half-way and runs the wave again sends nothing
twice, and the wave counter moves in the same transaction as the deliveries are queued, so no
step is skipped either.
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Membership
from audit.models import record
from ishenim.lib.urls import absolute_url
from notify.channels import Alert, alert
from notify.models import Notice
from urgent.models import (
    DEFAULT_MINUTES,
    Absence,
    ChildProtectionSpecialist,
    LadderStep,
    UrgentCase,
    same_day_deadline,
)

log = logging.getLogger(__name__)

# The unread-letter net: hours that a working day (or two) may never exceed, holidays included.
NET_HOURS = (48, 72)


@dataclass
class Step:
    position: int
    minutes: int
    users: list = field(default_factory=list)
    specialists: list = field(default_factory=list)  # ChildProtectionSpecialist

    @property
    def is_empty(self):
        return not self.users and not self.specialists


def key_holder_ids(school):
    """Active staff who hold the school key and a role that reads letters."""
    from django.db.models import Q

    from vault.keys import current_generation

    # The newest generation's seal (issue 13), or a wrap from before generations not yet
    # turned into a seal at the holder's next login.
    holds = Q(key_grants__school=school)
    current = current_generation(school)
    if current is not None:
        holds |= Q(generation_seals__generation=current)
    return set(
        get_user_model()
        .objects.filter(
            holds,
            is_active=True,
            memberships__school=school,
            memberships__role__in=Membership.READERS,
        )
        .values_list("pk", flat=True)
    )


def _staff_by_role(school):
    by_role = {}
    for m in Membership.objects.filter(school=school).select_related("user").order_by("user_id"):
        by_role.setdefault(m.role, []).append(m.user)
    return by_role


def _specialists(school):
    return list(
        ChildProtectionSpecialist.objects.filter(
            district_id=school.district_id, user__is_active=True
        ).select_related("user")
    )


def default_steps(school):
    """The ladder a school has before it sets its own: the responsible person, then the other
    key holders (commission, deputy director, administrator), then the director, then the
    district's child-protection specialist."""
    by_role = _staff_by_role(school)
    first = list(by_role.get(Membership.RESPONSIBLE, []))
    second = []
    for role in (Membership.MEMBER, Membership.DEPUTY, Membership.ADMIN):
        second += [u for u in by_role.get(role, []) if u not in first and u not in second]
    third = [u for u in by_role.get(Membership.DIRECTOR, []) if u not in first + second]
    minutes = (*DEFAULT_MINUTES, DEFAULT_MINUTES[-1])
    return [
        Step(1, minutes[0], first),
        Step(2, minutes[1], second),
        Step(3, minutes[2], third),
        Step(4, minutes[3], specialists=_specialists(school)),
    ]


def steps_for(school):
    saved = list(LadderStep.objects.filter(school=school).prefetch_related("staff"))
    if not saved:
        return default_steps(school)
    specialists = None
    steps = []
    for s in saved:
        if s.district_specialist and specialists is None:
            specialists = _specialists(school)
        steps.append(
            Step(
                s.position,
                s.minutes,
                sorted(s.staff.all(), key=lambda u: u.pk),
                specialists if s.district_specialist else [],
            )
        )
    return steps


def ladder_problems(steps, school):
    """Why a ladder would leave an urgent letter with nobody able to read it (empty: fine)."""
    holders = key_holder_ids(school)
    problems = []
    readers_on_ladder = {u.pk for s in steps for u in s.users} & holders
    has_specialist = any(s.specialists for s in steps)
    if not readers_on_ladder and not has_specialist:
        problems.append(
            _("Nobody on the ladder can open letters: add a staff member who holds the key.")
        )
    elif len(readers_on_ladder) < 2 and not has_specialist:
        problems.append(
            _(
                "Only one person on the ladder can open letters: if the author excludes them, or "
                "they are away, nobody can. Add another key holder or the district's "
                "child-protection specialist."
            )
        )
    return problems


def reachable_steps(appeal, steps=None, today=None):
    """The ladder for this letter: excluded, deactivated and absent staff are skipped, and a
    step left with nobody drops out."""
    steps = steps if steps is not None else steps_for(appeal.school)
    excluded = set(appeal.excluded_staff.values_list("pk", flat=True))
    absent = Absence.absent_ids(today)
    out = []
    for s in steps:
        users = [u for u in s.users if u.is_active and u.pk not in excluded and u.pk not in absent]
        specialists = [sp for sp in s.specialists if sp.user_id not in absent]
        step = Step(s.position, s.minutes, users, specialists)
        if not step.is_empty:
            out.append(step)
    # The mailbox never closes: on a day the school does not work (holidays, vacation,
    # weekend) the person the school named on duty is alerted in the first wave (issue 14).
    duty = appeal.school.holiday_duty
    day = today or timezone.localdate()
    if (
        duty is not None
        and duty.is_active
        and duty.pk not in excluded
        and duty.pk not in absent
        and not appeal.school.calendar().is_working_day(day)
    ):
        for s in out:  # moved up from a later step, not alerted twice
            s.users = [u for u in s.users if u.pk != duty.pk]
        out = [s for s in out if not s.is_empty]
        if out:
            out[0].users.insert(0, duty)
        else:
            out.append(Step(1, 15, [duty], []))
    return out


def _mails(kind, appeal):
    """Subject and body in Kyrgyz and Russian, content-free: no text, category or school."""
    links = {
        "reader": reverse("journal:appeal", args=[appeal.pk]),
        "manager": reverse("staff-home"),
        "specialist": reverse("urgent:district"),
    }
    url = absolute_url(links[kind])
    parts = []
    for lang in ("ky", "ru"):
        with translation.override(lang):
            if kind == "manager":
                subject = _("Urgent letter not yet confirmed — please call a key holder")
                body = _(
                    "An urgent letter has come and nobody who can read it has confirmed yet. "
                    "Please reach the social pedagogue or another staff member who holds the key "
                    "now. Open Ishenim:"
                )
            else:
                subject = _("Urgent letter — open Ishenim now")
                body = _(
                    "An urgent letter has come. Please open Ishenim now, read it and press "
                    "«I have seen it, I am acting»:"
                )
            note = _("For confidentiality this mail does not contain the text.")
            parts.append((subject, f"{body}\n{url}\n{note}"))
    return f"{parts[0][0]} / {parts[1][0]}", "\n\n".join(p[1] for p in parts)


def _send_wave(case, steps, wave, reach):
    appeal = case.appeal
    holders = key_holder_ids(case.school)
    copies = set(appeal.specialist_copies.values_list("specialist_id", flat=True))
    key = f"urgent:{appeal.pk}:w{wave}"
    people = 0
    for s in steps[: reach + 1]:
        for user in s.users:
            kind = "reader" if user.pk in holders else "manager"
            subject, body = _mails(kind, appeal)
            alert(
                user,
                Alert(
                    key=key,
                    kind=Notice.URGENT if kind == "reader" else Notice.URGENT_WAITING,
                    subject=subject,
                    body=body,
                    appeal=appeal if kind == "reader" else None,
                    school=case.school,
                    urgent=True,
                ),
            )
            people += 1
        for sp in s.specialists:
            kind = "specialist" if sp.pk in copies else "manager"
            subject, body = _mails(kind, appeal)
            alert(
                sp.user,
                Alert(
                    key=key,
                    kind=Notice.DISTRICT_URGENT,
                    subject=subject,
                    body=body,
                    urgent=True,
                ),
            )
            people += 1
    if wave == 0:
        _extra_contacts(case)
    record(
        "urgent_alert",
        appeal=appeal,
        wave=wave + 1,
        step=steps[reach].position if steps else 0,
        people=people,
    )
    return people


def _extra_contacts(case):
    """The addresses the school added for urgent letters get the first wave by e-mail."""
    from notify.tasks import queue_mail

    appeal = case.appeal
    raw = case.school.urgent_alert_emails or ""
    excluded = {u.email.lower() for u in appeal.excluded_staff.all() if u.email}
    subject, body = _mails("manager", appeal)
    for address in [a.strip() for a in raw.replace(";", ",").split(",") if a.strip()]:
        if address.lower() not in excluded:
            queue_mail(f"urgent:{appeal.pk}:w0:{address.lower()}", address, subject, body)


def open_case(appeal, level=UrgentCase.URGENT, now=None):
    """Put a letter in the lane (idempotent). An urgent one gets its first wave at once; an
    "attention" one gets the same-day clock from its arrival."""
    now = now or timezone.now()
    case, created = UrgentCase.objects.get_or_create(
        appeal=appeal,
        defaults={
            "school": appeal.school,
            "level": level,
            "opened_at": now,
            "next_alert_at": now if level == UrgentCase.URGENT else None,
            "decision_due_at": (
                None if level == UrgentCase.URGENT else same_day_deadline(appeal.school, now)
            ),
        },
    )
    if not created and level == UrgentCase.URGENT and case.level != UrgentCase.URGENT:
        # A later letter from the author raised it: the ladder starts now.
        UrgentCase.objects.filter(pk=case.pk, level=UrgentCase.ATTENTION).update(
            level=UrgentCase.URGENT, next_alert_at=now, opened_at=now
        )
        case.refresh_from_db()
    if case.level == UrgentCase.URGENT and case.next_alert_at and case.next_alert_at <= now:
        advance(case.pk, now)
    return case


def advance(case_id, now=None):
    """Send the next wave if it is due and nobody has confirmed. Safe to run twice at once:
    the case row is locked, and the wave's keys make every delivery happen once."""
    now = now or timezone.now()
    with transaction.atomic():
        # Only the case row is locked (`of`): locking the joined school row too would deadlock
        # with any writer that holds the audit chain's lock and references that school.
        case = (
            UrgentCase.objects.select_for_update(of=("self",))
            .select_related("appeal", "school")
            .filter(pk=case_id)
            .first()
        )
        if (
            case is None
            or case.acknowledged_at
            or not case.next_alert_at
            or case.next_alert_at > now
            or not case.appeal.is_open
        ):
            return False
        steps = reachable_steps(case.appeal, today=timezone.localdate(now))
        if not steps:
            # Cannot happen with a valid ladder and the specialist; still, never go silent:
            # every active key holder of the school is alerted.
            fallback = list(
                get_user_model().objects.filter(pk__in=key_holder_ids(case.school))
            ) or [m.user for m in Membership.objects.filter(school=case.school)]
            steps = [Step(1, DEFAULT_MINUTES[0], fallback)]
            log.error("urgent letter %s: empty ladder, alerting every key holder", case.appeal_id)
        # Every wave reaches at least the first step with someone who can open this letter:
        # when the author excluded the school's readers, the specialist is called at once.
        reach = min(max(case.wave, _first_reader_step(case, steps)), len(steps) - 1)
        _send_wave(case, steps, case.wave, reach)
        wait = steps[reach].minutes
        UrgentCase.objects.filter(pk=case.pk).update(
            wave=case.wave + 1, next_alert_at=now + datetime.timedelta(minutes=wait)
        )
    return True


def _first_reader_step(case, steps):
    holders = key_holder_ids(case.school)
    copies = set(case.appeal.specialist_copies.values_list("specialist_id", flat=True))
    for i, s in enumerate(steps):
        if any(u.pk in holders for u in s.users) or any(sp.pk in copies for sp in s.specialists):
            return i
    return 0


def acknowledge(case, user, now=None):
    """Record who confirmed. Of two people pressing at once, the first wins; returns the case
    as stored, so both see who it was."""
    now = now or timezone.now()
    due = same_day_deadline(case.school, now)
    won = UrgentCase.objects.filter(pk=case.pk, acknowledged_at__isnull=True).update(
        acknowledged_at=now, acknowledged_by=user, next_alert_at=None, decision_due_at=due
    )
    case.refresh_from_db()
    if won:
        record(
            "urgent_acknowledged",
            actor=user,
            appeal=case.appeal,
            minutes=case.minutes_waiting(now),
        )
    return case, bool(won)


def step_after(case, user, steps):
    """The steps after the one holding `user` (all but the first when not on the ladder)."""
    for i, s in enumerate(steps):
        if user is not None and user in s.users:
            return steps[i + 1 :]
    return steps[1:]


def flag_late_decisions(now=None):
    """A decision on referral not made by its clock: the next step of the ladder is told."""
    now = now or timezone.now()
    late = UrgentCase.objects.filter(
        decision_due_at__lt=now, decided_at__isnull=True, late_flagged_at__isnull=True
    ).select_related("appeal", "school", "acknowledged_by")
    flagged = 0
    for case in late:
        if not case.appeal.is_open:
            continue
        with transaction.atomic():
            if not UrgentCase.objects.filter(pk=case.pk, late_flagged_at__isnull=True).update(
                late_flagged_at=now
            ):
                continue
            steps = reachable_steps(case.appeal, today=timezone.localdate(now))
            later = step_after(case, case.acknowledged_by, steps)
            targets = later[:1] or steps[:1]
            holders = key_holder_ids(case.school)
            for s in targets:
                for user in s.users:
                    _late_alert(case, user, user.pk in holders)
            record("urgent_decision_late", appeal=case.appeal)
            flagged += 1
    return flagged


def _late_alert(case, user, can_read):
    appeal = case.appeal
    path = reverse("journal:appeal", args=[appeal.pk]) if can_read else reverse("staff-home")
    parts = []
    for lang in ("ky", "ru"):
        with translation.override(lang):
            parts.append(
                (
                    _("An urgent letter is waiting for a decision on referral"),
                    _(
                        "The same-day decision on referral for an urgent letter was due and has "
                        "not been recorded. Please see that it is made. Open Ishenim:"
                    ),
                )
            )
    alert(
        user,
        Alert(
            key=f"urgent:{appeal.pk}:late",
            kind=Notice.DECISION_LATE,
            subject=f"{parts[0][0]} / {parts[1][0]}",
            body="\n\n".join(f"{b}\n{absolute_url(path)}" for _s, b in parts),
            appeal=appeal if can_read else None,
            school=case.school,
            urgent=True,
        ),
    )
