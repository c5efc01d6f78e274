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


def languages(request):
    """The language switch: each language in its own script; on staff pages only the languages
    staff pages are written in (see ishenim.middleware.staff_language)."""
    from django.conf import settings

    from ishenim.middleware import is_staff_page

    offered = settings.LANGUAGES
    if is_staff_page(request.path_info):
        offered = [(c, n) for c, n in offered if c not in settings.AUTHOR_ONLY_LANGUAGES]
    return {"switch_languages": offered}
