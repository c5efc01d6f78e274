import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from ishenim.testing import BaseTestCase
from reports.figures import quarter_figures, report_figures
from reports.tests.helpers import Q1, AppealsMixin
from schools.models import School

D = datetime.date


class QuarterFiguresTests(AppealsMixin, BaseTestCase):
    def schools(self):
        return School.objects.filter(pk=self.school.pk)

    def test_it_counts_the_quarter_by_channel_category_and_urgency(self):
        self.appeal(D(2025, 1, 10), channel="paper", category="bullying", urgency="urgent")
        self.appeal(D(2025, 2, 10), channel="online", category="bullying", urgency="normal")
        self.appeal(D(2025, 3, 31), channel="online", category="study", urgency="normal")
        self.appeal(D(2025, 4, 1), channel="paper", category="study")  # next quarter
        self.appeal(D(2025, 2, 1), school=self.other_school, category="study")  # other school
        f = quarter_figures(self.schools(), *Q1, today=D(2025, 6, 1))
        self.assertEqual(f["total"], 3)
        self.assertEqual(f["channel"], {"online": 2, "paper": 1})
        self.assertEqual(f["category"]["bullying"], 2)
        self.assertEqual(f["category"]["study"], 1)
        self.assertEqual(f["urgency"], {"urgent": 1, "attention": 0, "normal": 2})
        self.assertEqual(f["author_kind"]["pupil"], 3)
        self.assertEqual(f["anonymity"], {"anonymous": 3, "signed": 0})

    def test_it_tells_answered_within_the_deadline_from_overdue(self):
        self.appeal(D(2025, 1, 13), due_on=D(2025, 1, 20), answered_on=D(2025, 1, 17))
        self.appeal(D(2025, 1, 13), due_on=D(2025, 1, 20), answered_on=D(2025, 1, 24))
        self.appeal(D(2025, 3, 3), due_on=D(2025, 3, 10))  # open, deadline passed
        self.appeal(D(2025, 3, 28), due_on=D(2025, 4, 4))  # open, deadline ahead
        f = quarter_figures(self.schools(), *Q1, today=D(2025, 4, 1))
        self.assertEqual(f["answered_in_time"], 1)
        self.assertEqual(f["deadline"]["late"], 1)
        self.assertEqual(f["deadline"]["overdue_open"], 1)
        self.assertEqual(f["deadline"]["open"], 1)
        self.assertEqual(f["overdue"], 2)
        # 13.01 (Mon) → 17.01 (Fri): 4 working days; → 24.01: 9.
        self.assertEqual(f["answer_days"], {"count": 2, "median": 6.5, "longest": 9})

    def test_it_compares_with_the_previous_quarter_and_a_year_before(self):
        self.appeal(D(2025, 2, 1))
        for day in (D(2024, 11, 5), D(2024, 12, 5)):
            self.appeal(day)
        self.appeal(D(2024, 2, 20), channel="paper")
        f = report_figures(self.school, 2025, 1, today=D(2025, 4, 2))
        self.assertEqual(f["total"], 1)
        self.assertEqual(f["compare"]["previous"]["total"], 2)
        self.assertEqual(f["compare"]["previous"]["quarter"], 4)
        self.assertEqual(f["compare"]["year_before"]["total"], 1)
        self.assertEqual(f["compare"]["year_before"]["channel"]["paper"], 1)

    def test_the_counts_are_one_query_whatever_the_number_of_appeals(self):
        for k in range(6):
            self.appeal(D(2025, 1, 10 + k))
        with CaptureQueriesContext(connection) as queries:
            quarter_figures(self.schools(), *Q1, today=D(2025, 6, 1), answer_days=False)
        self.assertEqual(len(queries), 1)
