"""Issue 15: the quarterly report PDF for a quarter like the demo's fits in 3 pages, its tables
hold no row of zeros (they are folded into one line "no letters about …"), and a chart's
legend never runs into the next entry."""

import datetime
import io
import re

from django.utils import translation
from pypdf import PdfReader

from ishenim.testing import BaseTestCase
from journal.models import Appeal
from reports import charts
from reports.documents import report_pdf
from reports.figures import report_figures
from reports.models import QuarterlyReport
from reports.tests.helpers import AppealsMixin

D = datetime.date
# The demo's last quarter (schools/management/commands/seed_demo.py, HISTORY).
CATEGORIES = [
    "study",
    "suggestion",
    "bullying",
    "gratitude",
    "substances",
    "study",
    "family",
    "other",
    "bullying",
    "suggestion",
    "teacher_conduct",
    "suggestion",
]


def pdf_text(data):
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), " ".join(
        re.sub(r"\s+", " ", page.extract_text() or "") for page in reader.pages
    )


class ReportPdfTests(AppealsMixin, BaseTestCase):
    def setUp(self):
        super().setUp()
        for i, category in enumerate(CATEGORIES):
            received = D(2025, 1, 9) + datetime.timedelta(days=6 * i)
            late = category in ("teacher_conduct",) or i == 2
            self.appeal(
                received,
                category=category,
                status=Appeal.CLOSED,
                author_kind="parent" if i % 3 == 0 else "pupil",
                channel="paper" if i % 3 == 0 else "online",
                is_anonymous=i % 4 != 0,
                answered_on=received + datetime.timedelta(days=12 if late else 1),
            )
        self.report = QuarterlyReport.objects.create(
            school=self.school,
            year=2025,
            quarter=1,
            starts_on=D(2025, 1, 1),
            ends_on=D(2025, 3, 31),
            figures=report_figures(self.school, 2025, 1, D(2025, 4, 2)),
            conclusions="Кайрылуулардын көбү окуу жана шылдыңдоо боюнча.",
            proposals="Класстык сааттарда булинг тууралуу сүйлөшүү.",
            created_by=self.aida,
        )

    def render(self, lang):
        with translation.override(lang):
            return pdf_text(report_pdf(self.report, lang))

    def test_a_quarter_like_the_demos_fits_in_three_pages(self):
        for lang in ("ky", "ru"):
            pages, _text = self.render(lang)
            self.assertLessEqual(pages, 3, lang)

    def test_categories_with_no_letter_are_one_line_not_rows_of_zeros(self):
        _pages, text = self.render("ru")
        folded = re.search(r"Не было писем на темы: ([^.]+)\.", text)
        self.assertIsNotNone(folded, text)
        for label in ("насилие", "сексуальное насилие", "вымогательство", "ранний брак"):
            self.assertIn(label, folded.group(1))
            self.assertEqual(text.count(label), 1 + (label == "насилие"), label)
        # No table row of zeros: a label with nothing is never followed by its own 0.
        for label in ("учитель", "инспектор ПДН (ИДН)", "срочно"):
            self.assertNotRegex(text, rf"{re.escape(label)} 0\b")
        self.assertIn("травля", text)  # the categories with letters stay in the table

    def test_a_legend_entry_never_runs_into_the_next(self):
        chart = charts.Chart(
            "title", [("онлайн", [8, 3, 2])], ["бул чейрек", "previous 4/2024", "1/2024"]
        )
        shapes, _height = charts.layout(chart)
        texts = [s for s in shapes if s[0] == "text" and s[4] in chart.series]
        boxes = [s for s in shapes if s[0] == "rect"][: len(texts)]
        for text, next_box in zip(texts, boxes[1:], strict=False):
            if next_box[2] == text[2] - 12:  # on the same legend line
                self.assertLess(text[1] + charts.text_width(text[4], text[3]), next_box[1])

    def test_a_series_with_no_value_is_left_out_of_the_chart(self):
        chart = charts.Chart("t", [("a", [3, 0, 0]), ("b", [1, 0, 0])], ["this", "prev", "ago"])
        shapes, _height = charts.layout(chart)
        drawn = [s[4] for s in shapes if s[0] == "text"]
        self.assertNotIn("prev", drawn)
        self.assertEqual(drawn.count("0"), 0)
