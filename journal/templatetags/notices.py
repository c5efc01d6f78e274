"""The notices panel on every staff home page (the journal, the district pages)."""

from django import template

from journal import notices

register = template.Library()


@register.inclusion_tag("journal/_notices.html", takes_context=True)
def notices_panel(context):
    request = context["request"]
    return {
        **notices.panel(request.user),
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }
