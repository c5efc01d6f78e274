"""Who may see and do what in the commission's pages: every object through a `for_user`
queryset, so another school's commission, order or meeting is a 404."""

from django.shortcuts import get_object_or_404, render

from accounts.models import Membership
from commission.models import Commission, CommissionMember, Meeting
from schools.models import School

APPOINTERS = (Membership.RESPONSIBLE, Membership.DIRECTOR, Membership.ADMIN)
MAX_ROWS = 25


# --- access -------------------------------------------------------------------------------


def _get_school_for_user(request, slug):
    return get_object_or_404(School.objects.for_user(request.user), slug=slug)


def _get_commission_for_user(request, pk):
    return get_object_or_404(
        Commission.objects.for_user(request.user).select_related("school"), pk=pk
    )


def _get_meeting_for_user(request, pk):
    return get_object_or_404(
        Meeting.objects.for_user(request.user).select_related("commission__school"), pk=pk
    )


def can_appoint(user, school):
    """Regulation B 4.1: the head appoints; the responsible person prepares the order."""
    return Membership.objects.filter(user=user, school=school, role__in=APPOINTERS).exists()


def _member_of(user, commission):
    return commission.members.filter(user=user).first()


def can_manage(user, commission):
    """Who keeps the minutes and records for members without an account: the responsible
    person, the director or the administrator, and the commission's chair, secretary and the
    member responsible for appeals."""
    if can_appoint(user, commission.school):
        return True
    member = _member_of(user, commission)
    return bool(
        member
        and (
            member.is_responsible
            or member.position in (CommissionMember.CHAIR, CommissionMember.SECRETARY)
        )
    )


def _forbidden(request, school, text):
    return render(
        request, "commission/forbidden.html", {"school": school, "text": text}, status=403
    )
