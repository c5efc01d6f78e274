"""Give a district its child-protection specialist: the last step of every urgent ladder of the
district, with a key pair of their own (letters whose author excluded every reader at the
school are sealed to it). Prints the password once."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from audit.models import record
from schools.models import District
from schools.setup import new_password
from urgent.models import ChildProtectionSpecialist
from vault.keys import new_specialist_key


class Command(BaseCommand):
    help = "Add the district's child-protection specialist (a new account with a key of its own)."

    def add_arguments(self, parser):
        parser.add_argument("--district", required=True, help="the district's name (ky or ru)")
        parser.add_argument("--username", required=True)
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument("--email", default="")

    def handle(self, *args, **o):
        district = (
            District.objects.filter(name_ky=o["district"]).first()
            or District.objects.filter(name_ru=o["district"]).first()
        )
        if district is None:
            raise CommandError(f"no district named {o['district']!r}")
        User = get_user_model()
        if User.objects.filter(username=o["username"]).exists():
            # Never take over an existing account: its password and keys stay as they are.
            raise CommandError(f"the username {o['username']!r} is taken; choose another")
        password = new_password()
        with transaction.atomic():
            user = User.objects.create_user(
                o["username"],
                email=o["email"],
                password=password,
                first_name=o["first_name"],
                last_name=o["last_name"],
            )
            ChildProtectionSpecialist.objects.create(
                user=user, district=district, **new_specialist_key(password)
            )
            record("specialist_added", district=district.pk)
        self.stdout.write(f"{o['username']}: {password}")
        self.stdout.write("The password is shown once. It also opens the specialist's key.")
