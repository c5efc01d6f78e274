"""A voided journal entry (a duplicate or a mistake) keeps its number in the journal but is
no appeal of its own: the quarter's figures and the open-letter counts leave it out."""

import datetime

from django.utils import timezone

from ishenim.testing import BaseTestCase
from journal.models import Appeal
from reports.figures import quarter_figures
from reports.tests.helpers import Q1, AppealsMixin
from schools.models import School

D = datetime.date


class VoidedEntriesAreNotCountedTests(AppealsMixin, BaseTestCase):
    def test_the_quarter_does_not_count_a_voided_duplicate(self):
        self.appeal(D(2025, 1, 10), due_on=D(2025, 1, 17))
        self.appeal(D(2025, 1, 10), due_on=D(2025, 1, 17), status=Appeal.VOIDED)
        f = quarter_figures(School.objects.filter(pk=self.school.pk), *Q1, today=D(2025, 6, 1))
        self.assertEqual(f["total"], 1)
        self.assertEqual(f["deadline"]["overdue_open"], 1)
        self.assertEqual(f["deadline"]["closed"], 0)

    def test_the_dashboard_does_not_count_a_voided_duplicate(self):
        today = timezone.localdate()
        self.appeal(today)
        self.appeal(today, status=Appeal.VOIDED)
        self.login()
        r = self.client.get(f"/staff/reports/school/{self.school.slug}/")
        self.assertEqual(r.context["counts"]["week"], 1)
