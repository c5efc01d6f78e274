import datetime

from django.utils import timezone

import vault
from audit.models import Event
from journal.models import Appeal
from urgent.models import UrgentCase, same_day_deadline
from urgent.tests.base import T0, LaneTestCase, minutes


def local(y, m, d, h, mi=0):
    return timezone.make_aware(datetime.datetime(y, m, d, h, mi))


class ConfirmTests(LaneTestCase):
    def setUp(self):
        super().setUp()
        self.appeal = self.urgent_letter(at=timezone.now())
        self.tick(timezone.now())

    def confirm(self, username):
        self.client.logout()
        self.login(username)
        return self.client.post(
            f"/staff/urgent/appeals/{self.appeal.pk}/confirm/", HTTP_ACCEPT_LANGUAGE="ru"
        )

    def test_confirming_records_who_and_when_in_the_audit_log_and_the_measures(self):
        self.confirm("aida")
        case = UrgentCase.objects.get(appeal=self.appeal)
        self.assertEqual(case.acknowledged_by, self.aida)
        self.assertIsNone(case.next_alert_at)
        self.assertIsNotNone(case.decision_due_at)
        event = Event.objects.get(appeal=self.appeal, action="urgent_acknowledged")
        self.assertEqual(event.actor, self.aida)
        self.appeal.refresh_from_db()
        measures = vault.open_text(self.key, self.appeal.sealed_measures)
        self.assertIn("Аида Токтобаева", measures)

    def test_two_people_confirming_at_once_make_one_confirmation_and_both_see_who(self):
        self.confirm("aida")
        response = self.confirm("bolot")
        self.assertEqual(Event.objects.filter(action="urgent_acknowledged").count(), 1)
        page = self.client.get(response["Location"])
        self.assertContains(page, "Аида Токтобаева")
        self.assertEqual(UrgentCase.objects.get(appeal=self.appeal).acknowledged_by, self.aida)

    def test_the_director_cannot_confirm_a_letter_she_cannot_read(self):
        response = self.confirm("dana")
        self.assertEqual(response.status_code, 404)
        self.assertIsNone(UrgentCase.objects.get(appeal=self.appeal).acknowledged_at)

    def test_staff_of_another_school_cannot_confirm(self):
        self.assertEqual(self.confirm("chyngyz").status_code, 404)


class DeadlineTests(LaneTestCase):
    def test_confirmed_before_the_cut_off_the_decision_is_due_that_evening(self):
        due = same_day_deadline(self.school, local(2026, 11, 10, 9, 0))
        self.assertEqual(timezone.localtime(due), local(2026, 11, 10, 18, 0))

    def test_confirmed_after_the_cut_off_the_decision_is_due_at_noon_next_working_day(self):
        # Friday evening: the next working day is Monday.
        due = same_day_deadline(self.school, local(2026, 11, 13, 19, 30))
        self.assertEqual(timezone.localtime(due), local(2026, 11, 16, 12, 0))

    def test_the_cut_off_is_the_school_setting(self):
        self.school.decision_cutoff = datetime.time(16, 0)
        due = same_day_deadline(self.school, local(2026, 11, 10, 16, 30))
        self.assertEqual(timezone.localtime(due), local(2026, 11, 11, 12, 0))

    def test_attention_letters_get_the_same_day_clock_from_their_arrival(self):
        appeal, _c = self.submit("Сабактан кийин сүйлөшсөк болобу?")
        Appeal.objects.filter(pk=appeal.pk).update(urgency=Appeal.ATTENTION, created_at=T0)
        self.tick(T0)
        case = UrgentCase.objects.get(appeal=appeal)
        self.assertEqual(timezone.localtime(case.decision_due_at), local(2026, 11, 10, 18, 0))

    def test_a_late_decision_is_flagged_to_the_next_step_once(self):
        appeal = self.urgent_letter()
        self.tick(T0)
        from urgent import ladder

        ladder.acknowledge(UrgentCase.objects.get(appeal=appeal), self.aida, now=minutes(5))
        self.tick(local(2026, 11, 10, 17, 59))
        self.assertFalse(self.bolot.notices.filter(kind="decision_late").exists())
        self.tick(local(2026, 11, 10, 18, 1))
        self.tick(local(2026, 11, 10, 18, 30))
        self.assertEqual(self.bolot.notices.filter(kind="decision_late").count(), 1)
        self.assertFalse(self.aida.notices.filter(kind="decision_late").exists())


class DecisionTests(LaneTestCase):
    def setUp(self):
        super().setUp()
        self.appeal = self.urgent_letter(at=timezone.now())
        self.tick(timezone.now())
        self.login("aida")
        self.client.post(f"/staff/urgent/appeals/{self.appeal.pk}/confirm/")
        self.url = f"/staff/urgent/appeals/{self.appeal.pk}/decision/"

    def test_referral_is_recorded_in_the_journal_and_the_measures(self):
        now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
        self.client.post(
            self.url,
            {
                "decision-referred": "yes",
                "decision-referral_to": "police",
                "decision-referral_how": "phone",
                "decision-referred_at": now,
                "decision-note": "ИДН инспектору чалдым",
            },
        )
        case = UrgentCase.objects.get(appeal=self.appeal)
        self.assertTrue(case.referred)
        self.assertEqual(case.decided_by, self.aida)
        self.appeal.refresh_from_db()
        self.assertEqual(self.appeal.referred_to, "juvenile_inspector")
        measures = vault.open_text(self.key, self.appeal.sealed_measures)
        self.assertIn("ИДН инспектору чалдым", measures)
        self.assertTrue(Event.objects.filter(action="urgent_decision", actor=self.aida).exists())

    def test_not_referred_needs_a_reason_and_keeps_what_was_typed(self):
        response = self.client.post(
            self.url,
            {"decision-referred": "no", "decision-referral_how": "phone"},
            HTTP_ACCEPT_LANGUAGE="ru",
            follow=True,
        )
        self.assertIsNone(UrgentCase.objects.get(appeal=self.appeal).decided_at)
        self.assertContains(response, "errorlist")
        self.assertContains(response, '<option value="phone" selected>')

    def test_referred_needs_to_whom_and_how(self):
        self.client.post(self.url, {"decision-referred": "yes"})
        self.assertIsNone(UrgentCase.objects.get(appeal=self.appeal).decided_at)
