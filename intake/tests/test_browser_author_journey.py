"""Issue: open the school page in Kyrgyz, submit anonymously, note the code; staff logs in
and replies; the author returns with the code and reads the reply. Screenshots at 360 px."""

import re

from ishenim.browser import BrowserTestCase
from ishenim.testing import PASSWORD, CastMixin
from journal.models import Appeal


class AuthorJourneyTests(CastMixin, BrowserTestCase):
    def setUp(self):
        self.make_cast()

    def test_anonymous_letter_answer_and_return_with_the_code(self):
        page = self.new_page()
        page.goto(f"{self.live_server_url}/")
        self.assertAccessible(page, "author-01-schools")
        page.get_by_role("link", name="Ак-Терек мектеби").click()
        self.assertEqual(page.locator("html").get_attribute("lang"), "ky")
        self.assertAccessible(page, "author-02-school")
        # The choice is on the school page itself: one tap to an anonymous form.
        page.get_by_role("link", name="Анонимдүү жазуу").click()
        # Issue 15: with JavaScript off, the anonymous form asks nothing about who writes.
        self.assertEqual(page.locator("input[name=name], input[name=phone]").count(), 0)
        self.assertAccessible(page, "author-03-write")
        page.get_by_label("окуучу").check()
        page.get_by_label("Катыңыз").fill("Мени класста күн сайын шылдыңдашат. Жардам бериңизчи.")
        page.get_by_role("button", name="Катты жөнөтүү").click()
        code = page.locator(".code").inner_text()
        self.assertRegex(code, r"^\d{4} \d{4} \d{4} \d{4}$")
        self.assertNotIn(code.replace(" ", ""), page.url)
        self.assertAccessible(page, "author-04-receipt")
        page.context.close()

        staff = self.new_page(width=1280)
        staff.goto(f"{self.live_server_url}/staff/login/")
        staff.get_by_label("Логин").fill("aida")
        staff.get_by_label("Сырсөз").fill(PASSWORD)
        staff.get_by_role("button", name="Кирүү").click()
        self.assertIn("Мени класста күн сайын шылдыңдашат", staff.content())
        self.shot(staff, "staff-01-appeals")
        tag = Appeal.objects.get().tag
        staff.get_by_role("link", name=tag).first.click()
        # Registered first: a letter is answered only once it has a journal number.
        staff.locator("#reg-h + form").get_by_role("button", name="Журналга каттоо").click()
        staff.locator("#id_reply-text").fill("Катыңыз үчүн рахмат. Эртең 12-кабинетке келиңиз.")
        staff.get_by_role("button", name="Жөнөтүү", exact=True).click()
        self.shot(staff, "staff-02-appeal")

        back = self.new_page()
        back.goto(f"{self.live_server_url}/s/demo/")
        back.get_by_role("link", name="Кайрылуумду текшерүү").click()
        self.assertAccessible(back, "author-05-check")
        back.get_by_label("Кайрылуунун коду").fill(code)
        back.get_by_role("button", name="Ачуу").click()
        self.assertTrue(re.search(r"/s/demo/conversation/$", back.url))
        self.assertIn("Эртең 12-кабинетке келиңиз.", back.content())
        self.assertAccessible(back, "author-06-conversation")

    def test_bad_input_keeps_the_text_and_is_accessible(self):
        page = self.new_page()
        page.goto(f"{self.live_server_url}/s/demo/write/anonymous/")
        page.get_by_label("Катыңыз").fill("   ")
        page.get_by_role("button", name="Катты жөнөтүү").click()
        self.assertEqual(Appeal.objects.count(), 0)
        self.assertAccessible(page, "author-07-write-errors")

    def test_a_signed_letter_keeps_the_details_on_an_error(self):
        page = self.new_page()
        page.goto(f"{self.live_server_url}/s/demo/write/")
        page.get_by_role("link", name="Атым менен жазуу").click()
        self.assertAccessible(page, "author-09-write-signed")
        page.get_by_label("Класс").fill("7Б")
        page.get_by_label("Катыңыз").fill("Мени урушат.")
        page.get_by_role("button", name="Катты жөнөтүү").click()  # no name: an error
        self.assertEqual(page.get_by_label("Класс").input_value(), "7Б")
        self.assertEqual(page.get_by_label("Катыңыз").input_value(), "Мени урушат.")
        self.assertAccessible(page, "author-10-write-signed-errors")
        page.get_by_label("Аты-жөнү").fill("Айбек Жолдошев")
        page.get_by_role("button", name="Катты жөнөтүү").click()
        self.assertRegex(page.locator(".code").inner_text(), r"^\d{4} \d{4} \d{4} \d{4}$")
        self.assertFalse(Appeal.objects.get().is_anonymous)

    def test_the_first_step_and_both_forms_in_russian(self):
        page = self.new_page()
        page.goto(f"{self.live_server_url}/s/demo/")
        page.get_by_role("button", name="Русский").click()
        # The choice page, where a poster's code leads.
        page.goto(f"{self.live_server_url}/s/demo/write/")
        self.assertAccessible(page, "author-ru-03-write-choice")
        page.get_by_role("link", name="Написать анонимно").click()
        self.assertEqual(page.locator("input[name=name], input[name=phone]").count(), 0)
        self.assertAccessible(page, "author-ru-03-write-anonymous")
        page.get_by_role("link", name="Лучше написать под своим именем").click()
        self.assertEqual(page.locator("input[name=name]").count(), 1)
        self.assertAccessible(page, "author-ru-03-write-signed")
