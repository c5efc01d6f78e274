"""Issue 3, in Kyrgyz: register a paper letter with a photo, see its due date skip a public
holiday and the weekend; answer an anonymous online appeal on the board, see the public
board and print it; answer a signed appeal by e-mail (received by a local SMTP server);
export the journal to PDF and XLSX."""

import io
import tempfile
from pathlib import Path

from django.test import override_settings
from openpyxl import load_workbook
from PIL import Image

from ishenim.browser import BrowserTestCase
from ishenim.testing import PASSWORD, CastMixin, LocalSMTP
from journal.work import register


class JournalJourneyTests(CastMixin, BrowserTestCase):
    def setUp(self):
        self.make_cast()
        self.smtp = LocalSMTP().__enter__()
        self.addCleanup(self.smtp.__exit__)
        override = override_settings(**self.smtp.settings())
        override.enable()
        self.addCleanup(override.disable)
        self.anonymous, _ = self.submit("Ашканада нан жетпей калат, эмне кылсак болот?")
        self.signed, _ = self.submit(
            "Уулумдун сабагы боюнча кеңеш керек.",
            is_anonymous=False,
            identity={"name": "Назгүл Бакирова", "email": "mother@example.org"},
        )
        # Both letters are registered before they are answered (regulation A).
        register(self.anonymous, self.aida)
        register(self.signed, self.aida)
        photo = Path(tempfile.mkdtemp()) / "letter.jpg"
        Image.new("RGB", (300, 400), "white").save(photo, format="JPEG")
        self.photo = str(photo)

    def test_the_social_pedagogues_day(self):
        page = self.new_page(width=1280)
        page.goto(f"{self.live_server_url}/staff/login/")
        page.get_by_label("Логин").fill("aida")
        page.get_by_label("Сырсөз").fill(PASSWORD)
        page.get_by_role("button", name="Кирүү").click()

        # A paper letter taken from the box on Thursday 27 August 2026: Monday 31 August is
        # Independence Day, so 5 working days end on Friday 4 September.
        page.get_by_role("link", name="Кагаз катты каттоо").click()
        page.locator("#id_received_on").fill("2026-08-27")
        page.locator("#id_text").fill("Кичине иним эки күндөн бери тамак жей элек, апам жок.")
        page.locator("#id_summary").fill("Кароосуз калган бала")
        page.locator("#id_photo").set_input_files(self.photo)
        page.get_by_role("button", name="Журналга каттоо").click()
        self.assertIn("04.09.2026", page.locator("main").inner_text())
        self.assertIn("№ 1", page.locator("h1").inner_text())
        self.shot(page, "journal-01-paper-letter")

        # The anonymous appeal: answered on the board.
        page.goto(f"{self.live_server_url}/staff/appeals/{self.anonymous.pk}/")
        page.get_by_role("link", name="Стендге жооп же чакыруу илүү").click()
        page.locator("#id_question").fill("Ашканада нан жетпейт.")
        page.locator("#id_answer").fill("Эртеңден баштап нан эки эсе көп алынат.")
        page.get_by_role("button", name="Стендге чыгаруу").click()
        board = self.new_page()
        board.goto(f"{self.live_server_url}/s/demo/board/")
        self.assertIn(self.anonymous.tag, board.locator("main").inner_text())
        self.assertIn("нан эки эсе көп", board.locator("main").inner_text())
        self.assertAccessible(board, "board-01-public")
        pdf = board.request.get(f"{self.live_server_url}/s/demo/board.pdf")
        self.assertTrue(pdf.body().startswith(b"%PDF"))

        # The signed appeal: answered by e-mail.
        page.goto(f"{self.live_server_url}/staff/appeals/{self.signed.pk}/")
        page.locator("#id_mail-text").fill("Саламатсызбы! Шаршемби күнү саат 15:00дө келиңиз.")
        page.get_by_role("button", name="Электрондук почта менен жөнөтүү").click()
        self.assertEqual(self.smtp.texts()[-1][0], ["mother@example.org"])
        self.assertIn("Шаршемби", self.smtp.texts()[-1][2])
        self.shot(page, "journal-02-email-answer")

        # The journal of the paper letter's school year (2025–2026), exported.
        year = self.school.school_years.get(starts_on__year=2025)
        page.goto(f"{self.live_server_url}/staff/?year={year.pk}")
        self.shot(page, "journal-03-list")
        # The files are long jobs (jobs/): a page with the link when ready (at once in tests).
        page.get_by_role("button", name="Журнал PDF түрүндө").click()
        self.assertAccessible(page, "journal-03-job-ready")
        with page.expect_download() as pdf_download:
            page.get_by_role("link", name="Файлды жүктөп алуу").click()
        self.assertTrue(Path(pdf_download.value.path()).read_bytes().startswith(b"%PDF"))
        page.goto(f"{self.live_server_url}/staff/?year={year.pk}")
        page.get_by_role("button", name="Журнал XLSX түрүндө").click()
        with page.expect_download() as xlsx_download:
            page.get_by_role("link", name="Файлды жүктөп алуу").click()
        sheet = load_workbook(io.BytesIO(Path(xlsx_download.value.path()).read_bytes())).active
        values = [c for row in sheet.iter_rows(values_only=True) for c in row if c]
        self.assertIn("Кароосуз калган бала", values)
