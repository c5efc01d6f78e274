import datetime

from django.utils import timezone

from ishenim.testing import BaseTestCase
from reports.tests.helpers import MARKER, AppealsMixin


class DashboardTests(AppealsMixin, BaseTestCase):
    def test_the_director_sees_the_figures_and_deadlines_without_letter_text(self):
        today = timezone.localdate()
        self.appeal(today, urgency="urgent")
        self.appeal(today - datetime.timedelta(days=30), due_on=today - datetime.timedelta(days=20))
        self.login("dana")
        r = self.client.get(f"/staff/reports/school/{self.school.slug}/")
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r.context["counts"]["open"], 2)
        self.assertEqual(r.context["counts"]["overdue"], 1)
        self.assertEqual(r.context["counts"]["urgent"], 1)
        self.assertContains(r, "<svg")
        self.assertNotContains(r, "<script")
        self.assertNotContains(r, MARKER)

    def test_one_school_goes_straight_to_its_dashboard(self):
        self.login("dana")
        r = self.client.get("/staff/reports/")
        self.assertRedirects(r, f"/staff/reports/school/{self.school.slug}/")

    def test_outsider_gets_404(self):
        self.login("chyngyz")
        r = self.client.get(f"/staff/reports/school/{self.school.slug}/")
        self.assertEqual(r.status_code, 404)
