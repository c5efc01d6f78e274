from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.models import Membership
from schools.models import School
from schools.setup import UsernameTaken, add_staff, create_school, new_password


class Command(BaseCommand):
    help = "Create a school and its first staff member; print the recovery key once."

    def add_arguments(self, parser):
        parser.add_argument("--slug", required=True)
        parser.add_argument("--name-ky", required=True)
        parser.add_argument("--name-ru", required=True)
        parser.add_argument("--district-ky", required=True)
        parser.add_argument("--district-ru", required=True)
        parser.add_argument("--username", required=True)
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--role",
            default=Membership.RESPONSIBLE,
            choices=[c for c, _ in Membership.ROLE_CHOICES],
        )
        parser.add_argument("--password", help="initial password (generated when omitted)")
        parser.add_argument(
            "--regulation",
            choices=["A", "B"],
            default="B",
            help="the regulation the school works under (A: trust mail; B: box of trust)",
        )

    def handle(self, *args, **o):
        if School.objects.filter(slug=o["slug"]).exists():
            raise CommandError(f"a school with the slug {o['slug']!r} already exists")
        # Checked before anything is created: an existing account is never taken over.
        if get_user_model().objects.filter(username__iexact=o["username"]).exists():
            raise CommandError(
                f"the username {o['username']!r} is already taken; choose another one "
                "(nothing was created)"
            )
        password = o["password"] or new_password()
        try:
            school, key, recovery = self._create(o, password)
        except UsernameTaken as error:  # taken a moment ago by someone else
            raise CommandError(str(error)) from None
        self.stdout.write(f"School created: {school.name_ky} (/s/{school.slug}/)")
        self.stdout.write(f"Staff login: {o['username']}  password: {password}")
        self.stdout.write("")
        self.stdout.write("RECOVERY KEY (shown once; print it and keep it in the school safe):")
        self.stdout.write(f"    {recovery}")

    @transaction.atomic
    def _create(self, o, password):
        school, key, recovery = create_school(
            slug=o["slug"],
            name_ky=o["name_ky"],
            name_ru=o["name_ru"],
            district_ky=o["district_ky"],
            district_ru=o["district_ru"],
            regulation=o["regulation"],
        )
        add_staff(
            school,
            key,
            username=o["username"],
            password=password,
            role=o["role"],
            first_name=o["first_name"],
            last_name=o["last_name"],
            email=o["email"],
        )
        return school, key, recovery
