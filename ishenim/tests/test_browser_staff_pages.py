"""Every main staff page, on a phone and on a desk: no accessibility fault, no sideways
scroll, nothing from other hosts — in Kyrgyz, with JavaScript off."""

from ishenim.browser import BrowserTestCase
from ishenim.testing import PASSWORD, CastMixin
from journal.work import register


class StaffPagesTests(CastMixin, BrowserTestCase):
    def setUp(self):
        self.make_cast()
        self.appeal, _ = self.submit("Мени класста шылдыңдашат, жардам бериңиз.")
        register(self.appeal, self.aida, summary="Шылдыңдоо")

    def pages(self):
        return [
            ("journal", "/staff/"),
            ("appeal", f"/staff/appeals/{self.appeal.pk}/"),
            ("paper", "/staff/paper/"),
            ("board-staff", f"/staff/appeals/{self.appeal.pk}/board/"),
            ("settings", "/staff/school/demo/"),
            ("commission", "/staff/commission/demo/"),
            ("order-new", "/staff/commission/demo/orders/new/"),
            ("openings", "/staff/openings/"),
            ("dashboard", "/staff/reports/school/demo/"),
            ("print", "/staff/print/"),
            ("password", "/staff/password/"),
        ]

    def test_staff_pages_have_no_accessibility_fault(self):
        for width in (360, 1280):
            page = self.new_page(width=width)
            page.goto(f"{self.live_server_url}/staff/login/")
            page.get_by_label("Логин").fill("aida")
            page.get_by_label("Сырсөз").fill(PASSWORD)
            page.get_by_role("button", name="Кирүү").click()
            for name, path in self.pages():
                with self.subTest(page=name, width=width):
                    response = page.goto(f"{self.live_server_url}{path}")
                    self.assertEqual(response.status, 200, path)
                    self.assertEqual(page.locator("h1").count(), 1, path)
                    self.assertAccessible(page, f"staff-{name}-{width}")
