"""Issue 13, drill: the last member who holds the key forgets the password. The recovery-key
sheet from the school safe restores access to the letters of every generation, end to end."""

import io
import re
from unittest import mock

from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from accounts.models import Membership
from ishenim.testing import BaseTestCase


class RecoveryDrillTests(BaseTestCase):
    def setUp(self):
        super().setUp()
        # A request through the test client leaves its language active in this thread.
        self.addCleanup(translation.activate, settings.LANGUAGE_CODE)

    def test_lost_password_of_the_last_member_the_recovery_sheet_restores_access(self):
        old, _ = self.submit("Биринчи муундагы кат")
        # Bolot leaves; Aida starts a new key and prints the new sheet: she is the last holder.
        self.login("dana")
        self.client.post(
            "/staff/staff-leave/demo/",
            {"leaver": self.bolot.pk, "successor": self.aida.pk, "confirm": "on"},
        )
        self.client.logout()
        self.login("aida")
        sheet = self.client.post("/staff/key/demo/", {"confirm": "on"}).context["recovery"]
        self.client.logout()
        new, _ = self.submit("Экинчи муундагы кат")
        self.assertEqual(
            list(
                Membership.objects.filter(
                    school=self.school, user__is_active=True, role__in=Membership.READERS
                ).values_list("user__username", flat=True)
            ),
            ["aida"],
        )
        # Aida forgot her password: the director takes the sheet out of the safe.
        out = io.StringIO()
        with mock.patch("getpass.getpass", return_value=sheet.lower()):
            call_command(
                "add_staff", school="demo", username="aida", reset_password=True, stdout=out
            )
        password = re.search(r"Password .*: (\S+)", out.getvalue()).group(1)
        r = self.client.post("/staff/login/", {"username": "aida", "password": password})
        self.assertEqual(r.status_code, 302)
        self.assertContains(self.client.get(f"/staff/appeals/{old.pk}/"), "Биринчи муундагы кат")
        self.assertContains(self.client.get(f"/staff/appeals/{new.pk}/"), "Экинчи муундагы кат")

    def test_the_old_sheet_no_longer_restores_anything_after_a_new_key(self):
        self.login("aida")
        self.client.post("/staff/key/demo/", {"confirm": "on"})
        from django.core.management.base import CommandError

        with mock.patch("getpass.getpass", return_value=self.recovery):
            with self.assertRaises(CommandError):
                call_command(
                    "add_staff",
                    school="demo",
                    username="bolot",
                    reset_password=True,
                    stdout=io.StringIO(),
                )
