def staff(request):
    """The staff menu of the logged-in user: only what their roles may open."""
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    from django.utils.functional import SimpleLazyObject

    from accounts.menu import staff_menu

    return {
        # Only what this user's roles may open (issue 15); worked out when a page shows it.
        "staff_menu": SimpleLazyObject(lambda: staff_menu(user)),
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
