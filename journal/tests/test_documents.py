import re
import shutil
import subprocess
from datetime import date, timedelta
from io import BytesIO

import openpyxl
from django.test import SimpleTestCase

from journal.documents import COLUMN_WIDTHS, board_pdf, journal_pdf, journal_xlsx

PDFTOTEXT = shutil.which("pdftotext")


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b(?!s)", pdf))


def pdf_text(pdf: bytes) -> str:
    done = subprocess.run([PDFTOTEXT, "-", "-"], input=pdf, capture_output=True, check=True)
    return done.stdout.decode()


def rows(
    count: int,
    lang: str = "ky",
    summary: str = "Класста шылдыңдашат, көңүлүм чөгөт.",
) -> list[dict]:
    start = date(2024, 9, 2)
    return [
        {
            "number": n,
            "received_on": start + timedelta(days=n),
            "author": "Айгерим Садыкова, 14"
            if n % 3 == 0
            else {"ky": "Анонимдүү", "ru": "Аноним"}[lang],
            "contact": "тел. 0700 000000" if n % 3 == 0 else "",
            "summary": summary,
            "answered_on": start + timedelta(days=n + 3) if n % 2 else None,
            "measures": "Класстык саатта маек өткөрүлдү." if n % 2 else "",
        }
        for n in range(1, count + 1)
    ]


class JournalPdfTests(SimpleTestCase):
    def test_is_a_pdf_with_a_title_page_and_one_table_page_for_a_few_rows(self):
        pdf = journal_pdf("№ 6 мектеп", "2024–2025", rows(3), "ky")
        self.assertTrue(pdf.startswith(b"%PDF"))
        self.assertEqual(page_count(pdf), 2)

    def test_many_rows_run_onto_more_pages_numbered_out_of_the_total(self):
        pdf = journal_pdf("№ 6 мектеп", "2024–2025", rows(60), "ky")
        total = page_count(pdf)
        self.assertGreaterEqual(total, 4)
        if not PDFTOTEXT:
            self.skipTest("pdftotext is not installed (package poppler-utils)")
        text = pdf_text(pdf)
        for n in range(1, total + 1):
            self.assertIn(f"Бет {n} / {total}", text)
        self.assertIn(f"номерленген беттердин саны: {total}", text)

    def test_headings_repeat_on_every_table_page(self):
        if not PDFTOTEXT:
            self.skipTest("pdftotext is not installed (package poppler-utils)")
        pdf = journal_pdf("№ 6 мектеп", "2024–2025", rows(60), "ky")
        pages = pdf_text(pdf).split("\f")[1 : page_count(pdf)]
        for page in pages:
            self.assertIn("Көрүлгөн чаралар", page)

    def test_a_long_summary_wraps_inside_its_cell(self):
        # Issue 15: long summaries ran over the next columns. Every word of the summary,
        # even one with no space to break at, stays between the summary column's edges.
        if not PDFTOTEXT:
            self.skipTest("pdftotext is not installed (package poppler-utils)")
        table = rows(3, summary="Мектептен кийин мени күтүп турушат. " * 6)
        table[1]["summary"] = "Бөлүнбөгөн_сөз_" * 25
        pdf = journal_pdf("№ 6 мектеп", "2024–2025", table, "ky")
        done = subprocess.run(
            [PDFTOTEXT, "-bbox", "-f", "2", "-l", "2", "-", "-"],
            input=pdf,
            capture_output=True,
            check=True,
        )
        words = re.findall(
            r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]+)</word>',
            done.stdout.decode(),
        )
        mm = 72 / 25.4
        left = (15 + sum(COLUMN_WIDTHS[:4])) * mm
        right = left + COLUMN_WIDTHS[4] * mm
        summary_words = [w for w in words if "_" in w[2] or w[2].startswith(("Мектептен", "кийин"))]
        self.assertGreater(len(summary_words), 6)
        for x_min, x_max, word in summary_words:
            self.assertGreaterEqual(float(x_min), left, word)
            self.assertLessEqual(float(x_max), right, word)

    def test_kyrgyz_letters_are_real_text_in_the_pdf(self):
        if not PDFTOTEXT:
            self.skipTest("pdftotext is not installed (package poppler-utils)")
        text = pdf_text(journal_pdf("Өзгөн шаарындагы мектеп", "2024–2025", rows(2), "ky"))
        self.assertIn("Өзгөн шаарындагы мектеп", text)
        self.assertIn("ТҮШКӨН", text)  # title page, set in capitals
        self.assertIn("көңүлүм чөгөт", text)
        self.assertIn("Көрүлгөн чаралар", text)
        self.assertIn("шылдыңдашат", text)

    def test_russian_journal_speaks_russian(self):
        if not PDFTOTEXT:
            self.skipTest("pdftotext is not installed (package poppler-utils)")
        text = pdf_text(journal_pdf("Школа № 6", "2024–2025", rows(2, "ru"), "ru"))
        self.assertIn("ЖУРНАЛ УЧЁТА ОБРАЩЕНИЙ", text)
        self.assertIn("Принятые меры", text)
        self.assertIn("Стр. 2 из 2", text)
        self.assertIn("Аноним", text)

    def test_empty_journal_renders_a_page_saying_so(self):
        pdf = journal_pdf("№ 6 мектеп", "2024–2025", [], "ky")
        self.assertEqual(page_count(pdf), 2)
        if PDFTOTEXT:
            self.assertIn("Журналда азырынча жазуу жок.", pdf_text(pdf))

    def test_a_summary_longer_than_a_page_continues_on_the_next_page(self):
        long_summary = "Мектептен кийин мени күтүп турушат. " * 200
        pdf = journal_pdf("№ 6 мектеп", "2024–2025", rows(1, summary=long_summary), "ky")
        self.assertGreaterEqual(page_count(pdf), 3)


class JournalXlsxTests(SimpleTestCase):
    def open(self, data: bytes):
        return openpyxl.load_workbook(BytesIO(data)).active

    def test_reopens_with_the_seven_kyrgyz_headings(self):
        sheet = self.open(journal_xlsx("№ 6 мектеп", "2024–2025", rows(4), "ky"))
        headings = [c.value for c in sheet[3]]
        self.assertEqual(len(headings), 7)
        self.assertEqual(headings[1], "Кабыл алынган датасы")
        self.assertEqual(headings[4], "Кайрылуунун кыскача мазмуну")
        self.assertEqual(headings[6], "Көрүлгөн чаралар")
        self.assertTrue(all(c.font.bold for c in sheet[3]))
        self.assertIn("№ 6 мектеп", sheet["A1"].value)

    def test_dates_are_real_dates_shown_day_first(self):
        sheet = self.open(journal_xlsx("№ 6 мектеп", "2024–2025", rows(4), "ky"))
        received = sheet["B4"]
        self.assertEqual(received.value.date(), date(2024, 9, 3))
        self.assertEqual(received.number_format, "DD.MM.YYYY")
        self.assertIsNone(sheet["F5"].value)  # entry 2 is not answered yet

    def test_header_is_frozen_and_filterable(self):
        sheet = self.open(journal_xlsx("№ 6 мектеп", "2024–2025", rows(4), "ky"))
        self.assertEqual(sheet.freeze_panes, "A4")
        self.assertEqual(sheet.auto_filter.ref, "A3:G7")

    def test_empty_journal_still_has_its_headings(self):
        sheet = self.open(journal_xlsx("№ 6 мектеп", "2024–2025", [], "ru"))
        self.assertEqual(sheet["G3"].value, "Принятые меры")


class BoardPdfTests(SimpleTestCase):
    posts = [
        {
            "kind": "answer",
            "tag": "AK-4829",
            "question": "Мени шылдыңдашат.",
            "answer": "Социалдык педагогго кел, сенин атыңды эч ким билбейт.",
            "person": "",
            "published_on": date(2025, 3, 3),
        },
        {
            "kind": "invitation",
            "tag": "ZB-3307",
            "question": "",
            "answer": "",
            "person": "социалдык педагог Айгерим Садыкова",
            "published_on": date(2025, 3, 4),
            "where": "12-кабинет, шейшемби, 14:00",
        },
    ]

    def test_is_a_pdf_carrying_the_tags_and_the_help_lines(self):
        pdf = board_pdf("№ 6 мектеп", self.posts, "ky", date(2025, 3, 6))
        self.assertTrue(pdf.startswith(b"%PDF"))
        self.assertEqual(page_count(pdf), 1)
        if not PDFTOTEXT:
            self.skipTest("pdftotext is not installed (package poppler-utils)")
        text = pdf_text(pdf)
        self.assertIn("AK-4829", text.replace("\u00a0", " "))
        # The sheet is set large (issue 15): a sentence wraps where the type size puts it.
        self.assertIn("«ZB-3307» кайрылуусунун авторуна кат келди", " ".join(text.split()))
        self.assertIn("111", text)

    def test_many_posts_run_onto_several_pages(self):
        pdf = board_pdf("№ 6 мектеп", self.posts * 6, "ru", date(2025, 3, 6))
        self.assertGreaterEqual(page_count(pdf), 3)

    def test_a_board_without_posts_renders(self):
        pdf = board_pdf("№ 6 мектеп", [], "ky", date(2025, 3, 6))
        self.assertEqual(page_count(pdf), 1)
