"""Add a new staff member to a school, or give a member who lost their password a new one.

Either way the school's key must be wrapped under the new password, and only the printed
recovery key can open it here: the command asks for it (never on the command line).

An existing username is refused unless `--reset-password` says so, and a reset touches only
a member of this school alone: naming someone of another school must never reset their
password, drop their keys there and attach them here.
"""

import getpass

import nacl.exceptions
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.models import Membership
from audit.models import record
from schools.models import School
from schools.setup import UsernameTaken, add_staff, new_password
from vault.keys import grant, recover


class Command(BaseCommand):
    help = (
        "Add a new staff member to a school with the recovery key; "
        "--reset-password gives a member of this school who lost it a new one."
    )

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
        parser.add_argument(
            "--reset-password",
            action="store_true",
            help="a new password for an existing member of this school (roles are kept)",
        )

    def handle(self, *args, **o):
        school = School.objects.filter(slug=o["school"]).first()
        if school is None:
            raise CommandError(f"no school with the slug {o['school']!r}")
        user = get_user_model().objects.filter(username__iexact=o["username"]).first()
        if o["reset_password"]:
            self._check_reset(school, user, o["username"])
        elif user is not None:
            raise CommandError(
                f"the username {o['username']!r} is already taken; choose another one "
                "(for a member of this school who lost the password: --reset-password)"
            )
        try:
            key = recover(school, getpass.getpass("The school's recovery key: "))
        except nacl.exceptions.CryptoError:
            raise CommandError("this recovery key does not open this school's key") from None
        password = new_password()
        if o["reset_password"]:
            with transaction.atomic():
                user.set_password(password)
                user.save(update_fields=["password"])
                if (
                    user.key_grants.filter(school=school).exists()
                    or user.generation_seals.filter(generation__school=school).exists()
                    or user.memberships.filter(school=school, role__in=Membership.READERS).exists()
                ):
                    grant(school, user, password, key)
                record("password_reset", school=school, user=user.pk)
            self.stdout.write(f"New password for {user.username} at {school.name_ky}.")
        else:
            try:
                with transaction.atomic():
                    user = add_staff(
                        school,
                        key,
                        username=o["username"],
                        password=password,
                        role=o["role"],
                        first_name=o["first_name"],
                        last_name=o["last_name"],
                        email=o["email"],
                    )
                    record("staff_added", school=school, user=user.pk)
            except UsernameTaken as error:  # taken a moment ago by someone else
                raise CommandError(str(error)) from None
            self.stdout.write(f"Added {user.username} at {school.name_ky}.")
        self.stdout.write(
            f"Password (give it in person; change it after the first login): {password}"
        )

    def _check_reset(self, school, user, username):
        """A reset only for a member of this school alone: their other keys would be lost."""
        if user is None:
            raise CommandError(f"no staff member with the username {username!r}")
        from accounts.recovery import keys_beyond

        if not user.memberships.filter(school=school).exists():
            raise CommandError(f"{user.username!r} is not a staff member of this school")
        beyond = keys_beyond(user, school)
        if beyond == "school":
            raise CommandError(
                f"{user.username!r} also works at another school: a new password here would "
                "lose their keys there; they change the password themselves after logging in "
                "there, or each school re-grants its key"
            )
        if beyond == "specialist":
            raise CommandError(
                f"{user.username!r} is a district specialist: their own key would be lost"
            )
