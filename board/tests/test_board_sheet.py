"""Issue 15: the board's A4 sheet was half empty and its text small. Short answers now share a
sheet, each sheet is set in the largest type that fills it, and every sheet carries the
school's name and the date (a sheet is pinned on the board alone)."""

import io
from datetime import date

from django.test import SimpleTestCase
from pypdf import PdfReader

from journal.documents import board_pdf

SCHOOL = "Ош шаарындагы № 6 орто мектеп"
DAY = date(2025, 3, 6)


def short(tag, answer="Ооба: дүйшөмбү күнү 15:00дө, 21-кабинетте."):
    return {
        "kind": "answer",
        "tag": tag,
        "published_on": date(2025, 3, 3),
        "question": "Математикадан кошумча сабак барбы?",
        "answer": answer,
    }


LONG = (
    "Мындай абалда көп балдар болот, сиз туура кылдыңыз — жазганыңыз жакшы. Мектепте психолог "
    "менен жеке сүйлөшүүгө болот: ал эч кимге айтпайт. Сабакка мектептин китепканасында "
    "даярдансаңыз болот, ал 17:00гө чейин ачык. Эгер үйдө коркунучтуу болсо, 111 же 102ге "
    "чалыңыз. "
)


def sheets(data):
    """[(text of the sheet, {text run: font size in points})] for each page."""
    out = []
    for page in PdfReader(io.BytesIO(data)).pages:
        sizes = {}

        def visit(text, cm, tm, font, size, sizes=sizes):
            if text.strip():
                sizes[text.strip()] = size * tm[0]

        text = page.extract_text(visitor_text=visit)
        out.append((text.replace("\u00a0", " "), sizes))
    return out


def size_of(sizes, words):
    return max(size for text, size in sizes.items() if words in text)


class BoardSheetTests(SimpleTestCase):
    def test_a_few_short_answers_share_one_sheet(self):
        data = board_pdf(SCHOOL, [short("AK-1001"), short("AK-1002"), short("AK-1003")], "ky", DAY)
        found = sheets(data)
        self.assertEqual(len(found), 1)
        for tag in ("AK-1001", "AK-1002", "AK-1003"):
            self.assertIn(tag, found[0][0])

    def test_a_lone_short_answer_is_set_in_large_type(self):
        ((_text, sizes),) = sheets(board_pdf(SCHOOL, [short("AK-1001")], "ky", DAY))
        self.assertGreaterEqual(size_of(sizes, "15:00дө"), 24)

    def test_no_answer_is_set_small_even_on_a_full_board(self):
        posts = [short(f"AK-10{n:02d}", LONG * (1 + n % 3)) for n in range(9)]
        found = sheets(board_pdf(SCHOOL, posts, "ky", DAY))
        self.assertGreater(len(found), 1)
        for _text, sizes in found:
            self.assertGreaterEqual(size_of(sizes, "Математикадан"), 15)

    def test_every_sheet_carries_the_school_and_the_date(self):
        posts = [short(f"AK-10{n:02d}", LONG * 2) for n in range(6)]
        found = sheets(board_pdf(SCHOOL, posts, "ru", DAY))
        self.assertGreater(len(found), 1)
        for text, sizes in found:
            self.assertIn(SCHOOL, text)
            self.assertIn("Обновлено: 06.03.2025", text)
            self.assertGreaterEqual(size_of(sizes, SCHOOL), 18)

    def test_the_sheets_are_shared_out_evenly(self):
        """Five answers that need three sheets are not four on two and one alone."""
        posts = [short(f"AK-10{n:02d}", LONG * 2) for n in range(5)]
        found = sheets(board_pdf(SCHOOL, posts, "ky", DAY))
        counts = [text.count("AK-10") for text, _sizes in found]
        self.assertLessEqual(max(counts) - min(counts), 1, counts)
