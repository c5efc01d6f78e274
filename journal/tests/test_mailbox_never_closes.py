"""Issue 14: the mailbox never closes. Regulation A's "works during the school year" governs
the journal and the commission, not the child's form: a letter written in the summer
vacation is received, and its answer clock runs on the school's calendar (the vacation's days
do not count)."""

import datetime

from django.utils import timezone

from ishenim.testing import BaseTestCase
from journal.models import Appeal
from notify.tests.helpers import Clock
from schools.forms import DayOffForm
from schools.models import Regulation
from schools.setup import choose_regulation

D = datetime.date


class MailboxNeverClosesTests(BaseTestCase):
    def test_a_letter_written_in_the_summer_is_received_and_its_clock_waits_for_school(self):
        choose_regulation(self.school, Regulation.A, D(2025, 9, 1))
        form = DayOffForm(
            data={"date": "2026-06-01", "until": "2026-08-31", "reason": "summer"},
            school=self.school,
        )
        self.assertTrue(form.is_valid(), form.errors)
        form.save_days()
        july = timezone.make_aware(datetime.datetime(2026, 7, 10, 10, 0))
        with Clock(july):
            r = self.client.post(
                "/s/demo/write/anonymous/",
                {"author_kind": "pupil", "text": "Жайында да жазсам болобу?", "token": "s" * 32},
            )
        self.assertRedirects(r, "/s/demo/receipt/", fetch_redirect_response=False)
        appeal = Appeal.objects.get()
        self.assertEqual(appeal.received_on, D(2026, 7, 10))
        # Five working days of the school's calendar: none of them in the vacation.
        self.assertGreater(appeal.due_on, D(2026, 8, 31))
        self.assertEqual(appeal.due_on, self.school.calendar().add_working_days(D(2026, 7, 10), 5))
