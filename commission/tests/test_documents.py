import io

import docx

from commission.models import Meeting
from commission.tests.helpers import CommissionTestCase
from vault import seal_text


class MinutesDocumentTests(CommissionTestCase):
    def setUp(self):
        super().setUp()
        self.commission = self.make_commission()
        self.meeting = self.make_meeting(
            self.commission,
            kind=Meeting.FIRST,
            agenda="Төрага жана катчыны шайлоо",
            decisions="Төрага — Болот Иманов",
            sealed_minutes=seal_text(self.school.public_key, "Өңүнөн ачык добуш берүү өттү."),
        )
        self.login("aida")
        self.client.post(f"/staff/commission/meetings/{self.meeting.pk}/", {"action": "sign"})

    def test_the_pdf_starts_with_pdf(self):
        r = self.client.get(f"/staff/commission/meetings/{self.meeting.pk}/minutes.pdf")
        self.assertEqual(r.status_code, 200)
        self.assertTrue(r.content.startswith(b"%PDF"))
        self.assertEqual(r["Cache-Control"], "no-store")

    def test_the_docx_opens_with_python_docx_and_holds_the_minutes(self):
        r = self.client.get(f"/staff/commission/meetings/{self.meeting.pk}/minutes.docx")
        document = docx.Document(io.BytesIO(r.content))
        text = "\n".join(p.text for p in document.paragraphs)
        self.assertIn("ПРОТОКОЛ № 1", text)
        self.assertIn("Өңүнөн ачык добуш берүү өттү.", text)
        cells = [c.text for row in document.tables[0].rows for c in row.cells]
        self.assertIn("Гүлнара Асанова", cells)
        self.assertTrue(any("электрондук кол коюлду" in c for c in cells))

    def test_an_unknown_format_is_404(self):
        r = self.client.get(f"/staff/commission/meetings/{self.meeting.pk}/minutes.exe")
        self.assertEqual(r.status_code, 404)

    def test_the_director_without_the_key_cant_print_sealed_minutes(self):
        self.login("dana")
        r = self.client.get(f"/staff/commission/meetings/{self.meeting.pk}/minutes.pdf")
        self.assertEqual(r.status_code, 302)
