"""Regulation B 4.3 and 4.5 (issue 14): a meeting counts only with an agenda and minutes signed
by all members; one entered more than 3 working days after its date counts once the chair
confirms it; unsigned minutes are reminded after 3 working days; a new commission's first
meeting elects chair and secretary before any other item."""

import datetime

from django.utils import timezone, translation

from commission.meetings import (
    ConfirmError,
    confirm_late,
    is_entered_late,
    meetings_this_half_year,
    sign,
)
from commission.models import CommissionMember, Meeting, Signature
from commission.tasks import minutes_reminders
from commission.tests.helpers import CommissionTestCase
from notify.models import Notice

D = datetime.date


class CountingTests(CommissionTestCase):
    def setUp(self):
        super().setUp()
        self.commission = self.make_commission(elected=True)

    def signed_by_all(self, meeting):
        for m in self.commission.members.all():
            sign(meeting, m, Signature.PAPER, self.aida)
        meeting.refresh_from_db()
        return meeting

    def count(self):
        return meetings_this_half_year(self.school, D(2026, 12, 20))[0]

    def test_a_meeting_without_an_agenda_does_not_count(self):
        meeting = self.signed_by_all(self.make_meeting(self.commission, held_on=D(2026, 10, 5)))
        self.assertEqual(self.count(), 0)
        with translation.override("en"):
            self.assertEqual(
                [str(r) for r in meeting.why_it_does_not_count()], ["it has no agenda"]
            )

    def test_unsigned_minutes_do_not_count_until_the_last_member_signs(self):
        meeting = self.make_meeting(self.commission, held_on=D(2026, 10, 5), agenda="Күн тартиби")
        sign(meeting, self.aida_m, Signature.ELECTRONIC, self.aida)
        self.assertEqual(self.count(), 0)
        self.signed_by_all_but(meeting, self.aida_m)
        self.assertEqual(self.count(), 1)

    def signed_by_all_but(self, meeting, done):
        for m in self.commission.members.exclude(pk=done.pk):
            sign(meeting, m, Signature.PAPER, self.aida)

    def test_a_meeting_entered_late_counts_only_once_the_chair_confirms(self):
        meeting = self.signed_by_all(
            self.make_meeting(
                self.commission, held_on=D(2026, 10, 5), agenda="Күн тартиби", entered_late=True
            )
        )
        self.assertEqual(self.count(), 0)
        with self.assertRaises(ConfirmError):
            confirm_late(meeting, self.aida)  # the secretary, not the chair
        confirm_late(meeting, self.bolot)
        self.assertEqual(self.count(), 1)


class LateEntryTests(CommissionTestCase):
    def test_more_than_three_working_days_after_the_date_is_late(self):
        # Monday 5 October 2026; Thursday is 3 working days later, Friday 4.
        self.assertFalse(is_entered_late(self.school, D(2026, 10, 5), D(2026, 10, 8)))
        self.assertTrue(is_entered_late(self.school, D(2026, 10, 5), D(2026, 10, 9)))

    def test_the_weekend_does_not_count(self):
        # Friday 9 October → Wednesday 14 October: 3 working days.
        self.assertFalse(is_entered_late(self.school, D(2026, 10, 9), D(2026, 10, 14)))

    def test_a_meeting_entered_through_the_page_a_week_late_is_marked_late(self):
        commission = self.make_commission(elected=True)
        self.login("aida")
        held = timezone.localdate() - datetime.timedelta(days=10)
        r = self.client.post(
            f"/staff/commission/{self.school.slug}/meetings/new/",
            {
                "held_on": held.isoformat(),
                "kind": Meeting.REGULAR,
                "attendance": [m.pk for m in commission.members.all()],
                "agenda": "Күн тартиби",
            },
        )
        self.assertEqual(r.status_code, 302)
        meeting = Meeting.objects.get()
        self.assertTrue(meeting.entered_late)
        page = self.client.get(f"/staff/commission/meetings/{meeting.pk}/")
        self.assertContains(page, 'name="action" value="confirm_late"', count=0)  # aida isn't chair
        self.login("bolot")
        page = self.client.get(f"/staff/commission/meetings/{meeting.pk}/")
        self.assertContains(page, 'value="confirm_late"')
        self.client.post(f"/staff/commission/meetings/{meeting.pk}/", {"action": "confirm_late"})
        meeting.refresh_from_db()
        self.assertIsNotNone(meeting.late_confirmed_at)


class FirstMeetingTests(CommissionTestCase):
    def post(self, kind, agenda="Башка маселе"):
        self.login("aida")
        return self.client.post(
            f"/staff/commission/{self.school.slug}/meetings/new/",
            {
                "held_on": timezone.localdate().isoformat(),
                "kind": kind,
                "attendance": [m.pk for m in self.commission.members.all()],
                "agenda": agenda,
            },
        )

    def test_a_new_commission_cannot_hold_another_meeting_before_the_election(self):
        self.commission = self.make_commission()
        r = self.post(Meeting.REGULAR)
        self.assertEqual(r.status_code, 200)
        self.assertFalse(Meeting.objects.exists())

    def test_the_first_meetings_first_item_is_the_election(self):
        self.commission = self.make_commission()
        self.assertEqual(self.post(Meeting.FIRST, agenda="Отчет").status_code, 302)
        agenda = Meeting.objects.get().agenda.splitlines()
        self.assertTrue(agenda[0].startswith("1."))
        self.assertEqual(agenda[1], "Отчет")

    def test_after_the_election_other_meetings_are_allowed(self):
        self.commission = self.make_commission(elected=True)
        self.assertEqual(self.post(Meeting.REGULAR).status_code, 302)


class SignatureReminderTests(CommissionTestCase):
    def setUp(self):
        super().setUp()
        self.commission = self.make_commission(elected=True)
        # Monday 5 October 2026; Aida signed, Bolot (the chair) has not.
        self.meeting = self.make_meeting(self.commission, held_on=D(2026, 10, 5), agenda="А")
        Meeting.objects.filter(pk=self.meeting.pk).update(
            created_at=timezone.make_aware(datetime.datetime(2026, 10, 5, 15))
        )
        sign(self.meeting, self.aida_m, Signature.ELECTRONIC, self.aida)

    def test_no_reminder_within_three_working_days(self):
        self.assertEqual(minutes_reminders(D(2026, 10, 8)), 0)

    def test_the_missing_signer_and_the_chair_are_reminded_once(self):
        self.assertEqual(minutes_reminders(D(2026, 10, 9)), 1)  # Bolot: missing and chair
        self.assertEqual(minutes_reminders(D(2026, 10, 12)), 0)
        notice = Notice.objects.get()
        self.assertEqual(notice.user, self.bolot)

    def test_the_chair_is_told_even_when_the_chair_has_signed(self):
        sign(self.meeting, self.bolot_m, Signature.ELECTRONIC, self.bolot)
        CommissionMember.objects.filter(pk=self.aida_m.pk).update(user=self.aida)
        self.meeting.signatures.filter(member=self.aida_m).delete()
        self.assertEqual(minutes_reminders(D(2026, 10, 9)), 2)

    def test_final_minutes_are_not_reminded(self):
        sign(self.meeting, self.bolot_m, Signature.ELECTRONIC, self.bolot)
        sign(self.meeting, self.gulnara_m, Signature.PAPER, self.aida)
        self.assertEqual(minutes_reminders(D(2026, 10, 20)), 0)
