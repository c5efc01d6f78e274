"""Issue: an urgent test appeal submitted through the browser produces the alert mail (to a
local SMTP server), the alert in the staff list, and the help block on the receipt page."""

from django.test import override_settings

from ishenim.browser import BrowserTestCase
from ishenim.testing import PASSWORD, CastMixin, LocalSMTP

URGENT = "Мен мындан ары жашагым келбейт. Бүгүн кечинде таблеткаларды ичип алам, кечиргиле."


class UrgentAppealTests(CastMixin, BrowserTestCase):
    def setUp(self):
        self.make_cast()
        self.smtp = LocalSMTP().__enter__()
        self.addCleanup(self.smtp.__exit__)
        override = override_settings(**self.smtp.settings())
        override.enable()
        self.addCleanup(override.disable)

    def test_an_urgent_letter_alerts_staff_and_shows_help_at_once(self):
        page = self.new_page()
        page.goto(f"{self.live_server_url}/s/demo/write/anonymous/")
        page.get_by_label("окуучу").check()
        page.get_by_label("Катыңыз").fill(URGENT)
        page.get_by_role("button", name="Катты жөнөтүү").click()
        alert = page.locator(".alert[role=alert]")
        self.assertIn("бүгүн окуйт", alert.inner_text())
        self.assertIn("111", page.locator("#help-h + ul").inner_text())
        self.assertAccessible(page, "author-08-urgent-receipt")

        mails = self.smtp.texts()
        self.assertEqual([m[0] for m in mails], [["aida@example.org"]])
        self.assertNotIn("таблетка", mails[0][1] + mails[0][2])

        staff = self.new_page(width=1280)
        staff.goto(f"{self.live_server_url}/staff/login/")
        staff.get_by_label("Логин").fill("aida")
        staff.get_by_label("Сырсөз").fill(PASSWORD)
        staff.get_by_role("button", name="Кирүү").click()
        first_row = staff.locator("table.journal tbody tr").first
        self.assertIn("urgent", first_row.get_attribute("class"))
        # Urgent notices stand in their own list, first (issue 15).
        self.assertIn("шашылыш", staff.locator("ul.urgent-notices").inner_text().lower())
        self.shot(staff, "staff-03-urgent-alert")
