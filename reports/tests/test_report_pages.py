import datetime

from django.test import override_settings

from commission.models import Commission, Meeting
from ishenim.testing import BaseTestCase
from reports.models import QuarterlyReport
from reports.tests.helpers import MARKER, AppealsMixin

D = datetime.date


class ReportPageTests(AppealsMixin, BaseTestCase):
    def draft(self, year=2025, quarter=1, user="aida"):
        self.login(user)
        return self.client.post(
            f"/staff/reports/school/{self.school.slug}/quarterly/draft/",
            {"year": year, "quarter": quarter},
        )

    def test_a_future_quarter_gets_a_clear_error(self):
        r = self.draft(year=2099, quarter=3)
        self.assertEqual(r.status_code, 400)
        self.assertContains(r, "01.07.2099", status_code=400)
        self.assertFalse(QuarterlyReport.objects.exists())

    def test_an_empty_quarter_gives_a_report_that_says_there_were_no_appeals(self):
        r = self.draft()
        report = QuarterlyReport.objects.get()
        self.assertRedirects(r, f"/staff/reports/quarterly/{report.pk}/")
        page = self.client.get(f"/staff/reports/quarterly/{report.pk}/", HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(page, "No appeals were received through the trust mailbox")
        self.assertEqual(report.figures["total"], 0)

    def test_drafting_twice_keeps_one_report(self):
        self.draft()
        self.draft()
        self.assertEqual(QuarterlyReport.objects.count(), 1)

    def test_conclusions_are_edited_and_the_report_linked_to_a_meeting_and_discussed(self):
        self.appeal(D(2025, 2, 3))
        self.draft()
        report = QuarterlyReport.objects.get()
        commission = Commission.objects.create(
            school=self.school, order_number="12", order_date=D(2024, 9, 2), status="active"
        )
        meeting = Meeting.objects.create(commission=commission, held_on=D(2025, 4, 4), number=3)
        url = f"/staff/reports/quarterly/{report.pk}/"
        r = self.client.post(
            url, {"action": "text", "conclusions": "Буллинг азайды.", "proposals": "Тренинг."}
        )
        self.assertRedirects(r, url)
        r = self.client.post(url, {"action": "meeting", "meeting": meeting.pk, "discussed": "on"})
        self.assertRedirects(r, url)
        report.refresh_from_db()
        self.assertEqual(report.conclusions, "Буллинг азайды.")
        self.assertEqual(report.meeting, meeting)
        self.assertTrue(report.discussed)
        self.assertEqual(report.discussed_on, D(2025, 4, 4))
        self.assertContains(self.client.get(url), "Буллинг азайды.")

    def test_a_meeting_of_another_school_cannot_be_linked(self):
        self.draft()
        report = QuarterlyReport.objects.get()
        other = Commission.objects.create(
            school=self.other_school, order_number="1", order_date=D(2024, 9, 2)
        )
        meeting = Meeting.objects.create(commission=other, held_on=D(2025, 4, 4))
        url = f"/staff/reports/quarterly/{report.pk}/"
        self.client.post(url, {"action": "meeting", "meeting": meeting.pk, "discussed": "on"})
        report.refresh_from_db()
        self.assertIsNone(report.meeting)

    def test_the_page_shows_the_figures_and_svg_charts_without_letter_text(self):
        self.appeal(D(2025, 2, 3), channel="paper", category="bullying")
        self.draft()
        report = QuarterlyReport.objects.get()
        r = self.client.get(f"/staff/reports/quarterly/{report.pk}/")
        self.assertContains(r, "<svg")
        self.assertNotContains(r, "<script")
        self.assertNotContains(r, MARKER)

    def test_the_director_reads_the_report_but_cannot_edit_it(self):
        self.draft()
        report = QuarterlyReport.objects.get()
        self.login("dana")
        url = f"/staff/reports/quarterly/{report.pk}/"
        self.assertEqual(self.client.get(url).status_code, 200)
        r = self.client.post(url, {"action": "text", "conclusions": "x", "proposals": ""})
        self.assertEqual(r.status_code, 404)
        r = self.client.post(
            f"/staff/reports/school/{self.school.slug}/quarterly/draft/",
            {"year": 2025, "quarter": 2},
        )
        self.assertEqual(r.status_code, 404)

    def test_outsider_gets_404(self):
        self.draft()
        report = QuarterlyReport.objects.get()
        self.login("chyngyz")
        for url in (
            f"/staff/reports/quarterly/{report.pk}/",
            f"/staff/reports/quarterly/{report.pk}/report.pdf",
            f"/staff/reports/school/{self.school.slug}/",
            f"/staff/reports/school/{self.school.slug}/quarterly/",
        ):
            self.assertEqual(self.client.get(url).status_code, 404, url)


@override_settings(LANGUAGE_CODE="ky")
class ReportFileTests(AppealsMixin, BaseTestCase):
    def setUp(self):
        super().setUp()
        self.appeal(D(2025, 1, 15), channel="paper", category="bullying", urgency="urgent")
        self.appeal(D(2025, 2, 15), category="study", answered_on=D(2025, 2, 18))
        self.appeal(D(2024, 11, 15))
        self.login()
        self.client.post(
            f"/staff/reports/school/{self.school.slug}/quarterly/draft/",
            {"year": 2025, "quarter": 1},
        )
        self.report = QuarterlyReport.objects.get()
        QuarterlyReport.objects.filter(pk=self.report.pk).update(conclusions="Өңүт ү ң")
        self.base = f"/staff/reports/quarterly/{self.report.pk}/report"

    def test_the_pdf_is_a_pdf_without_letter_text(self):
        import shutil
        import subprocess

        r = self.client.get(self.base + ".pdf")
        self.assertEqual(r["Content-Type"], "application/pdf")
        self.assertTrue(r.content.startswith(b"%PDF"))
        self.assertNotIn(MARKER.encode(), r.content)
        if shutil.which("pdftotext"):
            text = subprocess.run(
                ["pdftotext", "-", "-"], input=r.content, capture_output=True, check=True
            ).stdout.decode()
            self.assertIn("Өңүт ү ң", text)
            self.assertNotIn(MARKER, text)

    def test_the_docx_opens_with_python_docx_without_letter_text(self):
        import io

        import docx

        r = self.client.get(self.base + ".docx")
        document = docx.Document(io.BytesIO(r.content))
        text = "\n".join(p.text for p in document.paragraphs)
        text += "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
        self.assertIn("Өңүт ү ң", text)
        self.assertNotIn(MARKER, text)
        self.assertGreater(len(document.inline_shapes), 0)  # the charts

    def test_the_xlsx_opens_with_openpyxl_without_letter_text(self):
        import io

        from openpyxl import load_workbook

        r = self.client.get(self.base + ".xlsx")
        sheet = load_workbook(io.BytesIO(r.content)).active
        values = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
        self.assertIn(2, values)
        self.assertNotIn(MARKER, " ".join(map(str, values)))

    def test_every_download_is_an_audit_event(self):
        from audit.models import Event

        self.client.get(self.base + ".xlsx")
        self.assertTrue(Event.objects.filter(action="export", actor=self.aida).exists())
