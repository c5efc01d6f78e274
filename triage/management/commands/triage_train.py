"""python manage.py triage_train

Rebuilds ``triage/model_weights.npz`` from the repository's data (see :mod:`triage.train`).
Deterministic: the same files give the same weights.
"""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Train the triage model (urgency and category) and export its weights."
    requires_system_checks = []
    requires_migrations_checks = False

    def handle(self, *args, **options):
        from triage.train import train

        train(log=self.stdout.write)
