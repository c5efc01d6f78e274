"""Plain functions of the commission's work: the weekly review's appeals, the half-year count
of meetings (regulation B 4.3), the open vote (4.5), the minutes' signatures (4.3) and putting
an order in force (4.1). Views and tasks call these; nothing here knows about requests."""

import datetime
from collections import Counter

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import record
from commission.models import Candidacy, Commission, CommissionMember, Meeting, Signature, Vote
from journal.models import Appeal

# Warn when this little of the half-year is left and the count is still short.
WARN_WHEN_LEFT = datetime.timedelta(weeks=6)


# --- The weekly review (regulation A: the commission reads the letters on the 6th day) -------


def appeals_for_review(school, since, until):
    """The school's appeals received from `since` to `until` (both included), online and
    paper, oldest first. Plain metadata only: the caller opens text with the school key."""
    return (
        Appeal.objects.filter(school=school, received_on__gte=since, received_on__lte=until)
        .select_related("school")
        .order_by("received_on", "number", "id")
    )


def review_period(school, until, exclude=None):
    """The period a weekly review held on `until` covers: from the day of the previous weekly
    review (included, so a letter that came on that day after the meeting is not missed) or,
    with no earlier review, the last 7 days."""
    previous = (
        Meeting.objects.of_school(school)
        .filter(kind=Meeting.WEEKLY_REVIEW, held_on__lt=until)
        .exclude(pk=getattr(exclude, "pk", None))
        .order_by("-held_on", "-id")
        .first()
    )
    since = previous.held_on if previous else until - datetime.timedelta(days=6)
    return since, until


def next_review_day(school, today):
    """The first review weekday after `today`."""
    days = (school.review_weekday - today.weekday()) % 7 or 7
    return today + datetime.timedelta(days=days)


def review_agenda(school, since, until):
    """The weekly review's agenda, listing the period's appeals by number or tag (metadata)."""
    appeals = list(appeals_for_review(school, since, until))
    head = _("Review of the appeals received from %(since)s to %(until)s: %(count)d.") % {
        "since": since.strftime("%d.%m.%Y"),
        "until": until.strftime("%d.%m.%Y"),
        "count": len(appeals),
    }
    lines = [head]
    kept = set(
        Appeal.excluded_staff.through.objects.filter(
            appeal_id__in=[a.pk for a in appeals]
        ).values_list("appeal_id", flat=True)
    )
    for a in appeals:
        if a.pk in kept:
            # Finding 7: every member reads the agenda, and the author kept this letter from
            # someone: its number and date only, no tag, category or urgency.
            label = f"№ {a.number}" if a.number else "№ —"
            lines.append(f"— {label}, {a.received_on:%d.%m.%Y}")
            continue
        label = f"№ {a.number}" if a.number else a.tag
        lines.append(
            f"— {label}, {a.received_on:%d.%m.%Y}, {a.get_channel_display()}, "
            f"{a.get_category_display() or '—'}, {a.get_urgency_display()}"
        )
    return "\n".join(lines)


# --- Regulation B 4.3: no fewer than 2 meetings per half-year --------------------------------


def half_year(today):
    """The school half-year holding `today`: 1 September – 31 December, or 1 January –
    30 June. July and August are the holidays: the coming half-year is returned."""
    if today.month >= 9:
        return datetime.date(today.year, 9, 1), datetime.date(today.year, 12, 31)
    if today.month <= 6:
        return datetime.date(today.year, 1, 1), datetime.date(today.year, 6, 30)
    return datetime.date(today.year, 9, 1), datetime.date(today.year, 12, 31)


def meetings_this_half_year(school, today=None):
    """(count, start, end, shortfall_warning) for the half-year holding `today`.

    The count is of meetings held so far (any kind, any order of the school). The warning is
    on when fewer than 2 are held and less than ~6 weeks of the half-year are left, or when
    none is held and the half-year is past its middle."""
    today = today or timezone.localdate()
    start, end = half_year(today)
    wanted = school.rules(today).meetings_per_half_year
    # Regulation B 4.3: only meetings with an agenda, minutes signed by all and, when entered
    # late, the chair's confirmation count.
    count = (
        Meeting.objects.of_school(school)
        .counting()
        .filter(held_on__gte=start, held_on__lte=min(end, today))
        .count()
    )
    middle = start + (end - start) / 2
    started = start <= today and wanted > 0
    warning = started and (
        (count < wanted and end - today < WARN_WHEN_LEFT) or (count == 0 and today > middle)
    )
    return count, start, end, warning


# --- Regulation B 4.1: putting an order in force --------------------------------------------


def save_composition(commission, user, put_in_force):
    """After the members are saved: a composition that breaks a rule stays a draft with the
    reason; a valid one is put in force when asked. Returns the problems found."""
    problems = [str(p) for p in commission.problems()]
    if problems:
        commission.status = Commission.DRAFT
        commission.draft_reason = "\n".join(problems)
        commission.save(update_fields=["status", "draft_reason"])
        record(
            "commission_draft",
            actor=user,
            school=commission.school,
            commission=commission.pk,
            order=commission.order_number,
        )
    else:
        commission.draft_reason = ""
        commission.save(update_fields=["draft_reason"])
        if put_in_force:
            commission.removed = put_into_force(commission, user)
    return problems


def put_into_force(commission, user):
    """The new order is in force; the one in force before is marked replaced (history stays)."""
    with transaction.atomic():
        previous = list(
            Commission.objects.select_for_update()
            .filter(school=commission.school, status=Commission.ACTIVE)
            .exclude(pk=commission.pk)
        )
        before = {m.user_id for old in previous for m in old.members.all() if m.user_id is not None}
        for old in previous:
            old.status = Commission.REPLACED
            old.save(update_fields=["status"])
        commission.status = Commission.ACTIVE
        commission.draft_reason = ""
        commission.save(update_fields=["status", "draft_reason"])
        record(
            "commission_in_force",
            actor=user,
            school=commission.school,
            commission=commission.pk,
            order=commission.order_number,
            members=commission.members.count(),
            replaced=[c.pk for c in previous],
        )
        from accounts.access import order_ends_access

        return order_ends_access(commission, before, user)


# --- Regulation B 4.5: chair and secretary elected by open vote ------------------------------


class VoteError(ValueError):
    """A vote that can't be counted (twice for one position, not a candidate...)."""


def cast_vote(meeting, position, voter, candidate, recorded_by, on_behalf=False):
    if not meeting.candidacies.filter(position=position, member=candidate).exists():
        raise VoteError(_("%(name)s is not a candidate for this position.") % {"name": candidate})
    if meeting.votes.filter(position=position, voter=voter).exists():
        raise VoteError(
            _("%(name)s has already voted for the %(position)s. A vote is cast only once.")
            % {"name": voter.full_name, "position": _position_label(position)}
        )
    try:
        with transaction.atomic():
            vote = Vote.objects.create(
                meeting=meeting,
                position=position,
                voter=voter,
                candidate=candidate,
                on_behalf=on_behalf,
                recorded_by=recorded_by,
            )
    except IntegrityError:  # the same vote a moment ago, from another tab
        raise VoteError(
            _("%(name)s has already voted for the %(position)s. A vote is cast only once.")
            % {"name": voter.full_name, "position": _position_label(position)}
        ) from None
    record(
        "vote_cast",
        actor=recorded_by,
        school=meeting.school,
        meeting=meeting.pk,
        position=position,
        voter=voter.pk,
        candidate=candidate.pk,
        on_behalf=on_behalf,
    )
    return vote


def _position_label(position):
    return dict(Candidacy.POSITION_CHOICES)[position]


def election_result(meeting, position):
    """{'counts': [(member, votes)...] most first, 'winners': [...], 'tie': bool,
    'voted': n}. With no votes there are no winners; a tie is reported, never decided."""
    votes = Counter(meeting.votes.filter(position=position).values_list("candidate", flat=True))
    candidates = [c.member for c in meeting.candidacies.filter(position=position)]
    counts = sorted(((m, votes.get(m.pk, 0)) for m in candidates), key=lambda mv: -mv[1])
    top = max((n for _m, n in counts), default=0)
    winners = [m for m, n in counts if n == top] if top else []
    return {
        "position": position,
        "label": _position_label(position),
        "counts": counts,
        "winners": winners,
        "tie": len(winners) > 1,
        "voted": sum(votes.values()),
    }


def apply_election(meeting, user):
    """Set the winners as chair and secretary. Returns a list of reasons it can't (ties, no
    votes, one person winning both); nothing is changed then."""
    results = {p: election_result(meeting, p) for p, _label in Candidacy.POSITION_CHOICES}
    problems = []
    for r in results.values():
        if not r["winners"]:
            problems.append(_("No votes yet for the %(position)s.") % {"position": r["label"]})
        elif r["tie"]:
            problems.append(
                _("The vote for the %(position)s is a tie: %(names)s. Vote again.")
                % {"position": r["label"], "names": ", ".join(m.full_name for m in r["winners"])}
            )
    if not problems:
        chair = results[CommissionMember.CHAIR]["winners"][0]
        secretary = results[CommissionMember.SECRETARY]["winners"][0]
        if chair.pk == secretary.pk:
            problems.append(
                _("%(name)s won both votes; one person can't be chair and secretary at once.")
                % {"name": chair.full_name}
            )
    if problems:
        return problems
    with transaction.atomic():
        members = meeting.commission.members
        members.filter(position__in=[CommissionMember.CHAIR, CommissionMember.SECRETARY]).update(
            position=CommissionMember.MEMBER
        )
        members.filter(pk=chair.pk).update(position=CommissionMember.CHAIR)
        members.filter(pk=secretary.pk).update(position=CommissionMember.SECRETARY)
    record(
        "election_applied",
        actor=user,
        school=meeting.school,
        meeting=meeting.pk,
        chair=chair.pk,
        secretary=secretary.pk,
    )
    return []


# --- Regulation B 4.3: minutes signed by all members -----------------------------------------


class SignError(ValueError):
    pass


def sign(meeting, member, how, user):
    """One member's signature; the minutes become final when every member has signed."""
    if meeting.is_final:
        raise SignError(_("These minutes are final: every member has signed."))
    if member.commission_id != meeting.commission_id:
        raise SignError(_("Only the members of this commission sign its minutes."))
    try:
        with transaction.atomic():
            Signature.objects.create(meeting=meeting, member=member, how=how, recorded_by=user)
    except IntegrityError:
        raise SignError(_("%(name)s has already signed.") % {"name": member.full_name}) from None
    record(
        "minutes_signed",
        actor=user,
        school=meeting.school,
        meeting=meeting.pk,
        member=member.pk,
        how=how,
    )
    finalize_if_signed(meeting, user)


def unsigned_members(meeting):
    return meeting.commission.members.exclude(signatures__meeting=meeting)


def finalize_if_signed(meeting, user=None):
    if meeting.final_at is None and not unsigned_members(meeting).exists():
        meeting.final_at = timezone.now()
        meeting.save(update_fields=["final_at"])
        record("minutes_final", actor=user, school=meeting.school, meeting=meeting.pk)
    return meeting.is_final


def next_minutes_number(school, held_on):
    """Minutes are numbered from 1 in each school year (1 September – 31 August)."""
    start_year = held_on.year if held_on.month >= 9 else held_on.year - 1
    start = datetime.date(start_year, 9, 1)
    end = datetime.date(start_year + 1, 8, 31)
    numbers = Meeting.objects.of_school(school).filter(held_on__gte=start, held_on__lte=end)
    return max((n or 0 for n in numbers.values_list("number", flat=True)), default=0) + 1


# --- Regulation B 4.3: entered late, confirmed by the chair; signatures reminded -------------

# A meeting entered more than this many working days after its date is late; minutes still
# unsigned this many working days after the meeting are reminded.
LATE_AFTER_WORKING_DAYS = 3


def is_entered_late(school, held_on, entered_on):
    if entered_on <= held_on:
        return False
    return school.calendar().working_days_between(held_on, entered_on) > LATE_AFTER_WORKING_DAYS


class ConfirmError(ValueError):
    pass


def confirm_late(meeting, user):
    """The chair confirms a meeting entered late was held; then it counts."""
    chair = meeting.commission.members.filter(position=CommissionMember.CHAIR, user=user).first()
    if chair is None:
        raise ConfirmError(_("Only the chair of the commission confirms a meeting entered late."))
    if not meeting.awaits_confirmation:
        return meeting
    meeting.late_confirmed_at = timezone.now()
    meeting.late_confirmed_by = user
    meeting.save(update_fields=["late_confirmed_at", "late_confirmed_by"])
    record("meeting_late_confirmed", actor=user, school=meeting.school, meeting=meeting.pk)
    return meeting


def needs_election_first(commission):
    """Regulation B 4.5: a newly appointed commission first elects its chair and secretary by
    open vote; until then its only meeting is the first one."""
    if not commission.school.rules(commission.order_date).elect_chair_and_secretary:
        return False
    return not (
        commission.members.filter(position=CommissionMember.CHAIR).exists()
        and commission.members.filter(position=CommissionMember.SECRETARY).exists()
    )


def first_meeting_agenda(agenda):
    """Regulation B 4.5: the first meeting's first item is the open vote for chair and
    secretary; any other item follows it."""
    item = _("1. Election of the chair and the secretary of the commission by open vote.")
    rest = agenda.strip()
    if rest.startswith(item):
        return rest
    return f"{item}\n{rest}" if rest else item
