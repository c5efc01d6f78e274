"""The journal as a record, in a browser with JavaScript off, in Kyrgyz and Russian: correct a
registered entry (with its reason), void a duplicate, print the journal and look at it as PNG
(saved under var/screenshots/)."""

import shutil
import subprocess

from ishenim.browser import SCREENSHOTS, BrowserTestCase
from ishenim.testing import PASSWORD, CastMixin
from journal.models import Appeal, JournalCorrection
from journal.work import register

LOGIN = {"ky": ("Логин", "Сырсөз", "Кирүү"), "ru": ("Логин", "Пароль", "Войти")}
VOIDED = {"ky": "ЖОККО ЧЫГАРЫЛДЫ", "ru": "АННУЛИРОВАНО"}


class JournalRecordInTheBrowserTests(CastMixin, BrowserTestCase):
    def setUp(self):
        self.make_cast()
        self.entry = register(self.submit()[0], self.aida, summary="Класста шылдыңдоо")
        self.duplicate = register(self.submit()[0], self.aida, summary="Класста шылдыңдоо")

    def log_in(self, page, lang):
        login, password, button = LOGIN[lang]
        page.goto(f"{self.live_server_url}/staff/login/")
        if lang != "ky":
            page.get_by_role("button", name="Русский").click()
        page.get_by_label(login).fill("aida")
        page.get_by_label(password).fill(PASSWORD)
        page.get_by_role("button", name=button).click()

    def test_correct_void_and_print_in_both_languages(self):
        for lang in ("ky", "ru"):
            with self.subTest(lang=lang):
                page = self.new_page(width=1280)
                self.log_in(page, lang)
                page.goto(f"{self.live_server_url}/staff/appeals/{self.entry.pk}/")
                page.locator("#id_work-summary").fill(f"Класста шылдыңдоо жана уруу ({lang})")
                page.locator("#id_work-correction_reason").fill("Толугураак жазылды")
                page.locator("form:has(input[value=work]) button[type=submit]").click()
                history = page.locator("#versions-h + ul").inner_text()
                self.assertIn("Толугураак жазылды", history)
                self.assertAccessible(page, f"journal-record-corrected-{lang}")

                if not Appeal.objects.get(pk=self.duplicate.pk).is_voided:
                    page.goto(f"{self.live_server_url}/staff/appeals/{self.duplicate.pk}/")
                    page.locator("details:has(input[value=void]) > summary").click()
                    page.locator("#id_void-reason").fill("№ 1 жазуунун кайталанышы")
                    page.locator("#id_void-confirm").check()
                    page.locator("form:has(input[value=void]) button[type=submit]").click()
                    self.assertIn("№ 1 жазуунун кайталанышы", page.locator("main").inner_text())
                    self.assertAccessible(page, f"journal-record-voided-{lang}")

                pdf = page.request.get(f"{self.live_server_url}/staff/journal.pdf").body()
                self.assertTrue(pdf.startswith(b"%PDF"))
                path = SCREENSHOTS / f"journal-record-{lang}.pdf"
                path.write_bytes(pdf)
                if shutil.which("pdftotext"):
                    text = subprocess.run(
                        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True
                    ).stdout.decode()
                    self.assertIn(VOIDED[lang], text)
                    self.assertIn("А. Токтобаева", text)
                if shutil.which("pdftoppm"):
                    subprocess.run(
                        ["pdftoppm", "-r", "60", "-png", str(path), str(path.with_suffix(""))],
                        check=True,
                    )
        self.assertEqual(JournalCorrection.objects.filter(appeal=self.entry).count(), 2)
