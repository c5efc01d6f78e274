"""The two-factor pages on a phone and on a desk, JavaScript off: set up, then log in with a code."""

import pyotp

from accounts.models import TwoFactor
from ishenim.browser import BrowserTestCase
from ishenim.testing import PASSWORD, CastMixin


class TwoFactorPagesTests(CastMixin, BrowserTestCase):
    def setUp(self):
        self.make_cast()

    def log_in_with_password(self, page):
        page.goto(f"{self.live_server_url}/staff/login/")
        page.get_by_label("Логин").fill("aida")
        page.get_by_label("Сырсөз").fill(PASSWORD)
        page.get_by_role("button", name="Кирүү").click()

    def test_setting_up_and_logging_in_with_a_code_works_without_javascript(self):
        for width in (360, 1280):
            TwoFactor.objects.all().delete()
            page = self.new_page(width=width)
            self.log_in_with_password(page)
            page.goto(f"{self.live_server_url}/staff/two-factor/")
            self.assertEqual(page.locator("h1").count(), 1)
            self.assertAccessible(page, f"staff-two-factor-setup-{width}")
            secret = TwoFactor.objects.get(user=self.aida).secret
            totp = pyotp.TOTP(secret)
            page.locator("#id_code").fill(totp.now())
            page.locator("main button.btn").click()
            self.assertTrue(TwoFactor.is_on(self.aida))
            # The next login asks for a code; the enabling code's step is used up, so the
            # test marks it fresh rather than wait 30 seconds.
            TwoFactor.objects.filter(user=self.aida).update(last_used_step=0)
            page.locator("nav form button").click()
            self.log_in_with_password(page)
            self.assertTrue(page.url.endswith("/staff/login/code/"))
            self.assertAccessible(page, f"staff-login-code-{width}")
            page.locator("#id_code").fill(totp.now())
            page.locator("main button.btn").click()
            self.assertTrue(page.url.endswith("/staff/"), page.url)
