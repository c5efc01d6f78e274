"""Login with two-factor on: the password opens a pending step, only a right code logs in."""

import time

import pyotp
from django.test import override_settings
from django.utils import timezone

from accounts.models import TwoFactor
from accounts.views import PENDING_SINCE
from ishenim import throttle
from ishenim.testing import PASSWORD, BaseTestCase


class TwoFactorLoginTests(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.two_factor = TwoFactor.objects.create(
            user=self.aida, secret=pyotp.random_base32(), confirmed_at=timezone.now()
        )
        self.totp = pyotp.TOTP(self.two_factor.secret)

    def password_step(self, username="aida", next_url=""):
        url = "/staff/login/" + (f"?next={next_url}" if next_url else "")
        return self.client.post(url, {"username": username, "password": PASSWORD})

    def test_a_right_password_asks_for_the_code_and_does_not_log_in_yet(self):
        r = self.password_step()
        self.assertRedirects(r, "/staff/login/code/")
        self.assertNotIn("_auth_user_id", self.client.session)
        self.assertRedirects(self.client.get("/staff/"), "/staff/login/?next=/staff/")
        r = self.client.get("/staff/login/code/")
        self.assertContains(r, 'autocomplete="one-time-code"')
        self.assertContains(r, 'inputmode="numeric"')
        self.assertContains(r, "<h1", count=1)

    def test_the_right_code_logs_in_and_the_school_key_opens_letters(self):
        appeal, _ = self.submit("Мени класста шылдыңдашат.")
        self.password_step()
        r = self.client.post("/staff/login/code/", {"code": self.totp.now()})
        self.assertRedirects(r, "/staff/")
        self.assertEqual(self.client.session["_auth_user_id"], str(self.aida.pk))
        self.assertContains(self.client.get(f"/staff/appeals/{appeal.pk}/"), "Мени класста")

    def test_the_code_step_keeps_the_next_target(self):
        appeal, _ = self.submit()
        self.password_step(next_url=f"/staff/appeals/{appeal.pk}/")
        r = self.client.post("/staff/login/code/", {"code": self.totp.now()})
        self.assertRedirects(r, f"/staff/appeals/{appeal.pk}/")

    def test_a_code_typed_with_a_space_works(self):
        self.password_step()
        code = self.totp.now()
        r = self.client.post("/staff/login/code/", {"code": f"{code[:3]} {code[3:]}"})
        self.assertRedirects(r, "/staff/")

    def test_a_wrong_code_is_a_clear_error_and_does_not_log_in(self):
        self.password_step()
        r = self.client.post("/staff/login/code/", {"code": self.wrong_code()})
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, 'id="id_code_error"')
        self.assertNotIn("_auth_user_id", self.client.session)
        self.assertEqual(throttle.count(f"login:code:{self.aida.pk}"), 1)

    def test_letters_typed_instead_of_digits_are_a_clear_error(self):
        self.password_step()
        r = self.client.post("/staff/login/code/", {"code": "abc"})
        self.assertContains(r, 'id="id_code_error"')
        self.assertNotIn("_auth_user_id", self.client.session)

    @override_settings(STAFF_LOGIN_FAILURES=3)
    def test_wrong_codes_lock_the_login(self):
        self.password_step()
        for _ in range(2):
            self.client.post("/staff/login/code/", {"code": self.wrong_code()})
        r = self.client.post("/staff/login/code/", {"code": self.wrong_code()})
        self.assertRedirects(r, "/staff/login/")
        self.assertEqual(throttle.count(f"login:code:{self.aida.pk}"), 3)
        # The pending step and its keys are gone; even the right password is refused now.
        self.assertFalse(any(k.startswith("vault:") for k in self.client.session.keys()))
        r = self.password_step()
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, 'role="alert"')

    @override_settings(STAFF_LOGIN_FAILURES=3)
    def test_typing_the_password_again_does_not_reset_the_count_of_wrong_codes(self):
        for _ in range(3):
            self.password_step()
            self.client.post("/staff/login/code/", {"code": self.wrong_code()})
        self.assertEqual(throttle.count(f"login:code:{self.aida.pk}"), 3)
        r = self.password_step()
        self.assertEqual(r.status_code, 200)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_a_right_code_clears_the_count_of_failures(self):
        self.password_step()
        self.client.post("/staff/login/code/", {"code": self.wrong_code()})
        self.client.post("/staff/login/code/", {"code": self.totp.now()})
        self.assertEqual(throttle.count(f"login:code:{self.aida.pk}"), 0)

    def test_a_code_cannot_be_used_twice(self):
        code = self.totp.now()
        self.password_step()
        self.assertRedirects(self.client.post("/staff/login/code/", {"code": code}), "/staff/")
        self.client.post("/staff/logout/")
        self.password_step()
        r = self.client.post("/staff/login/code/", {"code": code})
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, 'id="id_code_error"')
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_the_code_page_without_the_password_step_goes_back_to_login(self):
        self.assertRedirects(self.client.get("/staff/login/code/"), "/staff/login/")
        r = self.client.post("/staff/login/code/", {"code": self.totp.now()})
        self.assertRedirects(r, "/staff/login/")
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_the_pending_step_expires_after_five_minutes(self):
        self.password_step()
        session = self.client.session
        session[PENDING_SINCE] = time.time() - 5 * 60 - 1
        session.save()
        r = self.client.post("/staff/login/code/", {"code": self.totp.now()})
        self.assertRedirects(r, "/staff/login/", fetch_redirect_response=False)
        self.assertNotIn("_auth_user_id", self.client.session)
        self.assertFalse(any(k.startswith("vault:") for k in self.client.session.keys()))
        self.assertContains(self.client.get("/staff/login/"), 'role="alert"')

    def test_a_logged_in_colleague_does_not_receive_the_keys_of_the_password_step(self):
        self.login("chyngyz")
        self.password_step("aida")
        self.assertNotIn("_auth_user_id", self.client.session)
        keys = [k for k in self.client.session.keys() if k.startswith("vault:school:")]
        self.assertEqual(keys, [f"vault:school:{self.school.pk}"])

    def test_the_code_and_the_secret_never_appear_in_a_url(self):
        r = self.password_step()
        self.assertNotIn(self.two_factor.secret, r["Location"])
        code = self.totp.now()
        r = self.client.post("/staff/login/code/", {"code": code})
        self.assertNotIn(code, r["Location"])

    def test_users_without_two_factor_log_in_with_the_password_alone(self):
        r = self.password_step("bolot")
        self.assertRedirects(r, "/staff/")
        self.assertEqual(self.client.session["_auth_user_id"], str(self.bolot.pk))

    def test_an_unconfirmed_set_up_does_not_ask_for_a_code(self):
        TwoFactor.start(self.bolot)
        self.assertRedirects(self.password_step("bolot"), "/staff/")

    def wrong_code(self):
        right = {self.totp.at(time.time() + 30 * i) for i in (-1, 0, 1)}
        return next(c for c in ("000000", "111111", "222222", "333333") if c not in right)
