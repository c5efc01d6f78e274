"""A letter's triage reasons and the corrections export, looked at in a browser (ky and ru,
360 px and 1280 px, JavaScript off): accessible, no sideways scroll, no rule id in sight."""

from ishenim.browser import BrowserTestCase
from ishenim.testing import PASSWORD, CastMixin
from journal.models import Appeal
from journal.tests.test_triage_reasons_are_words import LETTER, RULE_ID

LOGIN = {"ky": ("Логин", "Сырсөз", "Кирүү"), "ru": ("Логин", "Пароль", "Войти")}


class ReasonsAndCorrectionsInTheBrowserTests(CastMixin, BrowserTestCase):
    def setUp(self):
        self.make_cast()
        self.appeal, _ = self.submit(LETTER)
        Appeal.objects.filter(pk=self.appeal.pk).update(category="family")

    def log_in(self, page, lang):
        login, password, button = LOGIN[lang]
        page.goto(f"{self.live_server_url}/staff/login/")
        if lang != "ky":
            page.get_by_role("button", name="Русский").click()
        page.get_by_label(login).fill("aida")
        page.get_by_label(password).fill(PASSWORD)
        page.get_by_role("button", name=button).click()

    def test_the_reasons_and_the_export_page_read_well_in_both_languages(self):
        for lang in ("ky", "ru"):
            for width in (360, 1280):
                with self.subTest(lang=lang, width=width):
                    self.width = width
                    page = self.new_page(width=width)
                    self.log_in(page, lang)
                    page.goto(f"{self.live_server_url}/staff/appeals/{self.appeal.pk}/")
                    text = page.locator("main").inner_text()
                    self.assertEqual(RULE_ID.findall(text), [])
                    self.assertGreaterEqual(page.locator("ul.reasons li").count(), 3)
                    self.assertAccessible(page, f"reasons-{lang}-{width}")
                    page.goto(f"{self.live_server_url}/staff/corrections/")
                    self.assertAccessible(page, f"corrections-{lang}-{width}")
