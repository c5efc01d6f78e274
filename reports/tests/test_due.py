import datetime

from ishenim.testing import BaseTestCase
from notify.models import Notice, OutgoingMail
from reports.due import report_due
from reports.models import QuarterlyReport
from reports.tasks import send_report_reminders

D = datetime.date


class ReportDueTests(BaseTestCase):
    def test_the_last_quarter_is_due_by_the_fifth(self):
        due = report_due(self.school, D(2025, 4, 2))
        self.assertEqual((due.year, due.quarter, due.due_on), (2025, 1, D(2025, 4, 5)))
        self.assertFalse(due.is_late(D(2025, 4, 5)))
        self.assertTrue(due.is_late(D(2025, 4, 6)))
        self.assertEqual(report_due(self.school, D(2026, 1, 3)).quarter, 4)

    def test_reminders_before_the_fifth_are_sent_once(self):
        send_report_reminders(D(2025, 4, 2))
        send_report_reminders(D(2025, 4, 3))
        notices = Notice.objects.filter(kind="report_due", school=self.school)
        self.assertEqual([n.user for n in notices], [self.aida])
        self.assertEqual(Notice.objects.filter(kind="report_due").count(), 2)  # + other school
        self.assertEqual(OutgoingMail.objects.filter(to="aida@example.org").count(), 1)

    def test_the_director_is_told_once_when_the_report_is_late(self):
        send_report_reminders(D(2025, 4, 7))
        send_report_reminders(D(2025, 4, 8))
        self.assertEqual(
            list(
                Notice.objects.filter(kind="report_late", school=self.school).values_list(
                    "user", flat=True
                )
            ),
            [self.dana.pk],
        )

    def test_no_reminder_once_the_report_is_drafted(self):
        QuarterlyReport.objects.create(
            school=self.school,
            year=2025,
            quarter=1,
            starts_on=D(2025, 1, 1),
            ends_on=D(2025, 3, 31),
        )
        send_report_reminders(D(2025, 4, 7))
        self.assertFalse(Notice.objects.filter(kind__startswith="report").exists())
