from django.utils.functional import SimpleLazyObject


def mail_outage(request):
    """The e-mail outage banner of staff pages; queried only when a page shows it."""
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    from notify.outage import mail_outage

    return {"mail_outage": SimpleLazyObject(mail_outage)}
