"""Issue 14: the mailbox never closes. An urgent letter written in a vacation the school entered
as a range alerts the person the school named on duty for the holidays, by notice and by mail,
at once; in term time the ladder starts with the responsible person as usual."""

import datetime

from django.urls import reverse
from django.utils import timezone

from ishenim.testing import PASSWORD
from urgent.tests.base import LaneTestCase

# A Tuesday of the autumn vacation (a working day had the school not entered the vacation).
IN_VACATION = timezone.make_aware(datetime.datetime(2026, 10, 27, 10, 0))


class VacationDutyTests(LaneTestCase):
    def setUp(self):
        super().setUp()
        self.bolot.email = "bolot@example.org"
        self.bolot.save()
        self.school.holiday_duty = self.bolot
        self.school.save()

    def enter_vacation(self):
        self.client.login(username="aida", password=PASSWORD)
        url = reverse("schools:settings", args=[self.school.slug])
        page = self.client.post(
            url,
            {
                "action": "day_off",
                "d-date": "2026-10-26",
                "d-until": "2026-11-01",
                "d-reason": "Күзгү каникул",
            },
        )
        self.assertRedirects(page, url)
        self.client.logout()

    def test_an_urgent_letter_in_the_vacation_alerts_the_person_on_duty_at_once(self):
        self.enter_vacation()
        appeal = self.urgent_letter(at=IN_VACATION)
        self.tick(IN_VACATION)
        self.assertEqual(self.alerted(appeal).get("bolot"), 1, self.alerted(appeal))
        self.assertEqual(len(self.mails_to("bolot@example.org")), 1)

    def test_nobody_confirming_in_the_vacation_still_escalates(self):
        self.enter_vacation()
        appeal = self.urgent_letter(at=IN_VACATION)
        self.tick(IN_VACATION)
        self.tick(IN_VACATION + datetime.timedelta(hours=2))
        alerted = self.alerted(appeal)
        self.assertGreaterEqual(alerted.get("bolot", 0), 1)
        self.assertGreaterEqual(len(alerted), 2, alerted)  # someone else was called in

    def test_the_same_day_in_term_time_starts_with_the_responsible_person(self):
        appeal = self.urgent_letter(at=IN_VACATION)
        self.tick(IN_VACATION)
        self.assertEqual(self.alerted(appeal), {"aida": 1})
