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
