"""Regulation A: a school week with no collection warns the responsible person on the next
working day; weekends, public holidays and the school's days off are not school days."""

import datetime

from django.utils import timezone

from notify.models import Notice
from openings.models import BoxOpening
from openings.tasks import collection_warnings
from openings.tests.base import OpeningTestCase
from schools.models import DayOff, Regulation
from schools.setup import choose_regulation

D = datetime.date


class WeeklyCollectionTests(OpeningTestCase):
    def setUp(self):
        super().setUp()
        choose_regulation(self.school, Regulation.A, D(2026, 9, 1))
        choose_regulation(self.other_school, Regulation.B, D(2026, 9, 1))

    def collect(self, day):
        BoxOpening.objects.create(
            school=self.school,
            number=BoxOpening.objects.count() + 1,
            commission=self.commission,
            opened_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(15))),
            box_state="intact",
            seal_state="intact",
            found_appeals=False,
            created_by=self.aida,
        )

    def test_a_week_with_no_collection_warns_the_responsible_person_on_monday(self):
        # The week of 5–9 October 2026; Monday 12 October is the next working day.
        self.assertEqual(collection_warnings(D(2026, 10, 9)), 0)
        self.assertEqual(collection_warnings(D(2026, 10, 12)), 1)
        notice = Notice.objects.get()
        self.assertEqual((notice.user, notice.kind), (self.aida, Notice.NO_COLLECTION))
        self.assertEqual(collection_warnings(D(2026, 10, 12)), 0)  # once

    def test_a_week_with_a_collection_gives_no_warning(self):
        self.collect(D(2026, 10, 7))
        self.assertEqual(collection_warnings(D(2026, 10, 12)), 0)

    def test_a_week_of_vacation_gives_no_warning_and_the_warning_waits_for_a_working_day(self):
        self.collect(D(2026, 10, 1))  # the week before the vacation had its collection
        for i in range(5):
            DayOff.objects.create(school=self.school, date=D(2026, 10, 5) + datetime.timedelta(i))
        self.assertEqual(collection_warnings(D(2026, 10, 12)), 0)
        # The week of 12–16 October had school but no collection; Monday 19 is a day off.
        DayOff.objects.create(school=self.school, date=D(2026, 10, 19))
        self.assertEqual(collection_warnings(D(2026, 10, 19)), 0)
        self.assertEqual(collection_warnings(D(2026, 10, 20)), 1)

    def test_no_warning_under_regulation_b(self):
        choose_regulation(self.school, Regulation.B, D(2026, 10, 1))
        self.assertEqual(collection_warnings(D(2026, 10, 12)), 0)
