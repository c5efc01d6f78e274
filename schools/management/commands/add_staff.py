"""Add a staff member to a school, or give a staff member who lost their password a new one.

Either way the school's key must be wrapped under the new password, and only the printed
recovery key can open it here: the command asks for it (never on the command line).
"""

import getpass

import nacl.exceptions
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.models import Membership
from audit.models import record
from schools.models import School
from schools.setup import new_password
from vault.keys import grant, recover


class Command(BaseCommand):
    help = "Add a staff member to a school (or reset a lost password) with the recovery key."

    def add_arguments(self, parser):
        parser.add_argument("--school", required=True, help="the school's slug")
        parser.add_argument("--username", required=True)
        parser.add_argument(
            "--role",
            default=Membership.MEMBER,
            choices=[c for c, _ in Membership.ROLE_CHOICES],
        )
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument("--email", default="")

    def handle(self, *args, **o):
        school = School.objects.filter(slug=o["school"]).first()
        if school is None:
            raise CommandError(f"no school with the slug {o['school']!r}")
        try:
            key = recover(school, getpass.getpass("The school's recovery key: "))
        except nacl.exceptions.CryptoError:
            raise CommandError("this recovery key does not open this school's key") from None
        password = new_password()
        User = get_user_model()
        with transaction.atomic():
            user, created = User.objects.get_or_create(
                username=o["username"],
                defaults={
                    "first_name": o["first_name"],
                    "last_name": o["last_name"],
                    "email": o["email"],
                },
            )
            user.set_password(password)
            user.save()
            Membership.objects.get_or_create(user=user, school=school, role=o["role"])
            # A new password: every school key of this user is wrapped again under it; keys of
            # other schools that only the old password opened are gone until re-granted there.
            user.key_grants.exclude(school=school).delete()
            if o["role"] in Membership.READERS or user.key_grants.filter(school=school).exists():
                grant(school, user, password, key)
            record("staff_added" if created else "password_reset", school=school, user=user.pk)
        self.stdout.write(
            f"{'Added' if created else 'New password for'} {user.username} at {school.name_ky}."
        )
        self.stdout.write(
            f"Password (give it in person; change it after the first login): {password}"
        )
