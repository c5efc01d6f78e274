def staff(request):
    """The schools whose settings the logged-in staff member may change (for the menu)."""
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    from schools.models import School
    from schools.views import MANAGERS

    return {
        "staff_schools": School.objects.filter(
            memberships__user=user, memberships__role__in=MANAGERS
        ).distinct()
    }
