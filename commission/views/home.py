"""The commission's page of a school."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from commission.meetings import (
    appeals_for_review,
    meetings_this_half_year,
    next_review_day,
    review_period,
)
from commission.models import Commission, Meeting
from commission.views.access import _get_school_for_user, can_appoint, can_manage
from schools.models import School

# --- the commission page --------------------------------------------------------------------


@login_required
def index(request):
    schools = list(School.objects.for_user(request.user))
    if not schools:
        raise Http404
    if len(schools) == 1:
        return redirect("commission:home", slug=schools[0].slug)
    return render(request, "commission/schools.html", {"schools": schools})


@login_required
def home(request, slug):
    school = _get_school_for_user(request, slug)
    today = timezone.localdate()
    current = Commission.objects.current(school)
    count, start, end, warning = meetings_this_half_year(school, today)
    rules = school.rules(today)
    review_day = next_review_day(school, today - timezone.timedelta(days=1))
    since, until = review_period(school, review_day)
    meetings = list(
        Meeting.objects.of_school(school)
        .select_related("commission")
        .prefetch_related("signatures", "commission__members")[:30]
    )
    for m in meetings:
        m.signed_count = len(m.signatures.all())
        m.member_count = len(m.commission.members.all())
    return render(
        request,
        "commission/home.html",
        {
            "school": school,
            "current": current,
            "members": current.members.select_related("user") if current else [],
            "drafts": Commission.objects.filter(school=school, status=Commission.DRAFT),
            "half": {"count": count, "start": start, "end": end, "warning": warning},
            "review_day": review_day,
            "review_count": appeals_for_review(school, since, min(until, today)).count(),
            "meetings": meetings,
            "may_appoint": can_appoint(request.user, school),
            "may_manage": bool(current) and can_manage(request.user, current),
            "rules": rules,
            "regulation_label": _regulation_label(rules),
        },
    )


def _regulation_label(rules):
    from django.utils.translation import gettext as _

    from schools.models import Regulation

    return {
        Regulation.A: _("regulation A (trust mail, commission of three)"),
        Regulation.B: _("regulation B (box of trust, commission by the head's order)"),
        Regulation.OWN: _("the school's own mix of the two regulations"),
    }.get(rules.kind, _("both regulations (not chosen yet)"))
