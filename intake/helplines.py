from django.conf import settings
from django.utils.translation import gettext_lazy as _

LABELS = {
    "help_children": _("Children's helpline — free, day and night"),
    "help_emergency": _("Single emergency number"),
    "help_police": _("Police"),
    "help_ambulance": _("Ambulance"),
}


def help_lines():
    return [(number, LABELS.get(key, key)) for number, key in settings.HELP_LINES]
