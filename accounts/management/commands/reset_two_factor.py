"""A staff member lost the phone with the authenticator: turn their two-factor login off."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.models import TwoFactor
from audit.models import record


class Command(BaseCommand):
    help = "Turn off a staff member's two-factor login (lost phone); they can set it up again."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, **options):
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"no user {options['username']!r}")
        deleted, _ = TwoFactor.objects.filter(user=user).delete()
        record("two_factor_reset", user=user.pk)
        self.stdout.write(
            f"Two-factor login turned off for {user.username}."
            if deleted
            else f"{user.username} had no two-factor login."
        )
