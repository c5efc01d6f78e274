import datetime
import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase, override_settings
from django.utils import timezone

from commission.meetings import meetings_this_half_year
from commission.models import Commission, Meeting
from journal.models import Appeal
from openings.models import BoxOpening
from reports.models import QuarterlyReport
from schools.models import School


class SeedDemoTests(TestCase):
    def test_the_demo_school_is_lived_in_and_created_once(self):
        with override_settings(VAR_DIR=Path(tempfile.mkdtemp())):
            out = StringIO()
            call_command("seed_demo", stdout=out)
            call_command("seed_demo", stdout=out)
        # One school under each regulation (issue 14).
        self.assertEqual(
            {s.slug: s.rules().kind for s in School.objects.all()}, {"demo": "B", "demo-a": "A"}
        )
        statuses = set(Appeal.objects.values_list("status", flat=True))
        self.assertTrue(
            {"new", "registered", "in_work", "answered", "closed", "referred"} <= statuses
        )
        self.assertEqual(set(Appeal.objects.values_list("channel", flat=True)), {"online", "paper"})
        self.assertEqual(set(Commission.objects.values_list("status", flat=True)), {"active"})
        self.assertEqual(BoxOpening.objects.get(school__slug="demo").letters.count(), 1)
        # Regulation B has no weekly review; regulation A reviews on the sixth day.
        reviews = Meeting.objects.filter(kind=Meeting.WEEKLY_REVIEW)
        self.assertFalse(reviews.filter(commission__school__slug="demo").exists())
        self.assertTrue(reviews.filter(commission__school__slug="demo-a").exists())
        self.assertIn("demo-ishenim-2026", out.getvalue())
        self.assertIn("Recovery key", out.getvalue())


class DemoMeetingsCountTests(TestCase):
    """Issue 14: the demo's meetings are complete (agenda, every member present and signed,
    entered on time), numbered in date order, so the half-year's meetings are counted."""

    def seed_on(self, day):
        from notify.tests.helpers import Clock

        now = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))
        with override_settings(VAR_DIR=Path(tempfile.mkdtemp())), Clock(now):
            call_command("seed_demo", stdout=StringIO())

    def test_every_demo_meeting_counts_and_its_number_follows_its_date(self):
        self.seed_on(datetime.date(2026, 11, 10))
        for slug in ("demo", "demo-a"):
            meetings = list(Meeting.objects.of_school(School.objects.get(slug=slug)))
            self.assertTrue(meetings, slug)
            for meeting in meetings:
                with self.subTest(slug=slug, number=meeting.number):
                    self.assertEqual(meeting.why_it_does_not_count(), [])
                    self.assertEqual(meeting.attendance.count(), meeting.commission.members.count())
            # Minutes are numbered from 1 in each school year (1 September – 31 August).
            by_year = {}
            for m in sorted(meetings, key=lambda m: (m.held_on, m.number)):
                start = m.held_on.year if m.held_on.month >= 9 else m.held_on.year - 1
                by_year.setdefault(start, []).append(m.number)
            for numbers in by_year.values():
                self.assertEqual(numbers, list(range(1, len(numbers) + 1)), slug)

    def test_the_demo_commission_page_counts_the_half_years_meetings(self):
        day = datetime.date(2026, 11, 10)
        self.seed_on(day)
        school = School.objects.get(slug="demo")
        count, _start, _end, warning = meetings_this_half_year(school, day)
        self.assertGreaterEqual(count, school.rules(day).meetings_per_half_year)
        self.assertFalse(warning)
        report = QuarterlyReport.objects.get(school=school)
        self.assertTrue(report.meeting.counts)
        self.assertEqual(report.frozen_meeting_number, report.meeting.number)

    def test_the_regulation_a_demo_collects_the_week_and_reviews_it_on_the_review_day(self):
        self.seed_on(datetime.date(2026, 11, 10))
        school = School.objects.get(slug="demo-a")
        review = Meeting.objects.of_school(school).get(kind=Meeting.WEEKLY_REVIEW)
        self.assertEqual(review.held_on.weekday(), school.review_weekday)
        opening = BoxOpening.objects.get(school=school)
        self.assertLess(opening.opened_at.date(), review.held_on)
        # The letters found are registered from the act, which everyone present has signed.
        self.assertEqual(opening.letters.filter(appeal__number__isnull=False).count(), 2)
        self.assertTrue(opening.is_signed_by_all())
        self.assertIn(f"{opening.opened_at.date():%d.%m.%Y}", review.agenda)
