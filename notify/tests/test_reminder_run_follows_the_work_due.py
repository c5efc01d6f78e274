"""Issue 16: the reminder run at national scale. Its cost follows the letters due, not the
schools or the letters of the year: the same few queries for one letter due or many, bulk
inserts that a run beside it cannot break (no duplicate-key error, nothing twice)."""

import datetime
from unittest import mock

from django.db import connection
from django.test.utils import CaptureQueriesContext

from notify.models import Notice, OutgoingMail
from notify.tasks import remind
from notify.tests.test_reminders import FRIDAY, MONDAY, TUESDAY_AFTER, ReminderTestCase


class ReminderRunCostTests(ReminderTestCase):
    def first_run_queries(self, today):
        Notice.objects.all().delete()
        OutgoingMail.objects.all().delete()
        with CaptureQueriesContext(connection) as ctx:
            remind(today, deliver_now=False)
        return len(ctx.captured_queries)

    def test_the_first_run_costs_the_same_queries_for_one_letter_due_or_many(self):
        self.appeal()
        one = self.first_run_queries(FRIDAY)
        for _ in range(4):
            self.appeal()
            self.appeal(school=self.other_school)
        self.assertEqual(self.first_run_queries(FRIDAY), one)
        self.assertEqual(Notice.objects.filter(kind=Notice.DUE_TOMORROW).count(), 9)

    def test_overdue_letters_of_many_schools_cost_the_same_queries_as_one(self):
        self.appeal()
        one = self.first_run_queries(TUESDAY_AFTER)
        for _ in range(3):
            self.appeal(school=self.other_school)
        self.assertEqual(self.first_run_queries(TUESDAY_AFTER), one)

    def test_letters_not_due_are_not_selected(self):
        self.appeal(received_on=MONDAY + datetime.timedelta(days=3))  # due later than Monday
        remind(FRIDAY, deliver_now=False)
        self.assertFalse(Notice.objects.exclude(kind=Notice.DIGEST).exists())

    def test_a_run_beside_another_inserts_nothing_twice_and_fails_on_nothing(self):
        self.appeal()
        remind(FRIDAY, deliver_now=False)
        notices, mails = Notice.objects.count(), OutgoingMail.objects.count()
        # A run that looked before the other one wrote: it believes nothing exists yet.
        with mock.patch("notify.tasks._existing", return_value=set()):
            remind(FRIDAY, deliver_now=False)
        self.assertEqual((Notice.objects.count(), OutgoingMail.objects.count()), (notices, mails))

    def test_the_exclusions_are_read_for_every_letter_of_the_run(self):
        kept = self.appeal(excluded_staff=[self.aida])
        plain = self.appeal()
        remind(FRIDAY, deliver_now=False)
        told = set(
            Notice.objects.filter(kind=Notice.DUE_TOMORROW).values_list("user__username", "appeal")
        )
        self.assertIn(("aida", plain.pk), told)
        self.assertNotIn(("aida", kept.pk), told)
        self.assertIn(("bolot", kept.pk), told)  # the commission keeps the deadline
