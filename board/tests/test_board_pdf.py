from unittest import mock

from board.models import BoardPost
from ishenim.testing import BaseTestCase


class BoardPdfTests(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.appeal, _ = self.submit()
        self.post = BoardPost.objects.create(
            school=self.school,
            appeal=self.appeal,
            kind="answer",
            question="Эмне кылам?",
            answer="Сен жалгыз эмессиң.",
            published_by=self.aida,
        )

    def test_it_is_a_pdf_served_inline(self):
        r = self.client.get("/s/demo/board.pdf")
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r["Content-Type"], "application/pdf")
        self.assertEqual(r["Content-Disposition"], 'inline; filename="board-demo.pdf"')
        self.assertTrue(r.content.startswith(b"%PDF"))

    def test_an_empty_board_is_still_a_pdf(self):
        BoardPost.objects.all().delete()
        r = self.client.get("/s/demo/board.pdf")
        self.assertTrue(r.content.startswith(b"%PDF"))

    def test_it_prints_the_current_posts_in_the_readers_language(self):
        withdrawn = BoardPost.objects.create(
            school=self.school,
            appeal=self.submit()[0],
            kind="answer",
            question="q",
            answer="Алынып салынган",
            published_by=self.aida,
        )
        withdrawn.withdrawn_at = withdrawn.published_at
        withdrawn.save()
        with mock.patch("board.views.render_board", return_value=b"%PDF-1.4") as render:
            self.client.cookies["lang"] = "ru"
            self.client.get("/s/demo/board.pdf")
        name, posts, lang, _ = render.call_args.args
        self.assertEqual((name, lang), ("Школа demo", "ru"))
        self.assertEqual([p["tag"] for p in posts], [self.appeal.tag])
        self.assertEqual(posts[0]["answer"], "Сен жалгыз эмессиң.")
        self.assertIn("111", [n for n, _ in render.call_args.kwargs["help_lines"]])

    def test_kyrgyz_is_the_default(self):
        with mock.patch("board.views.render_board", return_value=b"%PDF-1.4") as render:
            self.client.get("/s/demo/board.pdf")
        self.assertEqual(render.call_args.args[2], "ky")
        self.assertEqual(render.call_args.args[0], "Ак-Терек мектеби")

    def test_an_unknown_school_is_a_404(self):
        self.assertEqual(self.client.get("/s/no-such-school/board.pdf").status_code, 404)

    def test_a_pupil_reading_in_uzbek_prints_the_sheet_in_uzbek(self):
        from intake.tests.test_paper_forms import pdf_text

        self.client.cookies["lang"] = "uz"
        text = pdf_text(self.client.get("/s/demo/board.pdf").content)
        for words in ("Ishonch pochtasi — javoblar", "Savol:", "Javob:", "Ак-Терек мектеби"):
            self.assertIn(words, text)
        self.assertIn("Bolalar ishonch telefoni", text.replace("\u00a0", " "))
        self.assertIn("Сен жалгыз эмессиң.", text)  # what staff wrote stays as written
