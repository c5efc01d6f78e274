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
        password = self.run_command(self.recovery, "--username", "aida", "--role", "responsible")
        self.client.post("/staff/login/", {"username": "aida", "password": password})
        self.assertContains(self.client.get("/staff/"), "Эски кат")

    def test_a_wrong_recovery_key_adds_no_one(self):
        with self.assertRaises(CommandError):
            self.run_command("AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA", "--username", "erlan")
        from django.contrib.auth import get_user_model

        self.assertFalse(get_user_model().objects.filter(username="erlan").exists())
