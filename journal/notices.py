"""The notices panel: urgent notices apart and first, one by one; reminders folded into one line
per letter and kind with a count, and read all at once (issue 15: dozens of reminders flooded
the panel)."""

from django.db.models import Count, Exists, Max, OuterRef, Window

from notify.models import Notice

# Never folded into a group, never read in bulk: each one asks someone to act today.
URGENT_KINDS = (
    Notice.URGENT,
    Notice.URGENT_WAITING,
    Notice.DISTRICT_URGENT,
    Notice.DECISION_LATE,
    Notice.UNREAD,
)
URGENT_MAX, GROUPS_MAX = 50, 20


def unread(user):
    # Finding 7: a notice never names a letter the author kept from this user (the tag, the
    # kind "urgent" and a link would tell about it), however it was made.
    return Notice.objects.filter(user=user, read_at__isnull=True).exclude(
        appeal__excluded_staff=user
    )


def _openable(user):
    """A notice's letter opens for this user when they read letters at its school (the author's
    exclusions are already left out by `unread`): worked out inside the panel's own queries."""
    from accounts.models import Membership

    return Exists(
        Membership.objects.filter(
            user_id=user.pk, role__in=Membership.READERS, school_id=OuterRef("appeal__school_id")
        )
    )


def panel(user):
    """{"urgent": [notices], "groups": [{notice, count, latest}], "more": groups not shown}.
    Three small queries on the unread-notice index (issue 16): the urgent ones, the groups
    with their total in the same query (a window count), and the groups' newest notices."""
    urgent = list(
        unread(user)
        .filter(kind__in=URGENT_KINDS)
        .select_related("appeal", "school")
        .annotate(can_open=_openable(user))
        .order_by("-created_at")[:URGENT_MAX]
    )
    rows = list(
        unread(user)
        .exclude(kind__in=URGENT_KINDS)
        .order_by()
        .values("kind", "appeal_id", "school_id")
        .annotate(
            count=Count("id"),
            latest=Max("created_at"),
            last_id=Max("id"),
            total=Window(Count("*")),
        )
        .order_by("-latest")[:GROUPS_MAX]
    )
    total = rows[0]["total"] if rows else 0
    notices = {}
    if rows:
        notices = (
            Notice.objects.select_related("appeal", "school")
            .annotate(can_open=_openable(user))
            .in_bulk([r["last_id"] for r in rows])
        )
    groups = [
        {"notice": notices[r["last_id"]], "count": r["count"], "latest": r["latest"]} for r in rows
    ]
    return {"urgent": urgent, "groups": groups, "more": max(total - len(groups), 0)}


def mark_read(user, notice, now):
    """One urgent notice, or the whole group (same letter or school, same kind) of a reminder."""
    if notice.kind in URGENT_KINDS:
        return unread(user).filter(pk=notice.pk).update(read_at=now)
    return (
        unread(user)
        .filter(kind=notice.kind, appeal_id=notice.appeal_id, school_id=notice.school_id)
        .update(read_at=now)
    )


def mark_all_reminders_read(user, now):
    return unread(user).exclude(kind__in=URGENT_KINDS).update(read_at=now)
