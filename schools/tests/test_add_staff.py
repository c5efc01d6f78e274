from io import StringIO
from unittest import mock

from django.core.management import CommandError, call_command

from ishenim.testing import BaseTestCase


class AddStaffTests(BaseTestCase):
    def run_command(self, recovery, *args):
        out = StringIO()
        with mock.patch("getpass.getpass", return_value=recovery):
            call_command("add_staff", "--school", "demo", *args, stdout=out)
        return (
            out.getvalue()
            .split("Password (give it in person; change it after the first login): ")[-1]
            .strip()
        )

    def test_a_new_member_reads_the_schools_letters(self):
        self.submit("Купуя кат")
        password = self.run_command(self.recovery, "--username", "erlan", "--role", "member")
        self.client.post("/staff/login/", {"username": "erlan", "password": password})
        self.assertContains(self.client.get("/staff/"), "Купуя кат")

    def test_a_lost_password_is_replaced_and_letters_stay_readable(self):
        self.submit("Эски кат")
        password = self.run_command(self.recovery, "--username", "aida", "--reset-password")
        self.client.post("/staff/login/", {"username": "aida", "password": password})
        self.assertContains(self.client.get("/staff/"), "Эски кат")

    def test_a_wrong_recovery_key_adds_no_one(self):
        with self.assertRaises(CommandError):
            self.run_command("AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA", "--username", "erlan")
        from django.contrib.auth import get_user_model

        self.assertFalse(get_user_model().objects.filter(username="erlan").exists())


class AccountsAreNeverTakenOverTests(BaseTestCase):
    """Finding 1 (the commands part): an existing username is refused, never changed."""

    def run_command(self, name, *args):
        out = StringIO()
        with mock.patch("getpass.getpass", return_value=self.recovery):
            call_command(name, *args, stdout=out, stderr=StringIO())
        return out.getvalue()

    def assertUntouched(self, user):
        from vault.models import GenerationSeal

        seals = GenerationSeal.objects.filter(user=user)
        before = (user.password, set(seals.values_list("pk", "sealed_key")))
        user.refresh_from_db()
        self.assertEqual(before[0], user.password)
        self.assertEqual(before[1], set(seals.values_list("pk", "sealed_key")))

    def test_add_staff_refuses_the_username_of_another_schools_member(self):
        with self.assertRaisesMessage(CommandError, "already taken"):
            self.run_command("add_staff", "--school", "demo", "--username", "chyngyz")
        self.assertUntouched(self.chyngyz)
        self.assertFalse(self.chyngyz.memberships.filter(school=self.school).exists())
        self.assertTrue(
            self.chyngyz.generation_seals.filter(generation__school=self.other_school).exists()
        )

    def test_add_staff_refuses_an_existing_username_in_other_letter_case(self):
        with self.assertRaisesMessage(CommandError, "already taken"):
            self.run_command("add_staff", "--school", "demo", "--username", "CHYNGYZ")
        self.assertUntouched(self.chyngyz)

    def test_add_staff_refuses_an_existing_member_of_this_school_without_reset_password(self):
        with self.assertRaisesMessage(CommandError, "--reset-password"):
            self.run_command("add_staff", "--school", "demo", "--username", "aida")
        self.assertUntouched(self.aida)

    def test_reset_password_refuses_a_member_of_another_school(self):
        with self.assertRaisesMessage(CommandError, "not a staff member of this school"):
            self.run_command(
                "add_staff", "--school", "demo", "--username", "chyngyz", "--reset-password"
            )
        self.assertUntouched(self.chyngyz)

    def test_reset_password_refuses_someone_who_also_works_at_another_school(self):
        from accounts.models import Membership

        Membership.objects.create(user=self.chyngyz, school=self.school, role=Membership.MEMBER)
        with self.assertRaisesMessage(CommandError, "another school"):
            self.run_command(
                "add_staff", "--school", "demo", "--username", "chyngyz", "--reset-password"
            )
        self.assertUntouched(self.chyngyz)

    def test_create_school_refuses_an_existing_username_and_creates_nothing(self):
        from schools.models import School

        with self.assertRaisesMessage(CommandError, "already taken"):
            self.run_command(
                "create_school",
                "--slug",
                "third",
                "--name-ky",
                "Үчүнчү",
                "--name-ru",
                "Третья",
                "--district-ky",
                "Ысык-Ата району",
                "--district-ru",
                "Ысык-Атинский район",
                "--username",
                "aida",
            )
        self.assertFalse(School.objects.filter(slug="third").exists())
        self.assertUntouched(self.aida)
        self.assertEqual(
            list(self.aida.memberships.values_list("school__slug", flat=True)), ["demo"]
        )

    def test_the_setup_helper_refuses_an_existing_username(self):
        from accounts.models import Membership
        from schools.setup import UsernameTaken, add_staff

        with self.assertRaises(UsernameTaken):
            add_staff(
                self.school,
                self.key,
                username="chyngyz",
                password="another horse battery",
                role=Membership.MEMBER,
            )
        self.assertUntouched(self.chyngyz)
