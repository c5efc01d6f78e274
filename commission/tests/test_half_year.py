import datetime

from commission.meetings import meetings_this_half_year
from commission.tests.helpers import CommissionTestCase

D = datetime.date


class HalfYearTests(CommissionTestCase):
    def setUp(self):
        super().setUp()
        self.commission = self.make_commission()

    def meet(self, day):
        """A meeting that counts: an agenda and minutes signed by every member (4.3)."""
        from django.utils import timezone

        self.make_meeting(
            self.commission, held_on=day, agenda="Ишеним почтасы", final_at=timezone.now()
        )

    def test_the_half_years_are_september_to_december_and_january_to_june(self):
        self.assertEqual(
            meetings_this_half_year(self.school, D(2026, 10, 1))[1:3],
            (D(2026, 9, 1), D(2026, 12, 31)),
        )
        self.assertEqual(
            meetings_this_half_year(self.school, D(2027, 3, 1))[1:3],
            (D(2027, 1, 1), D(2027, 6, 30)),
        )

    def test_no_warning_early_in_the_half_year(self):
        self.assertEqual(
            meetings_this_half_year(self.school, D(2026, 9, 20)),
            (0, D(2026, 9, 1), D(2026, 12, 31), False),
        )

    def test_no_meeting_past_the_middle_warns(self):
        count, _s, _e, warning = meetings_this_half_year(self.school, D(2026, 11, 2))
        self.assertEqual((count, warning), (0, True))

    def test_one_meeting_with_six_weeks_left_warns(self):
        self.meet(D(2026, 10, 5))
        self.assertEqual(meetings_this_half_year(self.school, D(2026, 11, 2))[::3], (1, False))
        self.assertEqual(meetings_this_half_year(self.school, D(2026, 11, 25))[::3], (1, True))

    def test_two_meetings_are_enough(self):
        self.meet(D(2026, 10, 5))
        self.meet(D(2026, 11, 20))
        self.assertEqual(meetings_this_half_year(self.school, D(2026, 12, 20))[::3], (2, False))

    def test_meetings_of_other_half_years_and_schools_dont_count(self):
        self.meet(D(2026, 6, 1))
        other = self.make_commission("9", school=self.other_school)
        self.make_meeting(other, held_on=D(2026, 10, 1))
        self.assertEqual(meetings_this_half_year(self.school, D(2026, 10, 10))[0], 0)

    def test_the_commission_page_shows_the_warning(self):
        self.login("aida")
        r = self.client.get("/staff/commission/demo/")
        count, start, end, warning = meetings_this_half_year(self.school)
        self.assertContains(r, f"{start:%d.%m.%Y}")
        if warning:
            self.assertContains(r, 'role="alert"')
