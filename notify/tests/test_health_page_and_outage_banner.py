"""While e-mail fails, every staff page says so and /health/ answers 503 with the count; after
recovery both are quiet again. The health page is public and reveals nothing of the schools."""

import datetime
from unittest import mock

from django.db import OperationalError
from django.test import override_settings

from ishenim.testing import BaseTestCase
from notify.tasks import queue_mail, send_outbox
from notify.tests.helpers import FAILING_MAIL, T0, Clock

LOCMEM = {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
FAILING_AT = T0 + datetime.timedelta(hours=1, minutes=42)  # 10:42 in Bishkek


class OutageTestCase(BaseTestCase):
    def mail_fails_with_three_waiting(self, clock):
        clock.now = FAILING_AT
        with override_settings(**FAILING_MAIL), self.assertLogs("notify.tasks", "WARNING"):
            for n in range(3):
                queue_mail(f"digest:1:{n}:1", "aida@example.org", "Ishenim", "Open Ishenim.")
        clock.advance(minutes=5)


class HealthPageTests(OutageTestCase):
    def test_it_says_200_when_all_is_well(self):
        r = self.client.get("/health/")
        self.assertEqual(r.status_code, 200)
        data = self.client.get("/health/?format=json").json()
        self.assertEqual(data["status"], "ok")
        self.assertFalse(data["email"]["failing"])

    def test_it_says_503_with_the_time_and_the_count_while_mail_fails_then_200(self):
        with Clock() as clock:
            self.mail_fails_with_three_waiting(clock)
            self.client.cookies["lang"] = "ru"
            r = self.client.get("/health/")
            self.assertEqual(r.status_code, 503)
            self.assertContains(r, "10:42", status_code=503)
            self.assertContains(r, "3", status_code=503)
            self.assertContains(r, "Электронная почта", status_code=503)
            self.client.cookies["lang"] = "ky"
            self.assertContains(self.client.get("/health/"), "10:42", status_code=503)
            data = self.client.get("/health/", HTTP_ACCEPT="application/json").json()
            self.assertEqual(data["status"], "email_failing")
            self.assertEqual(data["email"]["waiting"], 3)
            self.assertTrue(data["email"]["since"].startswith("2026-11-10T10:42:00+06:00"))
            for body in (r.content.decode(), str(data)):
                for secret in ("aida@example.org", self.school.name_ky, self.school.name_ru):
                    self.assertNotIn(secret, body)
            with override_settings(**LOCMEM):
                send_outbox()
            self.assertEqual(self.client.get("/health/").status_code, 200)
            data = self.client.get("/health/?format=json").json()
            self.assertEqual((data["status"], data["email"]["waiting"]), ("ok", 0))

    def test_it_says_503_when_the_database_cannot_be_reached(self):
        with mock.patch("notify.views.mail_outage", side_effect=OperationalError("gone")):
            r = self.client.get("/health/?format=json")
            self.assertEqual(r.status_code, 503)
            self.assertEqual(r.json()["status"], "database_unreachable")
            self.assertEqual(self.client.get("/health/").status_code, 503)

    def test_the_page_has_one_heading_and_no_internal_codes(self):
        with Clock() as clock:
            self.mail_fails_with_three_waiting(clock)
            body = self.client.get("/health/").content.decode()
        self.assertEqual(body.count("<h1"), 1)
        for code in ("email_failing", "waiting", "given_up", "None"):
            self.assertNotIn(code, body)


class BannerTests(OutageTestCase):
    def test_every_staff_page_shows_the_outage_until_mail_works_again(self):
        with Clock() as clock:
            self.mail_fails_with_three_waiting(clock)
            self.login()
            for url in ("/staff/", "/staff/telegram/", "/staff/openings/"):
                r = self.client.get(url)
                self.assertContains(r, 'role="alert"')
                self.assertContains(r, "10:42")
            with override_settings(**LOCMEM):
                send_outbox()
            self.assertNotContains(self.client.get("/staff/"), "10:42")

    def test_the_public_pages_show_no_banner(self):
        with Clock() as clock:
            self.mail_fails_with_three_waiting(clock)
            self.assertNotContains(self.client.get("/s/demo/"), "10:42")
