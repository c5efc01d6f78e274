"""Issue 13, drill through the web: the last member who holds the key forgets the password;
the responsible person types the recovery-key sheet's code and a new password on the lost-
password page (no JavaScript), in Kyrgyz or Russian, and every generation's letters open."""

from django.conf import settings
from django.utils import translation

from accounts.models import Membership
from audit.models import Event
from ishenim.testing import BaseTestCase

NEW = "жаңы сырсөз мектеп 2026"


class LostPasswordTests(BaseTestCase):
    url = "/staff/lost-password/"

    def setUp(self):
        super().setUp()
        self.addCleanup(translation.activate, settings.LANGUAGE_CODE)

    def post(self, username="aida", key=None, password=NEW, **extra):
        return self.client.post(
            self.url,
            {
                "username": username,
                "recovery_key": key if key is not None else self.recovery,
                "password1": password,
                "password2": password,
            },
            **extra,
        )

    def drill(self, language, button):
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
        # Aida forgot her password: she takes the sheet out of the safe, types it with spaces.
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        page = self.client.get(self.url)
        self.assertContains(page, button)
        self.assertNotContains(page, "<script")
        r = self.post(key=sheet.lower().replace("-", " "), follow=True)
        self.assertRedirects(r, "/staff/login/")
        self.assertTrue(Event.objects.filter(action="password_recovered").exists())
        r = self.client.post("/staff/login/", {"username": "aida", "password": NEW})
        self.assertEqual(r.status_code, 302)
        self.assertContains(self.client.get(f"/staff/appeals/{old.pk}/"), "Биринчи муундагы кат")
        self.assertContains(self.client.get(f"/staff/appeals/{new.pk}/"), "Экинчи муундагы кат")

    def test_the_drill_end_to_end_in_kyrgyz(self):
        with translation.override("ky"):
            button = translation.gettext("Set the new password")
        self.drill("ky", button)

    def test_the_drill_end_to_end_in_russian(self):
        with translation.override("ru"):
            button = translation.gettext("Set the new password")
        self.drill("ru", button)

    def test_a_wrong_sheet_changes_nothing(self):
        r = self.post(key="AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH")
        self.assertEqual(r.status_code, 200)
        self.assertTrue(
            self.aida.__class__.objects.get(pk=self.aida.pk).check_password("correct horse battery")
        )
        self.assertFalse(Event.objects.filter(action="password_recovered").exists())

    def test_another_schools_sheet_does_not_reset_a_member_here(self):
        self.post(username="chyngyz")  # the demo school's sheet, Chyngyz works elsewhere
        self.chyngyz.refresh_from_db()
        self.assertTrue(self.chyngyz.check_password("correct horse battery"))

    def test_a_member_of_two_schools_is_refused(self):
        Membership.objects.create(user=self.aida, school=self.other_school, role="member")
        self.post()
        self.aida.refresh_from_db()
        self.assertTrue(self.aida.check_password("correct horse battery"))

    def test_wrong_sheets_are_rate_limited(self):
        for _ in range(5):
            self.post(key="AAAA-BBBB-CCCC-DDDD")
        r = self.post()  # even the right sheet waits now
        self.assertEqual(r.status_code, 429)
        self.aida.refresh_from_db()
        self.assertTrue(self.aida.check_password("correct horse battery"))

    def test_two_different_passwords_are_refused(self):
        r = self.client.post(
            self.url,
            {
                "username": "aida",
                "recovery_key": self.recovery,
                "password1": NEW,
                "password2": NEW + "x",
            },
        )
        self.assertEqual(r.status_code, 200)
        self.aida.refresh_from_db()
        self.assertTrue(self.aida.check_password("correct horse battery"))
