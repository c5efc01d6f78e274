import io

import docx
import openpyxl

from openings.tests.base import OpeningTestCase


class DocumentTests(OpeningTestCase):
    def setUp(self):
        super().setUp()
        self.login("aida")
        self.opening = self.record_opening(
            seal_state="damaged", damage_description="Пломбанын жиби кесилген."
        )
        self.add_letter(self.opening)
        self.client.post(f"/staff/openings/{self.opening.pk}/", {"action": "sign"})

    def test_the_act_pdf_is_a_pdf(self):
        r = self.client.get(f"/staff/openings/{self.opening.pk}/act.pdf")
        self.assertEqual(r["Content-Type"], "application/pdf")
        self.assertTrue(r.content.startswith(b"%PDF"))
        self.assertEqual(r["Cache-Control"], "no-store")

    def test_the_act_docx_opens_with_python_docx_in_the_layout_of_appendix_1(self):
        r = self.client.get(f"/staff/openings/{self.opening.pk}/act.docx")
        document = docx.Document(io.BytesIO(r.content))
        text = "\n".join(p.text for p in document.paragraphs)
        self.assertIn("Ишеним кутучасынан кайрылууларды алып коюу", text)
        self.assertIn("Акт 1 баракта 2 нускада түзүлдү.", text)
        self.assertIn("пломба (№ 001234) бузулган", text)
        table = document.tables[0]
        self.assertEqual(
            [c.text for c in table.rows[0].cells], ["№", "Кимден", "Кайтаруу дареги", "Эскертүү"]
        )
        self.assertEqual(table.rows[1].cells[1].text, "Бермет Алиева")
        self.assertIn("электрондук кол коюлду", text)

    def test_the_act_is_in_russian_when_the_page_is(self):
        self.client.cookies["lang"] = "ru"
        r = self.client.get(f"/staff/openings/{self.opening.pk}/act.docx")
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(r.content)).paragraphs)
        self.assertIn("изъятия обращений из ящика доверия", text)
        self.assertIn("Акт составлен на 1 листе в 2 экземплярах.", text)

    def test_the_journal_of_openings_xlsx_opens_with_openpyxl(self):
        r = self.client.get("/staff/openings/journal.xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(r.content)).active
        self.assertEqual(sheet["A4"].value, 1)
        self.assertIn("001235", sheet["C4"].value)
        self.assertIn("журналда № 1", sheet["D4"].value)
        self.assertEqual(sheet["F4"].value, "ооба")

    def test_the_journal_of_openings_pdf_is_a_pdf(self):
        r = self.client.get("/staff/openings/journal.pdf")
        self.assertTrue(r.content.startswith(b"%PDF"))

    def test_an_unknown_format_is_404(self):
        self.assertEqual(self.client.get("/staff/openings/journal.csv").status_code, 404)
        self.assertEqual(
            self.client.get(f"/staff/openings/{self.opening.pk}/act.txt").status_code, 404
        )

    def test_the_director_without_the_school_key_is_sent_back_from_the_act(self):
        self.client.logout()
        self.login("dana")
        r = self.client.get(f"/staff/openings/{self.opening.pk}/act.pdf")
        self.assertRedirects(r, f"/staff/openings/{self.opening.pk}/")
        self.assertTrue(self.client.get("/staff/openings/journal.pdf").content.startswith(b"%PDF"))
