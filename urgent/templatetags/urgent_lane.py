"""The urgent lane on other apps' pages: the top of the staff home and the letter page."""

import json

from django import template
from django.db.models import Exists, OuterRef
from django.utils import timezone

from accounts.models import Membership
from journal.models import Appeal
from urgent import net
from urgent.forms import DecisionForm
from urgent.models import UrgentCase
from vault.keys import session_drop, session_get

register = template.Library()


@register.inclusion_tag("urgent/_lane.html", takes_context=True)
def urgent_lane(context):
    """Urgent, not confirmed (with the minutes waited), then letters unread for over a day —
    only of letters this user may read."""
    user = context["request"].user
    # The reader's schools as plain ids and the author's exclusions as NOT EXISTS: a filter by
    # "appeal in the readable letters" would list a whole school year on every page view.
    schools = context.get("reader_school_ids")  # the journal has them already
    if schools is None:
        schools = list(
            Membership.objects.filter(user_id=user.pk, role__in=Membership.READERS).values_list(
                "school_id", flat=True
            )
        )
    kept_from_me = Appeal.excluded_staff.through.objects.filter(user_id=user.pk)
    cases = UrgentCase.objects.filter(school_id__in=schools).filter(
        ~Exists(kept_from_me.filter(appeal_id=OuterRef("appeal_id")))
    )
    now = timezone.now()
    waiting = list(
        cases.filter(
            level=UrgentCase.URGENT,
            acknowledged_at__isnull=True,
            appeal__status__in=Appeal.OPEN_STATUSES,
        ).select_related("appeal")[:50]
    )
    deciding = list(
        cases.filter(
            decided_at__isnull=True,
            decision_due_at__isnull=False,
            appeal__status__in=Appeal.OPEN_STATUSES,
        )
        .exclude(pk__in=[c.pk for c in waiting])
        .select_related("appeal")
        .order_by("decision_due_at")[:50]
    )
    unread = list(
        net.unread(now=now)
        .filter(school_id__in=schools, created_at__lte=now - timezone.timedelta(days=1))
        .filter(~Exists(kept_from_me.filter(appeal_id=OuterRef("pk"))))
        .order_by("created_at")[:50]
    )
    return {
        "waiting": [(c, c.minutes_waiting(now)) for c in waiting],
        "deciding": [(c, c.decision_is_late(now)) for c in deciding],
        "unread": unread,
        "now": now,
    }


@register.inclusion_tag("urgent/_case.html", takes_context=True)
def urgent_case(context, appeal):
    case = UrgentCase.objects.filter(appeal=appeal).select_related("acknowledged_by").first()
    request = context["request"]
    raw = session_get(request, "urgent_decision_post")
    data = json.loads(raw) if raw else None
    if raw:
        session_drop(request, "urgent_decision_post")
    form = DecisionForm(data, prefix="decision") if data else DecisionForm(prefix="decision")
    if data:
        form.is_valid()
    now = timezone.now()
    return {
        "case": case,
        "appeal": appeal,
        "form": form,
        "csrf_token": context.get("csrf_token"),
        "now": now,
        "late": bool(case and case.decision_is_late(now)),
        "minutes": case.minutes_waiting(now) if case else 0,
        "left": int((case.decision_due_at - now).total_seconds() // 60)
        if case and case.decision_due_at and not case.decided_at
        else None,
    }
