from django.apps import AppConfig


class OpeningsConfig(AppConfig):
    name = "openings"
