"""The openings pages show only what the school's regulation has (regulation B 3.1, 3.3)."""

import datetime
import re

from openings.tests.base import OpeningTestCase
from schools.models import Regulation
from schools.setup import choose_regulation


class RegulationPagesTests(OpeningTestCase):
    def setUp(self):
        super().setUp()
        self.login("aida")
        self.opening = self.record_opening()

    def test_under_regulation_a_there_is_no_act_of_removal(self):
        choose_regulation(self.school, Regulation.A, datetime.date(2026, 1, 1))
        page = self.client.get(f"/staff/openings/{self.opening.pk}/", HTTP_ACCEPT_LANGUAGE="ru")
        self.assertNotContains(page, f"/staff/openings/{self.opening.pk}/act.pdf")
        self.assertEqual(
            self.client.get(f"/staff/openings/{self.opening.pk}/act.pdf").status_code, 404
        )
        listing = self.client.get("/staff/openings/")
        self.assertNotContains(listing, "/staff/openings/journal.pdf")
        self.assertEqual(self.client.get("/staff/openings/journal.pdf").status_code, 404)

    def test_under_regulation_b_the_act_is_printed(self):
        choose_regulation(self.school, Regulation.B, datetime.date(2026, 1, 1))
        page = self.client.get(f"/staff/openings/{self.opening.pk}/")
        self.assertContains(page, f"/staff/openings/{self.opening.pk}/act.pdf")
        r = self.client.get(f"/staff/openings/{self.opening.pk}/act.pdf")
        self.assertEqual(r.status_code, 200)

    def test_under_regulation_a_a_weekly_collection_needs_no_seal_and_no_act(self):
        choose_regulation(self.school, Regulation.A, datetime.date(2026, 1, 1))
        page = self.client.get("/staff/openings/new/")
        self.assertNotContains(page, 'name="seal_removed"')
        self.assertNotContains(page, 'name="sheets"')
        opening = self.record_opening(seal_removed="", seal_applied="", sheets="", copies="")
        self.assertEqual((opening.number, opening.seal_applied), (2, ""))

    def test_under_regulation_a_a_collections_page_speaks_of_a_collection_not_an_act(self):
        choose_regulation(self.school, Regulation.A, datetime.date(2026, 1, 1))
        for lang, collection, absent in (
            ("ru", "Выемка писем №", ("Вскрытие ящика", "Пломба", "акт", "Акт")),
            ("ky", "Каттарды жумалык алуу №", ("Кутуну ачуу №", "Пломба", "акты", "Акты")),
        ):
            with self.subTest(lang):
                page = self.client.get(
                    f"/staff/openings/{self.opening.pk}/", HTTP_ACCEPT_LANGUAGE=lang
                )
                self.assertContains(page, collection)
                main = page.content.decode().split("<main", 1)[1]
                for word in absent:  # as a word of its own ("Двухфакторный" holds "акт")
                    self.assertIsNone(re.search(rf"(?<!\w){word}", main), word)

    def test_the_menu_names_the_page_after_what_the_school_keeps(self):
        page = self.client.get("/staff/openings/", HTTP_ACCEPT_LANGUAGE="ru")
        self.assertContains(page, "Вскрытия ящика")
        choose_regulation(self.school, Regulation.A, datetime.date(2026, 1, 1))
        page = self.client.get("/staff/openings/", HTTP_ACCEPT_LANGUAGE="ru")
        self.assertNotContains(page, "Вскрытия ящика")
        self.assertContains(page, "Еженедельная выемка писем")
