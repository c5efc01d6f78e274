"""The school year's journal closes (regulation A, "Record keeping"; issue 14): its numbering
ends, the printed year is frozen and sealed with its checksum in the audit chain, later letters
start at 1 in the next year's journal, open letters are carried over."""

import datetime
import io
from unittest import mock

from django.core.management import CommandError, call_command

import vault
from ishenim.testing import BaseTestCase
from journal.closing import (
    carried_over,
    close_due_years,
    close_year,
    freeze_year_pdf,
    open_year_pdf,
    verify_year,
)
from journal.models import Appeal
from journal.work import register
from schools.models import SchoolYear

D = datetime.date


class YearClosingTestCase(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.year = SchoolYear.ensure_for(self.school, D(2025, 10, 1))

    def letter(self, on, **kw):
        appeal, _code = self.submit(received_on=on, **kw)
        return register(appeal, self.aida, summary="Кыскача")


class NumberingTests(YearClosingTestCase):
    def test_later_letters_start_at_one_in_the_next_years_journal(self):
        first = self.letter(D(2025, 10, 1))
        second = self.letter(D(2026, 3, 2))
        self.assertEqual((first.number, second.number), (1, 2))
        close_year(self.year, self.aida, today=D(2026, 5, 31))
        self.year.refresh_from_db()
        self.assertEqual(self.year.last_number, 2)
        # June, still inside the old school year by the calendar: the next year's journal.
        later = self.letter(D(2026, 6, 3))
        self.assertEqual(later.number, 1)
        self.assertEqual(later.school_year.starts_on, D(2026, 9, 1))

    def test_a_letter_waiting_for_registration_at_the_closing_goes_to_the_new_year(self):
        waiting, _code = self.submit(received_on=D(2026, 5, 30))
        close_year(self.year, self.aida)
        waiting = register(waiting, self.aida)
        self.assertEqual((waiting.number, waiting.school_year.starts_on), (1, D(2026, 9, 1)))

    def test_open_letters_keep_their_number_and_are_carried_over(self):
        open_letter = self.letter(D(2026, 5, 20))
        answered = self.letter(D(2026, 5, 21))
        Appeal.objects.filter(pk=answered.pk).update(
            status=Appeal.ANSWERED, answered_on=D(2026, 5, 22)
        )
        close_year(self.year, self.aida)
        new_year = self.school.journal_year(D(2026, 9, 5))
        self.assertEqual([a.pk for a in carried_over(self.school, new_year)], [open_letter.pk])
        open_letter.refresh_from_db()
        self.assertEqual((open_letter.number, open_letter.school_year_id), (1, self.year.pk))

    def test_closing_twice_changes_nothing(self):
        self.letter(D(2025, 10, 1))
        close_year(self.year, self.aida)
        first = SchoolYear.objects.get(pk=self.year.pk).closed_at
        close_year(self.year, self.aida)
        self.assertEqual(SchoolYear.objects.get(pk=self.year.pk).closed_at, first)


class WorkerTests(YearClosingTestCase):
    def test_the_worker_closes_the_year_the_day_after_the_schools_closing_day(self):
        self.year.closes_on = D(2026, 5, 31)
        self.year.save()
        self.assertEqual(close_due_years(D(2026, 5, 31)), 0)
        self.assertEqual(close_due_years(D(2026, 6, 1)), 1)
        self.assertTrue(SchoolYear.objects.get(pk=self.year.pk).is_closed)

    def test_by_default_it_closes_after_the_end_of_the_school_year(self):
        self.assertEqual(close_due_years(D(2026, 8, 31)), 0)
        self.assertEqual(close_due_years(D(2026, 9, 1)), 1)


class FrozenPdfTests(YearClosingTestCase):
    def freeze(self):
        self.letter(D(2025, 10, 1), identity={"name": "Айпери Жумабаева"}, is_anonymous=False)
        close_year(self.year, self.aida, today=D(2026, 5, 31))
        return freeze_year_pdf(SchoolYear.objects.get(pk=self.year.pk), self.aida, self.key)

    def test_the_frozen_pdf_is_sealed_and_has_the_closing_line(self):
        from pypdf import PdfReader

        year = self.freeze()
        self.assertNotIn(b"%PDF", bytes(year.sealed_pdf))
        pdf = open_year_pdf(year, self.key)
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
        self.assertIn("Акыркы катар номери: 1", text)
        self.assertIn("Айпери", text)
        self.assertEqual(verify_year(year), [])

    def test_the_checksum_is_in_the_audit_chain(self):
        from audit.models import Event

        year = self.freeze()
        event = Event.objects.get(action="year_pdf_frozen")
        self.assertEqual(event.detail["sealed_sha256"], year.sealed_pdf_sha256)

    def test_the_command_passes_an_intact_year(self):
        self.freeze()
        out = io.StringIO()
        call_command("verify_year_journals", stdout=out)
        self.assertIn("ok  demo 2025–2026 v1", out.getvalue())

    def test_the_command_catches_a_changed_pdf(self):
        year = self.freeze()
        forged = vault.seal(self.school.public_key, b"%PDF-1.4 forged")
        SchoolYear.objects.filter(pk=year.pk).update(sealed_pdf=forged)
        with self.assertRaises(CommandError):
            call_command("verify_year_journals", stdout=io.StringIO(), stderr=io.StringIO())

    def test_a_change_with_a_matching_checksum_beside_it_is_still_caught_by_the_audit_chain(self):
        import hashlib

        year = self.freeze()
        forged = vault.seal(self.school.public_key, b"%PDF-1.4 forged")
        SchoolYear.objects.filter(pk=year.pk).update(
            sealed_pdf=forged, sealed_pdf_sha256=hashlib.sha256(forged).hexdigest()
        )
        problems = verify_year(SchoolYear.objects.get(pk=year.pk))
        self.assertEqual(len(problems), 1)
        self.assertIn("audit log", problems[0])

    def test_a_new_version_replaces_the_old_and_both_checksums_stay_in_the_audit_log(self):
        from audit.models import Event

        year = self.freeze()
        year = freeze_year_pdf(year, self.aida, self.key)
        self.assertEqual(year.pdf_version, 2)
        self.assertEqual(Event.objects.filter(action="year_pdf_frozen").count(), 2)
        self.assertEqual(verify_year(year), [])


class YearsPageTests(YearClosingTestCase):
    def test_the_responsible_person_closes_and_freezes_the_year_in_russian(self):
        self.letter(D(2025, 10, 1))
        self.login("aida")
        with mock.patch("journal.years.timezone.localdate", return_value=D(2026, 5, 31)):
            page = self.client.get("/staff/years/", HTTP_ACCEPT_LANGUAGE="ru")
            self.assertContains(page, "2025–2026")
            r = self.client.post("/staff/years/", {"action": "close", "year": self.year.pk})
            self.assertEqual(r.status_code, 302)
            r = self.client.post("/staff/years/", {"action": "freeze", "year": self.year.pk})
        year = SchoolYear.objects.get(pk=self.year.pk)
        self.assertEqual((year.last_number, year.pdf_version), (1, 1))
        r = self.client.get(f"/staff/years/{year.pk}/journal.pdf")
        self.assertEqual(r["Content-Type"], "application/pdf")

    def test_a_commission_member_cannot_close_the_year(self):
        self.login("bolot")
        r = self.client.post("/staff/years/", {"action": "close", "year": self.year.pk})
        self.assertEqual(r.status_code, 404)
        self.assertFalse(SchoolYear.objects.get(pk=self.year.pk).is_closed)

    def test_outsider_gets_404(self):
        self.login("chyngyz")
        r = self.client.post(
            "/staff/years/",
            {"action": "close", "year": self.year.pk, "school": self.school.pk},
        )
        self.assertEqual(r.status_code, 404)
        self.assertFalse(SchoolYear.objects.get(pk=self.year.pk).is_closed)

    def test_the_closing_day_field_shows_the_day_the_journal_closes(self):
        # A date input shows only an ISO value: "31.08.2026" left the field empty.
        self.login("aida")
        with mock.patch("journal.years.timezone.localdate", return_value=D(2025, 10, 1)):
            for lang in ("ky", "ru"):
                page = self.client.get("/staff/years/", HTTP_ACCEPT_LANGUAGE=lang)
                self.assertContains(page, 'name="y-closes_on" value="2026-08-31"')
