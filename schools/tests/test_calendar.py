import datetime

from django.test import SimpleTestCase

from ishenim.testing import BaseTestCase
from schools.calendar import WorkingCalendar
from schools.models import DayOff


class FakeSchool:
    def __init__(self, week=5):
        self.working_week = week


def calendar(week=5, days_off=()):
    return WorkingCalendar(FakeSchool(week), days_off=days_off)


class WorkingDayTests(SimpleTestCase):
    def test_five_working_days_skip_the_weekend(self):
        # Monday 2026-11-16 + 5 working days = Monday 2026-11-23
        self.assertEqual(
            calendar().add_working_days(datetime.date(2026, 11, 16), 5), datetime.date(2026, 11, 23)
        )

    def test_a_public_holiday_is_skipped(self):
        # Received Tuesday 28 April 2026: the May holidays (1-9 May) and weekends are skipped.
        due = calendar().add_working_days(datetime.date(2026, 4, 28), 5)
        self.assertEqual(due, datetime.date(2026, 5, 13))

    def test_a_six_day_week_counts_saturday(self):
        self.assertEqual(
            calendar(6).add_working_days(datetime.date(2026, 11, 16), 5),
            datetime.date(2026, 11, 21),
        )

    def test_the_schools_own_day_off_is_skipped(self):
        off = {datetime.date(2026, 11, 18)}
        self.assertEqual(
            calendar(days_off=off).add_working_days(datetime.date(2026, 11, 16), 5),
            datetime.date(2026, 11, 24),
        )

    def test_working_days_between(self):
        cal = calendar()
        self.assertEqual(
            cal.working_days_between(datetime.date(2026, 11, 16), datetime.date(2026, 11, 23)), 5
        )
        self.assertEqual(
            cal.working_days_between(datetime.date(2026, 11, 23), datetime.date(2026, 11, 16)), 0
        )


class DueDateTests(BaseTestCase):
    def test_an_appeal_gets_its_due_date_from_the_school_calendar(self):
        DayOff.objects.create(school=self.school, date=datetime.date(2026, 11, 18))
        appeal, _ = self.submit(received_on=datetime.date(2026, 11, 16))
        self.assertEqual(appeal.due_on, datetime.date(2026, 11, 24))

    def test_the_deadline_setting_is_used(self):
        self.school.answer_days = 3
        self.school.save()
        appeal, _ = self.submit(received_on=datetime.date(2026, 11, 16))
        self.assertEqual(appeal.due_on, datetime.date(2026, 11, 19))
