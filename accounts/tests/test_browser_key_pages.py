"""Issue 13's pages on a phone and on a desk, JavaScript off, in Kyrgyz and Russian: staff
and invitations, the join form, the school key, the recovery-key sheet, the access page and
a handover — no accessibility fault, one heading, no sideways scroll."""

from accounts.models import Handover, Invitation, Membership
from ishenim.browser import BrowserTestCase
from ishenim.testing import PASSWORD, CastMixin

LOGIN = {"ky": ("Логин", "Сырсөз", "Кирүү"), "ru": ("Логин", "Пароль", "Войти")}


class KeyPagesTests(CastMixin, BrowserTestCase):
    def setUp(self):
        self.make_cast()
        Invitation.issue(
            school=self.school, role=Membership.MEMBER, full_name="Гүлнара", created_by=self.aida
        )
        self.handover = Handover.objects.create(
            school=self.school, left=self.bolot, to=self.aida, by=self.dana
        )

    def log_in(self, page, username, language):
        label, password, button = LOGIN[language]
        page.goto(f"{self.live_server_url}/staff/login/")
        page.get_by_label(label).fill(username)
        page.get_by_label(password).fill(PASSWORD)
        page.get_by_role("button", name=button).click()

    def test_the_key_pages_have_no_accessibility_fault_in_kyrgyz_and_russian(self):
        visits = [
            ("aida", "invitations", "/staff/invitations/demo/"),
            ("aida", "school-key", "/staff/key/demo/"),
            ("dana", "access", "/staff/access/demo/"),
            ("aida", "handover", f"/staff/handover/{self.handover.pk}/"),
            (None, "join", "/staff/join/"),
        ]
        for language in ("ky", "ru"):
            for width in (360, 1280):
                for username, name, path in visits:
                    page = self.new_page(width=width, locale=language)
                    if username:
                        self.log_in(page, username, language)
                    response = page.goto(f"{self.live_server_url}{path}")
                    with self.subTest(page=name, width=width, language=language):
                        self.assertEqual(response.status, 200, path)
                        self.assertEqual(page.locator("h1").count(), 1, name)
                        self.assertAccessible(page, f"keys-{name}-{language}-{width}")

    def test_the_recovery_sheet_after_a_new_key_has_no_accessibility_fault(self):
        page = self.new_page(width=360)
        self.log_in(page, "aida", "ky")
        page.goto(f"{self.live_server_url}/staff/key/demo/")
        page.locator("input[name=confirm]").check()
        page.get_by_role("button", name="Жаңы ачкыч баштоо").click()
        self.assertEqual(page.locator("h1").inner_text(), "Калыбына келтирүү ачкычынын баракчасы")
        self.assertAccessible(page, "keys-recovery-sheet-360")

    def test_the_printed_recovery_sheet_shows_the_key_large_without_the_menu(self):
        page = self.new_page(width=1280)
        self.log_in(page, "aida", "ky")
        page.goto(f"{self.live_server_url}/staff/key/demo/")
        page.locator("input[name=confirm]").check()
        page.get_by_role("button", name="Жаңы ачкыч баштоо").click()
        key = page.locator(".big-code")
        size = "el => parseFloat(getComputedStyle(el).fontSize)"
        body = page.locator("main p").last.evaluate(size)
        self.assertGreater(key.evaluate(size), body * 1.2, "the key is in large type")
        page.emulate_media(media="print")
        self.assertFalse(page.locator("nav.staffnav").is_visible(), "the menu is printed")
        self.assertFalse(page.get_by_role("link", name="журналга").is_visible())
        self.assertTrue(key.is_visible())
        self.shot(page, "keys-recovery-sheet-print")
