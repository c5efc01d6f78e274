"""Issue 15: a pupil chooses Oʻzbekcha, writes a letter, keeps the code from the receipt,
comes back with it and reads the answer, all in Uzbek; the crisis receipt and the board too.
JavaScript off, 360 px, axe-core with no violation; screenshots author-uz-*.png."""

import re

from django.test import override_settings

from board.models import BoardPost
from ishenim.browser import BrowserTestCase
from ishenim.testing import CastMixin, LocalSMTP
from journal.models import Appeal
from journal.sealing import add_staff_message

LETTER = "Meni sinfda har kuni masxara qilishadi. Iltimos, yordam bering."
URGENT = "Мен мындан ары жашагым келбейт. Бүгүн кечинде таблеткаларды ичип алам, кечиргиле."


class UzbekAuthorJourneyTests(CastMixin, BrowserTestCase):
    def setUp(self):
        self.make_cast()
        self.smtp = LocalSMTP().__enter__()  # the urgent alert goes out by mail
        self.addCleanup(self.smtp.__exit__)
        override = override_settings(**self.smtp.settings())
        override.enable()
        self.addCleanup(override.disable)

    def choose_uzbek(self, page):
        page.goto(f"{self.live_server_url}/")
        self.assertEqual(page.locator("html").get_attribute("lang"), "ky")
        page.get_by_role("button", name="Oʻzbekcha").click()
        self.assertEqual(page.locator("html").get_attribute("lang"), "uz")
        self.assertEqual(page.locator(".langs button[aria-current=true]").inner_text(), "Oʻzbekcha")

    def test_a_letter_the_receipt_and_the_answer_in_uzbek(self):
        page = self.new_page()
        self.choose_uzbek(page)
        self.assertIn("maktabingizni toping", page.locator("h1").inner_text())
        self.assertAccessible(page, "author-uz-01-schools")
        page.get_by_role("link", name="Ак-Терек мектеби").click()
        self.assertAccessible(page, "author-uz-02-school")
        page.goto(f"{self.live_server_url}/s/demo/write/")  # where the poster's code leads
        self.assertAccessible(page, "author-uz-03-write-choice")
        page.get_by_role("link", name="Anonim (ismsiz) yozish").click()

        page.get_by_role("button", name="Xatni yuborish").click()  # nothing written yet
        self.assertIn("matn boʻsh", page.locator(".errorlist").inner_text())
        self.assertEqual(Appeal.objects.count(), 0)
        self.assertAccessible(page, "author-uz-03-write-errors")

        page.get_by_label("oʻquvchi").check()
        page.get_by_label("Xatingiz").fill(LETTER)
        page.get_by_role("button", name="Xatni yuborish").click()
        self.assertEqual(page.locator("h1").inner_text(), "Xatingiz qabul qilindi")
        code = page.locator(".code").inner_text()
        self.assertRegex(code, r"^\d{4} \d{4} \d{4} \d{4}$")
        self.assertIn("ish kuni ichida", page.content())
        self.assertAccessible(page, "author-uz-04-receipt")
        page.get_by_role("link", name="Chop etish uchun kvitansiya").click()
        self.assertAccessible(page, "author-uz-05-receipt-print")
        page.context.close()

        appeal = Appeal.objects.get()
        self.assertEqual(appeal.author_kind, "pupil")
        add_staff_message(appeal, self.aida, "Xatingiz uchun rahmat. Ertaga 12-xonaga keling.")

        back = self.new_page()
        self.choose_uzbek(back)
        back.goto(f"{self.live_server_url}/s/demo/")
        back.get_by_role("link", name="Murojaatimni tekshirish").click()
        back.get_by_label("Murojaatingiz kodi").fill("1234")
        back.get_by_role("button", name="Ochish").click()
        self.assertIn("16 ta raqamdan", back.locator(".errorlist").inner_text())
        self.assertAccessible(back, "author-uz-06-check-errors")
        back.get_by_label("Murojaatingiz kodi").fill(code.replace(" ", ""))
        back.get_by_role("button", name="Ochish").click()
        self.assertTrue(re.search(r"/s/demo/conversation/$", back.url))
        self.assertIn("Maktab javob berdi", back.content())
        self.assertIn("Ertaga 12-xonaga keling.", back.content())
        self.assertAccessible(back, "author-uz-07-conversation")

        BoardPost.objects.create(
            school=self.school,
            appeal=appeal,
            published_by=self.aida,
            question="Meni sinfda masxara qilishadi. Nima qilay?",
            answer="Siz yolgʻiz emassiz. Ijtimoiy pedagog xonasiga keling.",
        )
        back.goto(f"{self.live_server_url}/s/demo/board/")
        self.assertIn("Savol:", back.content())
        self.assertAccessible(back, "author-uz-08-board")

    def test_the_crisis_receipt_speaks_uzbek(self):
        page = self.new_page()
        self.choose_uzbek(page)
        page.goto(f"{self.live_server_url}/s/demo/write/anonymous/")
        page.get_by_label("oʻquvchi").check()
        page.get_by_label("Xatingiz").fill(URGENT)
        page.get_by_role("button", name="Xatni yuborish").click()
        alert = page.locator(".alert[role=alert]").inner_text()
        self.assertIn("Maktabingizdagi kattalardan biri xatingizni bugun oʻqiydi.", alert)
        self.assertIn("111 raqamiga", alert)
        lines = page.locator("#help-h + ul").inner_text()
        self.assertIn("Bolalar ishonch telefoni", lines)
        for number in ("111", "102", "103", "112"):
            self.assertIn(number, lines)
        self.assertEqual(page.locator("a[href='tel:111']").count(), 1)
        self.assertAccessible(page, "author-uz-09-urgent-receipt")
