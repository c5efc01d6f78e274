"""Regulation B 4.6: the quarterly report, once discussed at a meeting, is frozen with the
meeting's number; a later recalculation makes a new version, and both are kept and listed."""

import datetime

from commission.models import Commission, Meeting
from ishenim.testing import BaseTestCase
from notify.tests.helpers import Clock
from reports.models import QuarterlyReport
from reports.tests.helpers import AppealsMixin

D = datetime.date


class FrozenReportTests(AppealsMixin, BaseTestCase):
    def setUp(self):
        super().setUp()
        self.clock = Clock()  # Tuesday 10 November 2026
        self.clock.__enter__()
        self.addCleanup(self.clock.__exit__)
        self.appeal(D(2026, 8, 3))
        self.login()
        self.client.post(
            f"/staff/reports/school/{self.school.slug}/quarterly/draft/",
            {"year": 2026, "quarter": 3},
        )
        self.report = QuarterlyReport.objects.get()
        self.url = f"/staff/reports/quarterly/{self.report.pk}/"
        commission = Commission.objects.create(
            school=self.school, order_number="12", order_date=D(2026, 9, 1), status="active"
        )
        self.meeting = Meeting.objects.create(
            commission=commission, held_on=D(2026, 10, 4), number=7
        )

    def discuss(self):
        self.client.post(
            self.url, {"action": "text", "conclusions": "Буллинг азайды.", "proposals": "Тренинг."}
        )
        return self.client.post(
            self.url, {"action": "meeting", "meeting": self.meeting.pk, "discussed": "on"}
        )

    def test_discussing_at_a_meeting_freezes_it_with_the_meetings_number(self):
        self.assertRedirects(self.discuss(), self.url)
        self.report.refresh_from_db()
        self.assertTrue(self.report.is_frozen)
        self.assertEqual(self.report.frozen_meeting_number, 7)
        self.assertContains(self.client.get(self.url), "№ 7")

    def test_a_frozen_reports_text_cannot_be_changed(self):
        self.discuss()
        r = self.client.post(
            self.url, {"action": "text", "conclusions": "Башка.", "proposals": "Башка."}
        )
        self.assertRedirects(r, self.url)
        self.report.refresh_from_db()
        self.assertEqual(self.report.conclusions, "Буллинг азайды.")

    def test_a_later_recalculation_makes_a_new_version_and_keeps_the_discussed_one(self):
        self.discuss()
        self.report.refresh_from_db()
        frozen_figures = dict(self.report.figures)
        # A late letter of the quarter is registered after the meeting.
        self.appeal(D(2026, 9, 20))
        self.clock.advance(days=3)
        self.login()
        r = self.client.post(self.url, {"action": "refresh"})
        first, second = QuarterlyReport.objects.order_by("version")
        self.assertRedirects(r, f"/staff/reports/quarterly/{second.pk}/")
        self.assertEqual((first.version, second.version), (1, 2))
        self.assertEqual(first.figures, frozen_figures)
        self.assertEqual(first.frozen_meeting_number, 7)
        self.assertEqual(second.figures["total"], first.figures["total"] + 1)
        self.assertFalse(second.is_frozen)
        self.assertFalse(second.discussed)
        self.assertEqual(second.conclusions, "Буллинг азайды.")
        self.assertEqual(second.figures_on, D(2026, 11, 13))

    def test_both_versions_are_listed(self):
        self.discuss()
        self.client.post(self.url, {"action": "refresh"})
        second = QuarterlyReport.objects.get(version=2)
        listing = self.client.get(f"/staff/reports/school/{self.school.slug}/quarterly/")
        self.assertContains(listing, f"/staff/reports/quarterly/{self.report.pk}/")
        self.assertContains(listing, f"/staff/reports/quarterly/{second.pk}/")
        page = self.client.get(f"/staff/reports/quarterly/{second.pk}/")
        self.assertContains(page, f'href="/staff/reports/quarterly/{self.report.pk}/"')

    def test_an_undiscussed_report_is_recalculated_in_place(self):
        self.client.post(self.url, {"action": "refresh"})
        self.assertEqual(QuarterlyReport.objects.count(), 1)

    def test_drafting_the_quarter_again_opens_the_newest_version(self):
        self.discuss()
        self.client.post(self.url, {"action": "refresh"})
        r = self.client.post(
            f"/staff/reports/school/{self.school.slug}/quarterly/draft/",
            {"year": 2026, "quarter": 3},
        )
        second = QuarterlyReport.objects.get(version=2)
        self.assertRedirects(r, f"/staff/reports/quarterly/{second.pk}/")
        self.assertEqual(QuarterlyReport.objects.count(), 2)
