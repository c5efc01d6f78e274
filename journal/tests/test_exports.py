import io

from openpyxl import load_workbook

from audit.models import Event
from ishenim.testing import BaseTestCase
from journal.work import register


class ExportTests(BaseTestCase):
    def setUp(self):
        super().setUp()
        appeal, _ = self.submit(is_anonymous=False, identity={"name": "Жамиля Орозова", "age": 15})
        register(appeal, self.aida, summary="Үйдөгү чатак")
        register(self.submit()[0], self.aida, summary="Сабак боюнча")

    def test_the_journal_exports_to_xlsx_with_the_seven_fields(self):
        self.login()
        r = self.client.get("/staff/journal.xlsx")
        self.assertEqual(r.status_code, 200)
        sheet = load_workbook(io.BytesIO(r.content)).active
        values = [c for row in sheet.iter_rows(values_only=True) for c in row if c]
        self.assertIn("Жамиля Орозова, 15", values)
        self.assertIn("Үйдөгү чатак", values)
        self.assertIn("Анонимдүү", values)
        self.assertTrue(Event.objects.filter(action="export", actor=self.aida).exists())

    def test_the_journal_exports_to_pdf(self):
        self.login()
        r = self.client.get("/staff/journal.pdf")
        self.assertEqual(r["Content-Type"], "application/pdf")
        self.assertTrue(r.content.startswith(b"%PDF"))

    def test_an_outsider_exports_only_their_own_school(self):
        self.login("chyngyz")
        r = self.client.get("/staff/journal.xlsx", {"school": str(self.school.pk)})
        values = [
            c
            for row in load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True)
            for c in row
            if c
        ]
        self.assertNotIn("Жамиля Орозова, 15", values)

    def test_the_director_cannot_export_letters(self):
        self.login("dana")
        self.assertRedirects(self.client.get("/staff/journal.xlsx"), "/staff/")
