"""Issue 14, in a browser as a key holder would do it, in Kyrgyz and in Russian (JavaScript off):
close the school year's journal, correct an entry of it (with a reason), void a duplicate (with a
reason; it keeps its number), print and freeze the closed year and download it. The PDF is then
read back — its page count, its text layer (the translated words, the closing line, "page N of
M" on every page) — and rendered to PNG under var/screenshots/ for people to look at."""

import re
import shutil
import subprocess
import unittest

from django.utils import translation
from django.utils.translation import gettext as _

from ishenim.browser import SCREENSHOTS, BrowserTestCase
from ishenim.testing import PASSWORD, CastMixin
from journal.documents import WORDS
from journal.models import Appeal, JournalCorrection
from journal.work import register
from schools.models import SchoolYear

LOGIN = {"ky": ("Логин", "Сырсөз", "Кирүү"), "ru": ("Логин", "Пароль", "Войти")}
SUMMARY = "Класста шылдыңдоо"
CORRECTED = {
    "ky": "Класста шылдыңдоо жана уруп-согуу, танапис маалында",
    "ru": "Насмешки в классе и побои на перемене",
}
REASON = {"ky": "Толугураак жазылды", "ru": "Уточнено после беседы"}
VOID_REASON = {"ky": "№ 1 жазуунун кайталанышы", "ru": "Повтор записи № 1"}
TOOLS = ("pdfinfo", "pdftotext", "pdftoppm")


class KeyHolderClosesCorrectsVoidsAndPrintsTheYearTests(CastMixin, BrowserTestCase):
    width = 1280

    def setUp(self):
        missing = [tool for tool in TOOLS if not shutil.which(tool)]
        if missing:
            raise unittest.SkipTest(f"poppler-utils is not installed ({', '.join(missing)})")
        self.make_cast()
        self.entry = register(self.submit()[0], self.aida, summary=SUMMARY)
        self.duplicate = register(self.submit()[0], self.aida, summary=SUMMARY)
        self.year = self.entry.school_year

    def log_in(self, page, lang):
        login, password, button = LOGIN[lang]
        page.goto(f"{self.live_server_url}/staff/login/")
        if lang != "ky":
            page.get_by_role("button", name="Русский").click()
        page.get_by_label(login).fill("aida")
        page.get_by_label(password).fill(PASSWORD)
        page.get_by_role("button", name=button).click()

    def walk(self, lang):
        page = self.new_page(locale=lang)
        self.log_in(page, lang)
        with translation.override(lang):
            words = {
                "closed": _(
                    "The journal of %(year)s is closed. New letters go to the next year's journal."
                )
                % {"year": self.year},
                "frozen": _("The printed journal of %(year)s is frozen.") % {"year": self.year},
            }

        # 1. Close the year: from the journal to its school years, "close the journal now".
        page.locator("main a[href$='/staff/years/']").click()
        page.locator("form:has(input[value=close]) button[type=submit]").click()
        self.assertIn(words["closed"], page.locator("main").inner_text())
        self.year.refresh_from_db()
        self.assertTrue(self.year.is_closed)
        self.assertEqual(self.year.last_number, 2)
        self.assertAccessible(page, f"year-walk-closed-{lang}")

        # 2. Correct entry No. 1 of the closed year, giving the reason.
        page.goto(f"{self.live_server_url}/staff/")
        page.locator(f"table.journal a[href$='/staff/appeals/{self.entry.pk}/']").click()
        page.locator("#id_work-summary").fill(CORRECTED[lang])
        page.locator("#id_work-correction_reason").fill(REASON[lang])
        page.locator("form:has(input[value=work]) button[type=submit]").click()
        self.assertIn(REASON[lang], page.locator("#versions-h + ul").inner_text())
        self.assertAccessible(page, f"year-walk-corrected-{lang}")

        # 3. Void the duplicate No. 2 with its reason: it keeps its number.
        page.goto(f"{self.live_server_url}/staff/appeals/{self.duplicate.pk}/")
        page.locator("details:has(input[value=void]) > summary").click()
        page.locator("#id_void-reason").fill(VOID_REASON[lang])
        page.locator("#id_void-confirm").check()
        page.locator("form:has(input[value=void]) button[type=submit]").click()
        self.assertIn(VOID_REASON[lang], page.locator("main").inner_text())
        duplicate = Appeal.objects.get(pk=self.duplicate.pk)
        self.assertTrue(duplicate.is_voided)
        self.assertEqual(duplicate.number, 2)
        self.assertAccessible(page, f"year-walk-voided-{lang}")

        # 4. Print and freeze the closed year, then download it.
        page.goto(f"{self.live_server_url}/staff/")
        page.locator("main a[href$='/staff/years/']").click()
        page.locator("form:has(input[value=freeze]) button[type=submit]").click()
        self.assertIn(words["frozen"], page.locator("main").inner_text())
        self.assertAccessible(page, f"year-walk-frozen-{lang}")
        with page.expect_download() as download:
            page.locator(f"a[href$='/staff/years/{self.year.pk}/journal.pdf']").click()
        path = SCREENSHOTS / f"year-walk-{lang}.pdf"
        download.value.save_as(path)
        self.assertEqual(JournalCorrection.objects.filter(appeal=self.entry).count(), 1)
        return path

    def read_pdf(self, path):
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True).stdout
        pages = int(re.search(rb"^Pages:\s+(\d+)", info, re.M).group(1))
        texts = [
            subprocess.run(
                ["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(path), "-"],
                capture_output=True,
                check=True,
            ).stdout.decode()
            for n in range(1, pages + 1)
        ]
        for old in path.parent.glob(f"{path.stem}-*.png"):
            old.unlink()
        subprocess.run(
            ["pdftoppm", "-r", "100", "-png", str(path), str(path.with_suffix(""))], check=True
        )
        pngs = sorted(path.parent.glob(f"{path.stem}-*.png"))
        return pages, texts, pngs

    def assertPrintedYear(self, path, lang):
        w = WORDS[lang]
        pages, texts, pngs = self.read_pdf(path)
        # A title page, then the entries' page: two rows fit on one landscape page.
        self.assertEqual(pages, 2)
        self.assertEqual(len(pngs), pages, "one PNG per printed page")
        for n, text in enumerate(texts, start=1):
            self.assertIn(w["page"].format(n=n, total=pages), text, f"page {n} is not numbered")
        title, table = texts[0], " ".join(texts[1:])
        flat = re.sub(r"\s+", " ", table)
        self.assertIn(w["journal"].upper().split()[0], title)
        self.assertIn(w["pages"].format(total=pages), title)
        self.assertIn(w["finished"], title)
        self.assertNotIn("____", title.split(w["finished"])[1].splitlines()[0], "no end date")
        for heading in (w["columns"][1], w["columns"][4], w["columns"][6]):
            self.assertIn(heading.split()[0], table)
        # The correction: old value (struck through on the PNG), the new one, initialled.
        self.assertIn(SUMMARY, flat)
        self.assertIn(re.sub(r"\s+", " ", CORRECTED[lang]), flat)
        self.assertIn(w["corrected"].split(":")[0] + ": А. Токтобаева", flat)
        # The voided duplicate, with who, when and why; it keeps its number 2.
        self.assertIn(w["voided"].split(" (")[0] + " (А. Токтобаева", flat)
        self.assertIn(VOID_REASON[lang], flat)
        self.assertRegex(table, r"(?m)^\s*2\s+\d\d\.\d\d\.\d{4}")
        closing = w["closing_line"].split("{date}")[0].strip()
        self.assertIn(closing, flat)
        self.assertIn(str(self.year.last_number), flat.split(closing)[1][:80])
        # Nothing of the table's markup is printed as text.
        for marker in ("~~", "**", "--"):
            self.assertNotIn(marker, flat)
        return pngs

    def test_a_key_holder_closes_corrects_voids_and_prints_the_year_in_kyrgyz(self):
        self.assertPrintedYear(self.walk("ky"), "ky")

    def test_a_key_holder_closes_corrects_voids_and_prints_the_year_in_russian(self):
        self.assertPrintedYear(self.walk("ru"), "ru")
        self.assertTrue(SchoolYear.objects.get(pk=self.year.pk).sealed_pdf)
