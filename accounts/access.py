"""The page "who can read what, since when, by which order" (issue 13): access to the letters
follows the commission order (regulation B 4: the head's order that appoints a member, and the
one that leaves them out); under regulation A, the designation of the key holder, which is
the key grant itself. Every read of a letter is listed per person, from the audit log."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from accounts.forms import DesignationForm
from accounts.models import KeyHolderDesignation, Membership
from accounts.school_keys import ACCESS_ROLES, _member_school, _name, _not_found, is_holder
from audit.models import record
from vault.keys import current_generation, drop_member, school_key, seal_to
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


def order_ends_access(commission, before, by):
    """Regulation B 4: the order in force leaves out the members of the order before it (user
    ids in `before`): their access ends now — their seals of every generation are dropped.
    Returns the users removed; the key holders are then asked to start a new key, since a
    removed member may have kept a copy of the old one."""
    from django.contrib.auth import get_user_model

    rules = commission.school.rules(commission.order_date)
    if rules.kind not in ("B", None):  # regulation A: the designation decides, not the order
        return []
    now = {m.user_id for m in commission.members.all() if m.user_id}
    designated = set(
        KeyHolderDesignation.objects.filter(school=commission.school).values_list(
            "user_id", flat=True
        )
    )
    removed = list(get_user_model().objects.filter(pk__in=set(before) - now - designated))
    generation = current_generation(commission.school)
    for user in removed:
        if drop_member(commission.school, user):
            record(
                "access_ended_by_order",
                actor=by,
                school=commission.school,
                user=user.pk,
                order=commission.order_number,
                # The key they may have kept: the holders are asked for a newer one.
                generation=generation.number if generation else None,
            )
    return removed


def left_out_by_order(school):
    """User ids an earlier order appointed and the order in force leaves out (regulation B):
    they are not given the key again unless the school designates them."""
    if school.rules().kind not in ("B", None):
        return set()
    from commission.models import Commission, CommissionMember

    current = Commission.objects.current(school)
    ever = set(
        CommissionMember.objects.filter(commission__school=school, user__isnull=False)
        .exclude(commission__status=Commission.DRAFT)
        .values_list("user_id", flat=True)
    )
    now = (
        set(current.members.exclude(user=None).values_list("user_id", flat=True))
        if current
        else set()
    )
    designated = set(
        KeyHolderDesignation.objects.filter(school=school).values_list("user_id", flat=True)
    )
    return ever - now - designated


def removed_since_last_key(school):
    """Events of members removed by order after the newest generation began: the key holders
    should start a new one."""
    from audit.models import Event

    generation = current_generation(school)
    if generation is None:
        return Event.objects.none()
    return Event.objects.filter(
        school=school, action="access_ended_by_order", detail__generation=generation.number
    )


def _appointed_without_key(school):
    """Staff appointed by the order in force who do not hold the newest key yet."""
    from django.contrib.auth import get_user_model

    from commission.models import Commission

    commission = Commission.objects.current(school)
    generation = current_generation(school)
    if commission is None or generation is None:
        return get_user_model().objects.none()
    return (
        get_user_model()
        .objects.filter(
            pk__in=commission.members.exclude(user=None).values("user_id"),
            is_active=True,
            memberships__school=school,
            member_key__isnull=False,
        )
        .exclude(generation_seals__generation=generation)
        .distinct()
    )


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

    keyring = school_key(request, school)
    to_give = _appointed_without_key(school)
    may_designate = allowed
    form = DesignationForm(school=school)
    if request.method == "POST" and request.POST.get("give"):
        if keyring is None:
            raise _not_found()
        user = get_object_or_404(to_give, pk=request.POST["give"])
        seal_to(school, user, keyring, by=request.user)
        record("key_granted", actor=request.user, school=school, user=user.pk)
        messages.success(
            request,
            _("%(name)s now holds the school key and can read the letters.")
            % {"name": _name(user)},
        )
        return redirect("access", slug=school.slug)
    if request.method == "POST" and request.POST.get("designate"):
        if not may_designate:
            raise _not_found()
        form = DesignationForm(request.POST, school=school)
        if form.is_valid():
            designation = KeyHolderDesignation.objects.create(
                school=school, recorded_by=request.user, **form.cleaned_data
            )
            record(
                "key_holder_designated",
                actor=request.user,
                school=school,
                user=designation.user_id,
                decision=designation.decision,
            )
            user = designation.user
            if keyring is not None and hasattr(user, "member_key"):
                seal_to(school, user, keyring, by=request.user)
                record("key_granted", actor=request.user, school=school, user=user.pk)
            messages.success(request, _("The designation of the key holder is recorded."))
            return redirect("access", slug=school.slug)

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
    designation_of = {}
    for d in KeyHolderDesignation.objects.filter(school=school).order_by("since", "id"):
        designation_of[d.user_id] = d
    for user_id, row in people.items():
        row["designation"] = designation_of.get(user_id)
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
            "designations": KeyHolderDesignation.objects.filter(school=school).select_related(
                "user"
            ),
            "designation_of": designation_of,
            "regulation_a": school.rules().kind == "A",
            "may_designate": may_designate,
            "form": form,
            "to_give": to_give if keyring is not None else [],
            "rotate_now": removed_since_last_key(school).exists(),
            "keys_url": reverse("school-keys", args=[school.slug]),
        },
    )
