"""The notices panel: urgent notices apart and first, one by one; reminders folded into one line
per letter and kind with a count, and read all at once (issue 15: dozens of reminders flooded
the panel)."""

from django.db.models import Count, Max

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


def panel(user):
    """{"urgent": [notices], "groups": [{notice, count, latest}], "more": groups not shown}."""
    urgent = list(
        unread(user)
        .filter(kind__in=URGENT_KINDS)
        .select_related("appeal", "school")
        .order_by("-created_at")[:URGENT_MAX]
    )
    grouped = (
        unread(user)
        .exclude(kind__in=URGENT_KINDS)
        .order_by()
        .values("kind", "appeal_id", "school_id")
        .annotate(count=Count("id"), latest=Max("created_at"), last_id=Max("id"))
        .order_by("-latest")
    )
    total = grouped.count()
    rows = list(grouped[:GROUPS_MAX])
    notices = Notice.objects.select_related("appeal", "school").in_bulk(
        [r["last_id"] for r in rows]
    )
    groups = [
        {"notice": notices[r["last_id"]], "count": r["count"], "latest": r["latest"]} for r in rows
    ]
    _mark_openable(user, urgent + [g["notice"] for g in groups])
    return {"urgent": urgent, "groups": groups, "more": max(total - len(groups), 0)}


def _mark_openable(user, shown):
    """A director (who reads no letters) is told a deadline passed, but gets no link that
    would lead to a page they may not open: the letter's tag is shown as plain text."""
    from journal.models import Appeal

    ids = {n.appeal_id for n in shown if n.appeal_id}
    readable = set(Appeal.objects.readable_by(user).filter(pk__in=ids).values_list("pk", flat=True))
    for n in shown:
        n.can_open = n.appeal_id in readable


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
