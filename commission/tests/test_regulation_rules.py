"""The commission's pages read the school's regulation: regulation A has no election, no
quarterly report meeting and no half-year count; regulation B has no weekly review."""

import datetime

from commission.forms import MeetingForm
from commission.models import Commission, Meeting
from commission.tests.helpers import CommissionTestCase
from schools.models import Regulation
from schools.setup import choose_regulation


class KindsOfMeetingTests(CommissionTestCase):
    def kinds(self, kind):
        choose_regulation(self.school, kind, datetime.date(2026, 1, 1))
        commission = Commission.objects.create(
            school=self.school, order_number="1", order_date=datetime.date(2026, 1, 2)
        )
        return {k for k, _label in MeetingForm(commission=commission).fields["kind"].choices}

    def test_regulation_a_offers_the_weekly_review_and_no_election(self):
        kinds = self.kinds(Regulation.A)
        self.assertIn(Meeting.WEEKLY_REVIEW, kinds)
        self.assertNotIn(Meeting.FIRST, kinds)
        self.assertNotIn(Meeting.QUARTERLY_REPORT, kinds)

    def test_regulation_b_offers_the_election_and_no_weekly_review(self):
        kinds = self.kinds(Regulation.B)
        self.assertIn(Meeting.FIRST, kinds)
        self.assertIn(Meeting.QUARTERLY_REPORT, kinds)
        self.assertNotIn(Meeting.WEEKLY_REVIEW, kinds)

    def test_the_home_page_under_regulation_a_has_no_half_year_count(self):
        choose_regulation(self.school, Regulation.A, datetime.date(2026, 1, 1))
        self.login("aida")
        page = self.client.get(f"/staff/commission/{self.school.slug}/", HTTP_ACCEPT_LANGUAGE="en")
        self.assertNotContains(page, "Meetings this half-year")
        self.assertContains(page, "Weekly review")


class AppointingUnderRegulationATests(CommissionTestCase):
    def test_a_commission_as_regulation_a_forms_it_is_put_in_force(self):
        from commission.tests.helpers import order_post

        choose_regulation(self.school, Regulation.A, datetime.date(2026, 1, 1))
        self.login("dana")
        form = self.client.get(f"/staff/commission/{self.school.slug}/orders/new/")
        self.assertContains(form, "профсоюздун өкүлү")
        rows = [
            {"user": self.aida, "role": "social_pedagogue", "responsible": True},
            {"user": self.bolot, "role": "deputy_director"},
            {"full_name": "Салтанат Орозова", "role": "union_rep"},
        ]
        self.client.post(f"/staff/commission/{self.school.slug}/orders/new/", order_post(rows=rows))
        self.assertEqual(Commission.objects.get().status, Commission.ACTIVE)
