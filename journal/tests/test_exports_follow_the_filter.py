"""The journal's PDF and XLSX exports take the journal page's filter and say which filter on
their first line, in words."""

import io
import shutil
import subprocess

from openpyxl import load_workbook

from ishenim.testing import BaseTestCase
from journal.work import mark_answered, register

PDFTOTEXT = shutil.which("pdftotext")


def pdf_text(data):
    return subprocess.run(
        [PDFTOTEXT, "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


class ExportsFollowTheFilterTests(BaseTestCase):
    def setUp(self):
        super().setUp()
        answered = register(self.submit()[0], self.aida, summary="Жооп берилген кат")
        mark_answered(answered, self.aida, "conversation")
        register(self.submit("Ашканада нан жетпейт.")[0], self.aida, summary="Ачык кат")
        self.login()

    def sheet_values(self, response):
        sheet = load_workbook(io.BytesIO(response.content)).active
        return sheet, [c for row in sheet.iter_rows(values_only=True) for c in row if c]

    def test_the_xlsx_holds_only_the_filtered_entries(self):
        _sheet, values = self.sheet_values(
            self.client.get("/staff/journal.xlsx", {"status": "answered"})
        )
        self.assertIn("Жооп берилген кат", values)
        self.assertNotIn("Ачык кат", values)

    def test_the_xlsx_says_its_filter_on_the_first_line(self):
        sheet, _values = self.sheet_values(
            self.client.get("/staff/journal.xlsx", {"status": "answered"})
        )
        first = sheet["A1"].value
        self.assertTrue(first.startswith("Сүзгү:"), first)
        self.assertIn("жооп берди", first)  # the status in words, not "answered"
        self.assertNotIn("answered", first)

    def test_a_search_filters_the_export(self):
        _sheet, values = self.sheet_values(self.client.get("/staff/journal.xlsx", {"q": "нан"}))
        self.assertIn("Ачык кат", values)
        self.assertNotIn("Жооп берилген кат", values)
        self.assertIn("«нан»", values[0])

    def test_without_a_filter_the_first_line_says_all_entries(self):
        sheet, values = self.sheet_values(self.client.get("/staff/journal.xlsx"))
        self.assertIn("бардык жазуулар", sheet["A1"].value)
        self.assertIn("Ачык кат", values)
        self.assertIn("Жооп берилген кат", values)

    def test_the_russian_export_says_its_filter_in_russian(self):
        self.client.cookies["lang"] = "ru"
        sheet, _values = self.sheet_values(
            self.client.get("/staff/journal.xlsx", {"status": "answered"})
        )
        self.assertTrue(sheet["A1"].value.startswith("Фильтр:"), sheet["A1"].value)
        self.assertIn("Статус", sheet["A1"].value)

    def test_the_pdf_holds_only_the_filtered_entries_and_says_its_filter_first(self):
        if not PDFTOTEXT:
            self.skipTest("pdftotext is not installed (package poppler-utils)")
        r = self.client.get("/staff/journal.pdf", {"status": "answered"})
        text = pdf_text(r.content)
        self.assertTrue(text.strip().startswith("Сүзгү:"), text[:200])
        self.assertIn("Жооп берилген кат", text)
        self.assertNotIn("Ачык кат", text)

    def test_the_journal_page_asks_for_its_exports_with_its_filter(self):
        # The exports are long jobs (jobs/): a form carries the page's filter to them.
        r = self.client.get("/staff/", {"status": "answered"})
        self.assertContains(r, 'action="/staff/files/new/"')
        self.assertContains(r, 'name="params" value="status=answered"')
        self.assertContains(r, 'value="journal_pdf"')
        self.assertContains(r, 'value="journal_xlsx"')
