import datetime

from django.utils import timezone

from audit.models import record
from journal.models import Appeal
from notify.models import Notice
from urgent.models import NetAlert
from urgent.tests.base import LaneTestCase


def local(y, m, d, h, mi=0):
    return timezone.make_aware(datetime.datetime(y, m, d, h, mi))


class NetTests(LaneTestCase):
    def letter(self, at):
        appeal, _c = self.submit("Ашканада нан жетпейт.")
        Appeal.objects.filter(pk=appeal.pk).update(created_at=at)
        appeal.refresh_from_db()
        return appeal

    def unread_notices(self, user):
        return list(Notice.objects.filter(user=user, kind=Notice.UNREAD))

    def test_a_letter_nobody_opened_for_a_working_day_alerts_the_responsible_person(self):
        appeal = self.letter(local(2026, 11, 10, 9))  # Tuesday
        self.tick(local(2026, 11, 11, 8, 59))
        self.assertEqual(self.unread_notices(self.aida), [])
        self.tick(local(2026, 11, 11, 9, 0))
        self.assertEqual(len(self.unread_notices(self.aida)), 1)
        self.assertEqual(self.unread_notices(self.bolot), [])
        self.assertTrue(NetAlert.objects.filter(appeal=appeal, stage=1).exists())

    def test_after_two_working_days_the_next_step_is_alerted(self):
        self.letter(local(2026, 11, 10, 9))
        self.tick(local(2026, 11, 11, 9, 0))
        self.tick(local(2026, 11, 12, 9, 0))
        self.assertEqual(len(self.unread_notices(self.bolot)), 1)
        self.tick(local(2026, 11, 12, 10, 0))
        self.assertEqual(len(self.unread_notices(self.aida)), 1)  # once per stage

    def test_the_weekend_never_stretches_the_wait_beyond_48_hours(self):
        self.letter(local(2026, 11, 13, 15))  # Friday afternoon
        self.tick(local(2026, 11, 15, 14, 59))
        self.assertEqual(self.unread_notices(self.aida), [])
        self.tick(local(2026, 11, 15, 15, 0))  # Sunday: 48 hours, not Monday
        self.assertEqual(len(self.unread_notices(self.aida)), 1)

    def test_a_letter_someone_opened_is_left_alone(self):
        appeal = self.letter(local(2026, 11, 10, 9))
        record("appeal_read", actor=self.bolot, appeal=appeal)
        self.tick(local(2026, 11, 13, 9, 0))
        self.assertEqual(self.unread_notices(self.aida), [])

    def test_the_staff_home_lists_unread_letters_apart(self):
        now = timezone.now()
        appeal = self.letter(now - datetime.timedelta(days=2))
        self.login("aida")
        page = self.client.get("/staff/")
        self.assertContains(page, 'id="lane-h"')
        self.assertContains(page, appeal.tag)


class LadderSettingsTests(LaneTestCase):
    url = "/staff/urgent/school/demo/ladder/"

    def post(self, **steps):
        data = {"decision_cutoff": "17:00"}
        for i in range(1, 6):
            data[f"step{i}_minutes"] = "10"
        data.update(steps)
        return self.client.post(self.url, data, HTTP_ACCEPT_LANGUAGE="ru")

    def test_a_ladder_of_people_who_cannot_read_is_refused_with_the_reason(self):
        self.login("aida")
        response = self.post(step1_staff=[str(self.dana.pk)])
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'role="alert"')
        self.assertFalse(self.school.ladder_steps.exists())

    def test_a_ladder_with_two_key_holders_is_saved_in_order(self):
        self.login("aida")
        response = self.post(
            step1_staff=[str(self.bolot.pk)],
            step3_staff=[str(self.aida.pk), str(self.dana.pk)],
        )
        self.assertEqual(response.status_code, 302)
        steps = list(self.school.ladder_steps.all())
        self.assertEqual([s.position for s in steps], [1, 2])
        self.assertEqual(list(steps[0].staff.all()), [self.bolot])
        self.school.refresh_from_db()
        self.assertEqual(self.school.decision_cutoff, datetime.time(17, 0))

    def test_a_commission_member_cannot_change_the_ladder(self):
        self.login("bolot")
        self.assertEqual(self.client.get(self.url).status_code, 404)

    def test_another_schools_staff_cannot_see_it(self):
        self.login("chyngyz")
        self.assertEqual(self.client.get(self.url).status_code, 404)

    def test_an_absence_is_entered_as_a_date_range(self):
        self.login("aida")
        url = "/staff/urgent/school/demo/absences/"
        bad = self.client.post(
            url, {"user": self.bolot.pk, "starts_on": "2026-12-10", "ends_on": "2026-12-01"}
        )
        self.assertContains(bad, "errorlist")
        self.client.post(
            url, {"user": self.bolot.pk, "starts_on": "2026-12-10", "ends_on": "2026-12-20"}
        )
        self.assertEqual(self.bolot.absences.count(), 1)
