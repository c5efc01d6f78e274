"""Keeping and erasing (Law No. 58; issue 14): the retention schedule run by the worker with a
record of what was erased; the author's copy; the author's erasure of their own words, held
for referred letters; the one-page data sheet."""

import datetime
import io

from django.urls import reverse

import vault
from audit.models import Event
from ishenim.testing import BaseTestCase
from journal.closing import close_year, freeze_year_pdf, open_year_pdf
from journal.models import Appeal, Erasure, Message
from journal.retention import erase_expired
from journal.sealing import add_staff_message
from journal.work import register
from schools.models import SchoolYear

D = datetime.date


class RetentionTestCase(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.appeal, self.code = self.submit(
            "Мени класста шылдыңдашат.", received_on=D(2025, 10, 1)
        )
        self.appeal = register(self.appeal, self.aida, summary="Шылдыңдоо")
        add_staff_message(self.appeal, self.aida, "Саламатсызбы, 12-кабинетке келиңиз.")
        self.year = SchoolYear.objects.get(pk=self.appeal.school_year_id)

    def close(self):
        Appeal.objects.filter(pk=self.appeal.pk).update(
            status=Appeal.CLOSED, answered_on=D(2025, 10, 2)
        )
        close_year(self.year, self.aida)


class ScheduleTests(RetentionTestCase):
    def test_content_is_kept_three_school_years_after_the_year_closed(self):
        self.close()
        self.assertEqual(erase_expired(D(2029, 8, 31)), 0)
        self.assertEqual(erase_expired(D(2029, 9, 1)), 1)
        self.appeal.refresh_from_db()
        self.assertIsNotNone(self.appeal.erased_at)
        # The journal row stays: number, dates and the summary.
        self.assertEqual(self.appeal.number, 1)
        self.assertEqual(vault.open_text(self.key, self.appeal.sealed_summary), "Шылдыңдоо")
        self.assertFalse(any(bytes(m.body_for_school) for m in self.appeal.messages.all()))
        erasure = Erasure.objects.get()
        self.assertEqual((erasure.reason, erasure.messages, erasure.number), ("schedule", 2, 1))
        self.assertTrue(Event.objects.filter(action="retention_erased").exists())
        self.assertEqual(erase_expired(D(2029, 9, 2)), 0)  # once

    def test_the_schools_own_schedule(self):
        self.school.retention_years = 1
        self.school.save()
        self.close()
        self.assertEqual(erase_expired(D(2027, 9, 1)), 1)

    def test_an_open_year_and_a_referred_letter_are_kept(self):
        self.assertEqual(erase_expired(D(2035, 1, 1)), 0)  # the year is not closed
        self.close()
        Appeal.objects.filter(pk=self.appeal.pk).update(referred_to="juvenile_inspector")
        self.assertEqual(erase_expired(D(2035, 1, 1)), 0)


class AuthorTests(RetentionTestCase):
    def enter(self):
        self.client.post("/s/demo/check/", {"code": self.code})

    def test_the_author_downloads_their_letter_and_the_answers(self):
        self.enter()
        r = self.client.get("/s/demo/my-letter.txt")
        text = r.content.decode()
        self.assertIn("Мени класста шылдыңдашат.", text)
        self.assertIn("12-кабинетке", text)

    def test_the_author_erases_their_words_and_the_row_stays_marked(self):
        self.enter()
        page = self.client.get("/s/demo/erase/")
        self.assertContains(page, 'name="confirm"')
        self.client.post("/s/demo/erase/", {"confirm": "yes"})
        self.appeal.refresh_from_db()
        self.assertTrue(self.appeal.erased_at_authors_request)
        self.assertEqual(self.appeal.number, 1)
        author_bodies = Message.objects.filter(appeal=self.appeal, sender=Message.AUTHOR)
        self.assertFalse(any(bytes(m.body_for_school) for m in author_bodies))
        self.assertEqual(Erasure.objects.get().reason, "author")
        self.login("aida")
        journal = self.client.get("/staff/", HTTP_ACCEPT_LANGUAGE="ru")
        self.assertNotContains(journal, "Шылдыңдоо")

    def test_a_referred_letter_is_held_and_the_author_is_told_why(self):
        Appeal.objects.filter(pk=self.appeal.pk).update(
            status=Appeal.REFERRED, referred_to="police"
        )
        self.enter()
        page = self.client.get("/s/demo/erase/")
        self.assertNotContains(page, 'name="confirm"')
        self.client.post("/s/demo/erase/", {"confirm": "yes"})
        self.appeal.refresh_from_db()
        self.assertIsNone(self.appeal.erased_at)

    def test_a_frozen_year_is_reissued_without_the_erased_words(self):
        from pypdf import PdfReader

        self.close()
        year = freeze_year_pdf(SchoolYear.objects.get(pk=self.year.pk), self.aida, self.key)
        self.enter()
        self.client.post("/s/demo/erase/", {"confirm": "yes"})
        year.refresh_from_db()
        self.assertTrue(year.pdf_needs_reissue)
        year = freeze_year_pdf(year, self.aida, self.key)
        pdf = open_year_pdf(year, self.key)
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
        self.assertNotIn("Шылдыңдоо", text)
        self.assertEqual((year.pdf_version, year.pdf_needs_reissue), (2, False))

    def test_without_the_code_there_is_nothing_to_download(self):
        r = self.client.get("/s/demo/my-letter.txt")
        self.assertRedirects(r, "/s/demo/check/")


class DataSheetTests(RetentionTestCase):
    def test_the_data_sheet_is_one_page_in_kyrgyz_and_russian(self):
        from pypdf import PdfReader

        self.login("aida")
        for lang, word in (("ky", "3 окуу жылы"), ("ru", "3 учебных года")):
            r = self.client.get(reverse("schools:data-sheet", args=[self.school.slug, lang]))
            reader = PdfReader(io.BytesIO(r.content))
            self.assertEqual(len(reader.pages), 1)
            self.assertIn(word, " ".join(reader.pages[0].extract_text().split()))
