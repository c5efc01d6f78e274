"""Issue 15: the director (who holds no key) sees each letter's number, dates, status and
deadline — and no link that would lead to a 404."""

import re

from ishenim.testing import BaseTestCase
from journal.work import register


class DirectorJournalTests(BaseTestCase):
    def setUp(self):
        super().setUp()
        appeal, _ = self.submit("Директор окубашы керек.")
        self.appeal = register(appeal, self.aida, summary="Шылдыңдоо")
        self.unregistered, _ = self.submit("Катталбаган кат.")

    def test_the_director_sees_number_dates_status_and_deadline(self):
        self.login("dana")
        r = self.client.get("/staff/")
        self.assertEqual(r.status_code, 200)
        page = r.content.decode()
        self.assertTrue(re.search(rf'data-label="№">\s*{self.appeal.number}\b', page))
        self.assertTrue(self.appeal.received_on.strftime("%d.%m.%Y") in page)
        self.assertTrue(self.appeal.due_on.strftime("%d.%m.%Y") in page)
        self.assertTrue("катталды" in page)  # the status "registered", in Kyrgyz
        self.assertEqual(page.count("Директор окубашы керек."), 0)
        self.assertEqual(page.count("Шылдыңдоо"), 0)

    def test_the_directors_rows_have_no_link_to_a_letter(self):
        self.login("dana")
        page = self.client.get("/staff/").content.decode()
        self.assertEqual(page.count("/staff/appeals/"), 0)
        self.assertEqual(self.client.get(f"/staff/appeals/{self.appeal.pk}/").status_code, 404)

    def test_no_link_on_the_directors_journal_leads_to_an_error(self):
        self.login("dana")
        page = self.client.get("/staff/").content.decode()
        for href in sorted(set(re.findall(r'href="(/staff/[^"#]*)', page))):
            with self.subTest(href=href):
                self.assertLess(self.client.get(href.replace("&amp;", "&")).status_code, 400)

    def test_the_responsible_person_still_opens_each_letter(self):
        self.login("aida")
        page = self.client.get("/staff/").content.decode()
        self.assertIn(f'href="/staff/appeals/{self.appeal.pk}/"', page)
        self.assertIn(f'href="/staff/appeals/{self.unregistered.pk}/"', page)
