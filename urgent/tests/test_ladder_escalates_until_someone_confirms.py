from django.core import mail

from audit.models import Event
from notify.models import Notice
from urgent import ladder
from urgent.models import UrgentCase
from urgent.tests.base import T0, LaneTestCase, minutes


class LadderTests(LaneTestCase):
    def test_first_wave_alerts_the_responsible_person_at_once(self):
        appeal = self.urgent_letter()
        self.tick(T0)
        self.assertEqual(self.alerted(appeal), {"aida": 1})
        self.assertEqual(len(self.mails_to("aida@example.org")), 1)

    def test_mail_carries_no_content_and_names_no_school(self):
        appeal = self.urgent_letter()
        self.tick(T0)
        message = self.mails_to("aida@example.org")[0]
        for word in ("урушат", "коркуп", self.school.name_ky, "violence", appeal.tag):
            self.assertNotIn(word, message.subject + message.body)
        self.assertIn(f"/staff/appeals/{appeal.pk}/", message.body)

    def test_next_step_is_alerted_when_nobody_confirms_in_time(self):
        appeal = self.urgent_letter()
        self.tick(T0)
        self.tick(minutes(14))
        self.assertEqual(self.alerted(appeal), {"aida": 1})
        self.tick(minutes(15))
        # Step 2 is called in, and step 1 is reminded.
        self.assertEqual(self.alerted(appeal), {"aida": 2, "bolot": 1})

    def test_director_who_cannot_read_is_told_to_reach_a_key_holder(self):
        appeal = self.urgent_letter()
        for m in (0, 15, 30):
            self.tick(minutes(m))
        notice = Notice.objects.get(user=self.dana, key__startswith=f"urgent:{appeal.pk}:")
        self.assertEqual(notice.kind, Notice.URGENT_WAITING)
        self.assertIsNone(notice.appeal)  # the director gets no link to the letter

    def test_alerts_repeat_after_the_last_step_until_someone_confirms(self):
        appeal = self.urgent_letter()
        for m in (0, 15, 30, 60, 90):
            self.tick(minutes(m))
        self.assertEqual(self.alerted(appeal)["aida"], 5)
        self.assertEqual(self.alerted(appeal)["dana"], 3)

    def test_confirming_stops_the_alerts(self):
        appeal = self.urgent_letter()
        self.tick(T0)
        case = UrgentCase.objects.get(appeal=appeal)
        ladder.acknowledge(case, self.aida, now=minutes(5))
        for m in (15, 30, 60, 120):
            self.tick(minutes(m))
        self.assertEqual(self.alerted(appeal), {"aida": 1})

    def test_running_a_wave_twice_delivers_nothing_twice(self):
        appeal = self.urgent_letter()
        self.tick(T0)
        case = UrgentCase.objects.get(appeal=appeal)
        # A second worker that read the case before the first one moved it on.
        UrgentCase.objects.filter(pk=case.pk).update(wave=0, next_alert_at=T0)
        self.tick(T0)
        self.assertEqual(self.alerted(appeal), {"aida": 1})
        self.assertEqual(len(mail.outbox), 1)

    def test_each_wave_is_in_the_audit_log_without_an_actor(self):
        appeal = self.urgent_letter()
        self.tick(T0)
        self.tick(minutes(15))
        events = Event.objects.filter(appeal=appeal, action="urgent_alert")
        self.assertEqual([e.detail["wave"] for e in events], [1, 2])
        self.assertTrue(all(e.actor_id is None for e in events))

    def test_letter_page_with_actorless_events_opens_and_shows_the_clock(self):
        appeal = self.urgent_letter()
        self.tick(T0)
        self.login("aida")
        page = self.client.get(f"/staff/appeals/{appeal.pk}/")
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, f"/staff/urgent/appeals/{appeal.pk}/confirm/")

    def test_letter_raised_to_urgent_by_a_later_message_starts_the_ladder(self):
        from journal.models import Appeal

        appeal, _code = self.submit("Сабактан кийин сүйлөшсөк болобу?")
        Appeal.objects.filter(pk=appeal.pk).update(urgency=Appeal.ATTENTION, created_at=T0)
        self.tick(T0)
        case = UrgentCase.objects.get(appeal=appeal)
        self.assertEqual(case.level, UrgentCase.ATTENTION)
        self.assertEqual(self.alerted(appeal), {})
        Appeal.objects.filter(pk=appeal.pk).update(urgency=Appeal.URGENT)
        self.tick(minutes(3))
        case.refresh_from_db()
        self.assertEqual(case.level, UrgentCase.URGENT)
        self.assertEqual(self.alerted(appeal), {"aida": 1})
