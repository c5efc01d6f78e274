from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UrgentConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "urgent"
    verbose_name = _("Urgent lane")
