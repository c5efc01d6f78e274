"""The page "who can read what, since when, by which order" (issue 13): access to the letters
follows the commission order (regulation B 4: the head's order that appoints a member, and the
one that leaves them out); under regulation A, the designation of the key holder, which is
the key grant itself. Every read of a letter is listed per person, from the audit log."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from accounts.models import Membership
from accounts.school_keys import ACCESS_ROLES, _member_school, _name, _not_found, is_holder
from audit.models import record
from vault.models import GenerationSeal, KeyGeneration

READ_ACTIONS = ("appeal_read", "attachment_read")


def _orders(school):
    """[(commission, appointed users, removed users)] of the orders in force or replaced, in
    date order: a member's access starts with the order that appoints them and ends with
    the one that leaves them out (regulation B 4)."""
    from commission.models import Commission

    rows, before = [], set()
    commissions = (
        Commission.objects.filter(school=school)
        .exclude(status=Commission.DRAFT)
        .order_by("order_date", "id")
        .prefetch_related("members__user")
    )
    for commission in commissions:
        members = {m.user for m in commission.members.all() if m.user_id}
        rows.append((commission, members - before, before - members))
        before = members
    return rows


@never_cache
@login_required
def access(request, slug):
    school = _member_school(request, slug)
    allowed = Membership.objects.filter(
        user=request.user, school=school, role__in=ACCESS_ROLES
    ).exists()
    if not (allowed or is_holder(request.user, school)):
        raise _not_found()
    from audit.models import Event

    orders = _orders(school)
    since_order, until_order = {}, {}
    for commission, appointed, removed in orders:
        for user in appointed:
            since_order[user.pk] = commission
            until_order.pop(user.pk, None)
        for user in removed:
            until_order[user.pk] = commission
    generations = {g.pk: g for g in KeyGeneration.objects.filter(school=school)}
    current = max(generations.values(), key=lambda g: g.number, default=None)
    people = {}
    seals = GenerationSeal.objects.filter(generation__school=school).select_related(
        "user", "granted_by"
    )
    for seal in seals.order_by("granted_at"):
        row = people.setdefault(
            seal.user_id,
            {
                "user": seal.user,
                "since": seal.granted_at,
                "granted_by": seal.granted_by,
                "numbers": [],
                "current": False,
            },
        )
        row["numbers"].append(generations[seal.generation_id].number)
        row["current"] |= current is not None and seal.generation_id == current.pk
    roles = {}
    for m in Membership.objects.filter(school=school).select_related("user"):
        roles.setdefault(m.user_id, []).append(m.get_role_display())
    for user_id, row in people.items():
        row["numbers"].sort()
        row["roles"] = roles.get(user_id, [])
        row["order"] = since_order.get(user_id)
        row["until"] = until_order.get(user_id)
        row["active"] = row["user"].is_active and user_id in roles
    reads = {}
    events = (
        Event.objects.filter(school=school, action__in=READ_ACTIONS, actor__isnull=False)
        .select_related("actor", "appeal")
        .order_by("-at")[:2000]
    )
    for event in events:
        entry = reads.setdefault(event.actor_id, {"user": event.actor, "events": []})
        if len(entry["events"]) < 100:
            entry["events"].append(event)
    record("access_read", actor=request.user, school=school)
    return render(
        request,
        "accounts/access.html",
        {
            "school": school,
            "people": sorted(people.values(), key=lambda r: _name(r["user"])),
            "orders": orders,
            "reads": sorted(reads.values(), key=lambda r: _name(r["user"])),
            "current": current,
        },
    )
