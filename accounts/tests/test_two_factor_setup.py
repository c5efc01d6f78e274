"""Turning two-factor login on (with a code from the app) and off (password and code)."""

import time

import pyotp
from django.utils import timezone

from accounts.models import TwoFactor
from audit.models import Event
from ishenim.testing import PASSWORD, BaseTestCase


class TwoFactorSetupTests(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.login("aida")

    def secret(self, user=None):
        return TwoFactor.objects.get(user=user or self.aida).secret

    def test_the_page_shows_a_secret_and_a_qr_code(self):
        r = self.client.get("/staff/two-factor/")
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "<h1", count=1)
        self.assertContains(r, 'src="data:image/png;base64,')
        secret = self.secret()
        self.assertContains(r, f"{secret[:4]} {secret[4:8]}")
        self.assertContains(r, 'autocomplete="one-time-code"')
        self.assertIn("no-store", r["Cache-Control"])

    def test_the_otpauth_uri_names_ishenim_and_the_login(self):
        self.client.get("/staff/two-factor/")
        uri = TwoFactor.objects.get(user=self.aida).uri()
        parsed = pyotp.parse_uri(uri)
        self.assertEqual((parsed.issuer, parsed.name), ("Ishenim", "aida"))

    def test_reloading_the_page_keeps_the_same_secret(self):
        self.client.get("/staff/two-factor/")
        first = self.secret()
        self.client.get("/staff/two-factor/")
        self.assertEqual(self.secret(), first)

    def test_enabling_needs_a_valid_code(self):
        self.client.get("/staff/two-factor/")
        r = self.client.post("/staff/two-factor/", {"code": "123456"})
        if pyotp.TOTP(self.secret()).verify("123456", valid_window=1):
            self.skipTest("the random secret happens to make 123456 right now")
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, 'id="id_code_error"')
        self.assertFalse(TwoFactor.is_on(self.aida))

    def test_a_valid_code_turns_it_on_and_is_audited(self):
        self.client.get("/staff/two-factor/")
        r = self.client.post("/staff/two-factor/", {"code": pyotp.TOTP(self.secret()).now()})
        self.assertRedirects(r, "/staff/two-factor/")
        self.assertTrue(TwoFactor.is_on(self.aida))
        self.assertTrue(Event.objects.filter(action="two_factor_enabled", actor=self.aida).exists())
        r = self.client.get("/staff/two-factor/")
        self.assertContains(r, "/staff/two-factor/off/")
        self.assertNotContains(r, self.secret()[:8])

    def test_the_code_that_turned_it_on_cannot_log_in(self):
        self.client.get("/staff/two-factor/")
        code = pyotp.TOTP(self.secret()).now()
        self.client.post("/staff/two-factor/", {"code": code})
        self.client.post("/staff/logout/")
        self.client.post("/staff/login/", {"username": "aida", "password": PASSWORD})
        r = self.client.post("/staff/login/code/", {"code": code})
        self.assertEqual(r.status_code, 200)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_each_user_sees_only_their_own_set_up(self):
        self.client.get("/staff/two-factor/")
        aidas = self.secret()
        self.client.post("/staff/logout/")
        self.login("chyngyz")
        r = self.client.get("/staff/two-factor/")
        self.assertNotContains(r, aidas[:8])
        self.assertContains(r, self.secret(self.chyngyz)[:4])
        self.assertNotEqual(self.secret(self.chyngyz), aidas)

    def test_an_anonymous_visitor_is_sent_to_login(self):
        self.client.post("/staff/logout/")
        for url in ("/staff/two-factor/", "/staff/two-factor/off/"):
            r = self.client.get(url)
            self.assertRedirects(r, f"/staff/login/?next={url}")
        self.assertFalse(TwoFactor.objects.exists())


class TwoFactorOffTests(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.login("aida")  # log in first, then turn it on: the login itself asks for no code
        self.two_factor = TwoFactor.objects.create(
            user=self.aida, secret=pyotp.random_base32(), confirmed_at=timezone.now()
        )
        self.totp = pyotp.TOTP(self.two_factor.secret)

    def test_disabling_needs_the_password_and_a_code(self):
        r = self.client.post(
            "/staff/two-factor/off/", {"password": PASSWORD, "code": self.totp.now()}
        )
        self.assertRedirects(r, "/staff/two-factor/")
        self.assertFalse(TwoFactor.is_on(self.aida))
        self.assertTrue(
            Event.objects.filter(action="two_factor_disabled", actor=self.aida).exists()
        )

    def test_a_wrong_password_keeps_it_on_and_does_not_use_up_the_code(self):
        code = self.totp.now()
        r = self.client.post("/staff/two-factor/off/", {"password": "wrong", "code": code})
        self.assertContains(r, 'id="id_password_error"')
        self.assertTrue(TwoFactor.is_on(self.aida))
        r = self.client.post("/staff/two-factor/off/", {"password": PASSWORD, "code": code})
        self.assertRedirects(r, "/staff/two-factor/")

    def test_a_wrong_code_keeps_it_on(self):
        right = {self.totp.at(t) for t in self.steps()}
        wrong = next(c for c in ("000000", "111111", "222222", "333333") if c not in right)
        r = self.client.post("/staff/two-factor/off/", {"password": PASSWORD, "code": wrong})
        self.assertContains(r, 'id="id_code_error"')
        self.assertTrue(TwoFactor.is_on(self.aida))

    def test_the_password_alone_keeps_it_on(self):
        r = self.client.post("/staff/two-factor/off/", {"password": PASSWORD})
        self.assertEqual(r.status_code, 200)
        self.assertTrue(TwoFactor.is_on(self.aida))

    def test_after_turning_it_off_the_password_alone_logs_in(self):
        self.client.post("/staff/two-factor/off/", {"password": PASSWORD, "code": self.totp.now()})
        self.client.post("/staff/logout/")
        self.login("aida")

    def test_another_users_off_page_cannot_touch_aidas_set_up(self):
        self.client.post("/staff/logout/")
        self.login("bolot")
        self.assertRedirects(self.client.get("/staff/two-factor/off/"), "/staff/two-factor/")
        self.client.post("/staff/two-factor/off/", {"password": PASSWORD, "code": self.totp.now()})
        self.assertTrue(TwoFactor.is_on(self.aida))

    def steps(self):
        return [time.time() + 30 * i for i in (-1, 0, 1)]


class ResetTwoFactorCommandTests(BaseTestCase):
    def test_a_lost_phone_is_reset_by_the_command(self):
        from io import StringIO

        from django.core.management import call_command

        TwoFactor.objects.create(
            user=self.aida, secret="JBSWY3DPEHPK3PXP", confirmed_at=timezone.now()
        )
        call_command("reset_two_factor", "aida", stdout=StringIO())
        self.assertFalse(TwoFactor.objects.filter(user=self.aida).exists())
        self.login("aida")  # a password alone works again
