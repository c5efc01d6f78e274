"""Regulation A, "Record keeping": a registered entry is never changed in place. A correction
is a new version with who, when and why, sealed like the field it corrects; the letter page
lists the versions and the printed journal shows the old value struck through and initialled.
A duplicate or mistaken entry is voided with a reason and keeps its number."""

import datetime
import io
import shutil
import subprocess

from openpyxl import load_workbook

from audit.models import Event
from ishenim.testing import BaseTestCase
from journal.models import Appeal, JournalCorrection
from journal.work import correct, register, void
from notify.tests.helpers import Clock

PDFTOTEXT = shutil.which("pdftotext")


def pdf_text(data):
    return subprocess.run(
        [PDFTOTEXT, "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


class CorrectionTestCase(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.clock = Clock()  # Tuesday 10 November 2026
        self.clock.__enter__()
        self.addCleanup(self.clock.__exit__)
        self.appeal = register(self.submit()[0], self.aida, summary="Класста шылдыңдоо")
        self.url = f"/staff/appeals/{self.appeal.pk}/"
        self.login()

    def work(self, **changes):
        data = {
            "action": "work",
            "work-status": "registered",
            "work-category": "bullying",
            "work-urgency": "normal",
            "work-summary": "Класста шылдыңдоо",
        }
        data.update({f"work-{k}": v for k, v in changes.items()})
        return self.client.post(self.url, data)

    def fresh(self):
        return Appeal.objects.get(pk=self.appeal.pk)


class CorrectionsTests(CorrectionTestCase):
    def test_a_registered_summary_is_not_changed_without_a_reason(self):
        r = self.work(summary="Тамак жетпейт")
        self.assertContains(r, 'id="id_work-correction_reason_error"')
        self.assertContains(r, "Тамак жетпейт")  # what was typed is kept
        self.assertFalse(JournalCorrection.objects.exists())
        self.assertEqual(self.open(self.fresh().sealed_summary), "Класста шылдыңдоо")

    def open(self, sealed):
        import vault

        return vault.open_text(self.key, sealed)

    def test_a_correction_is_a_new_version_with_who_when_and_why(self):
        self.clock.advance(days=2)
        self.login()
        r = self.work(summary="Класста шылдыңдоо жана уруу", correction_reason="Толугураак")
        self.assertRedirects(r, self.url)
        c = JournalCorrection.objects.get()
        self.assertEqual((c.field, c.version, c.made_by), ("summary", 2, self.aida))
        self.assertEqual(c.made_at.date(), datetime.date(2026, 11, 12))
        self.assertEqual(self.open(c.sealed_old), "Класста шылдыңдоо")
        self.assertEqual(self.open(c.sealed_new), "Класста шылдыңдоо жана уруу")
        self.assertEqual(self.open(c.sealed_reason), "Толугураак")
        self.assertEqual(self.open(self.fresh().sealed_summary), "Класста шылдыңдоо жана уруу")
        event = Event.objects.get(action="correct")
        self.assertEqual(event.detail, {"field": "summary", "version": 2})

    def test_the_old_value_and_the_reason_are_sealed(self):
        self.work(summary="Жаңы мазмун", correction_reason="Жаңылыш жазылган")
        c = JournalCorrection.objects.get()
        for sealed in (c.sealed_old, c.sealed_new, c.sealed_reason):
            raw = bytes(sealed)
            self.assertNotIn("Класста".encode(), raw)
            self.assertNotIn("Жаңылыш".encode(), raw)

    def test_the_letter_page_shows_the_history_of_versions(self):
        self.work(summary="Жаңы мазмун", correction_reason="Жаңылыш жазылган")
        r = self.client.get(self.url)
        self.assertContains(r, "<del>Класста шылдыңдоо</del>")
        self.assertContains(r, "Жаңылыш жазылган")
        self.assertContains(r, "Аида Токтобаева")

    def test_filling_an_empty_field_the_first_time_needs_no_reason(self):
        r = self.work(measures="Ата-энеси менен сүйлөштүк")
        self.assertRedirects(r, self.url)
        self.assertFalse(JournalCorrection.objects.exists())

    def test_before_registration_the_summary_changes_freely(self):
        appeal, _ = self.submit()
        self.client.post(
            f"/staff/appeals/{appeal.pk}/",
            {
                "action": "work",
                "work-status": "new",
                "work-category": "bullying",
                "work-urgency": "normal",
                "work-summary": "Биринчи",
            },
        )
        self.assertFalse(JournalCorrection.objects.exists())

    def test_a_date_is_corrected_with_its_reason_and_the_old_date_kept(self):
        r = self.client.post(
            self.url,
            {
                "action": "fix_date",
                "fix-field": "received_on",
                "fix-new_date": "2026-11-09",
                "fix-reason": "Кутудан дүйшөмбүдө алынган",
            },
        )
        self.assertRedirects(r, self.url)
        c = JournalCorrection.objects.get()
        self.assertEqual((c.old_date, c.new_date), (datetime.date(2026, 11, 10), c.new_date))
        self.assertEqual(self.fresh().received_on, datetime.date(2026, 11, 9))
        self.assertEqual(self.fresh().due_on, datetime.date(2026, 11, 16))

    def test_a_date_correction_without_a_reason_is_refused(self):
        r = self.client.post(
            self.url,
            {"action": "fix_date", "fix-field": "received_on", "fix-new_date": "2026-11-09"},
        )
        self.assertContains(r, 'id="id_fix-reason_error"')
        self.assertEqual(self.fresh().received_on, datetime.date(2026, 11, 10))

    def test_the_printed_journal_shows_the_correction_initialled(self):
        if not PDFTOTEXT:
            self.skipTest("pdftotext is not installed (package poppler-utils)")
        correct(self.fresh(), self.aida, "summary", "Уруу", "Жаңылыш", self.key)
        text = pdf_text(self.client.get("/staff/journal.pdf").content)
        self.assertIn("Класста шылдыңдоо", text)  # the old value stays, struck through
        self.assertIn("Уруу", text)
        self.assertIn("Оңдолду: А. Токтобаева, 10.11.2026", text)

    def test_the_spreadsheet_keeps_the_old_value_in_words(self):
        correct(self.fresh(), self.aida, "summary", "Уруу", "Жаңылыш", self.key)
        sheet = load_workbook(io.BytesIO(self.client.get("/staff/journal.xlsx").content)).active
        values = " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row if c)
        self.assertIn("мурун: Класста шылдыңдоо", values)


class VoidTests(CorrectionTestCase):
    def void(self, reason="№ 2 жазуунун кайталанышы", confirm="on"):
        return self.client.post(
            self.url, {"action": "void", "void-reason": reason, "void-confirm": confirm}
        )

    def test_a_voided_entry_keeps_its_number_and_leaves_the_open_letters(self):
        self.assertRedirects(self.void(), self.url)
        appeal = self.fresh()
        self.assertEqual((appeal.number, appeal.status), (1, Appeal.VOIDED))
        self.assertFalse(appeal.is_open)
        self.assertEqual(appeal.voided_by, self.aida)
        self.assertFalse(Appeal.objects.filter(status__in=Appeal.OPEN_STATUSES).exists())
        self.assertEqual(register(self.submit()[0], self.aida).number, 2)

    def test_a_voided_entry_has_no_deadline(self):
        self.void()
        self.clock.advance(days=30)
        self.assertEqual(self.fresh().deadline_state(), "")
        self.login()
        r = self.client.get("/staff/", {"overdue": "on"})
        self.assertNotContains(r, self.appeal.tag)

    def test_a_voided_entrys_page_shows_no_answer_deadline(self):
        self.void()
        self.login()
        self.assertNotContains(self.client.get(self.url), "Жооп берүү мөөнөтү")

    def test_voiding_needs_a_reason(self):
        r = self.void(reason="")
        self.assertContains(r, 'id="id_void-reason_error"')
        self.assertFalse(self.fresh().is_voided)

    def test_a_voided_entry_is_not_answered_or_changed(self):
        self.void()
        self.client.post(
            self.url, {"action": "reply", "reply-text": "Жооп", "reply-to_author": "on"}
        )
        self.assertIsNone(self.fresh().answered_on)
        self.assertEqual(self.fresh().status, Appeal.VOIDED)

    def test_the_page_and_the_exports_show_it_voided(self):
        self.void()
        page = self.client.get(self.url)
        self.assertContains(page, "№ 2 жазуунун кайталанышы")
        sheet = load_workbook(io.BytesIO(self.client.get("/staff/journal.xlsx").content)).active
        values = " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row if c)
        self.assertIn("ЖОККО ЧЫГАРЫЛДЫ", values)
        if PDFTOTEXT:
            text = pdf_text(self.client.get("/staff/journal.pdf").content)
            self.assertIn("ЖОККО ЧЫГАРЫЛДЫ", text)

    def test_void_is_audited_without_the_reason(self):
        void(self.fresh(), self.aida, "Кайталанган")
        event = Event.objects.get(action="void")
        self.assertNotIn("Кайталанган", str(event.detail))
