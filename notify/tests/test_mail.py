import datetime
from unittest import mock

from django.test import override_settings
from django.utils import timezone

from ishenim.testing import BaseTestCase, LocalSMTP, mail_server_down
from notify.models import Notice, OutgoingMail
from notify.tasks import appeal_received, sweep
from urgent.tasks import letter_arrived

URGENT_TEXT = "Мен жашагым келбейт. Бүгүн кечинде баарын бүтүрөм, кечиргиле."


class NewAppealMailTests(BaseTestCase):
    def test_an_urgent_appeal_alerts_the_responsible_person_without_content(self):
        with LocalSMTP() as smtp, override_settings(**smtp.settings()):
            appeal, _ = self.submit(URGENT_TEXT)
            self.assertEqual(appeal.urgency, "urgent")
            # The urgent lane takes it (urgent/ladder.py): the first wave goes out at once.
            with self.captureOnCommitCallbacks(execute=True):
                appeal_received(appeal.pk)
                letter_arrived(appeal.pk)
            mails = smtp.texts()
        self.assertEqual(len(mails), 1)
        rcpt, subject, body = mails[0]
        self.assertEqual(rcpt, ["aida@example.org"])
        self.assertNotIn("жашагым", body + subject)
        self.assertTrue(Notice.objects.filter(user=self.aida, kind="urgent").exists())

    def test_running_twice_sends_nothing_twice(self):
        with LocalSMTP() as smtp, override_settings(**smtp.settings()):
            appeal, _ = self.submit()
            appeal_received(appeal.pk)
            appeal_received(appeal.pk)
            sweep.call_local()  # on the real clock: on a review day it adds the digest
            self.assertEqual(len([m for m in smtp.texts() if appeal.tag in m[1]]), 1)
        self.assertEqual(Notice.objects.filter(user=self.aida, appeal=appeal).count(), 1)

    def test_letters_marked_as_a_flood_send_one_mail_an_hour_but_each_its_notice(self):
        from journal.models import Appeal

        appeals = []
        for i in range(3):
            appeal, _ = self.submit(f"Тамаша кат {i}")
            Appeal.objects.filter(pk=appeal.pk).update(possible_flood=True)
            appeals.append(appeal)
            appeal_received(appeal.pk)
        to_aida = OutgoingMail.objects.filter(to="aida@example.org")
        self.assertEqual(to_aida.count(), 1)
        self.assertNotIn("Тамаша", to_aida.get().body)
        self.assertEqual(
            Notice.objects.filter(user=self.aida, appeal__in=appeals).count(), len(appeals)
        )

    def test_a_mail_server_outage_loses_no_mail(self):
        down = mail_server_down()
        with override_settings(**down):
            appeal, _ = self.submit()
            appeal_received(appeal.pk)
        mail = OutgoingMail.objects.get()
        self.assertIsNone(mail.sent_at)
        self.assertEqual(mail.attempts, 1)
        # The mail waits its back-off (one minute after the first failure), then goes.
        later = timezone.now() + datetime.timedelta(minutes=2)
        with (
            LocalSMTP() as smtp,
            override_settings(**smtp.settings()),
            mock.patch("django.utils.timezone.now", return_value=later),
        ):
            sweep.call_local()
            self.assertEqual(len([m for m in smtp.texts() if m[1] == mail.subject]), 1)
        mail.refresh_from_db()
        self.assertIsNotNone(mail.sent_at)

    def test_a_person_the_author_excluded_gets_no_notice(self):
        appeal, _ = self.submit(excluded_staff=[self.aida])
        appeal_received(appeal.pk)
        self.assertFalse(Notice.objects.filter(user=self.aida).exists())


class UrgentContactsTests(BaseTestCase):
    def test_the_schools_chosen_contacts_get_the_urgent_alert(self):
        self.school.urgent_alert_emails = "deputy@example.org, nurse@example.org"
        self.school.save()
        with LocalSMTP() as smtp, override_settings(**smtp.settings()):
            appeal, _ = self.submit(URGENT_TEXT)
            with self.captureOnCommitCallbacks(execute=True):
                letter_arrived(appeal.pk)
                letter_arrived(appeal.pk)
            to = sorted(r for m in smtp.texts() for r in m[0])
        self.assertEqual(to, ["aida@example.org", "deputy@example.org", "nurse@example.org"])

    def test_they_get_nothing_for_an_ordinary_appeal(self):
        self.school.urgent_alert_emails = "deputy@example.org"
        self.school.save()
        with LocalSMTP() as smtp, override_settings(**smtp.settings()):
            appeal, _ = self.submit("Ашканага жаңы столдор керек.")
            appeal_received(appeal.pk)
            to = [r for m in smtp.texts() for r in m[0]]
        self.assertNotIn("deputy@example.org", to)


class NoticeLinkTests(BaseTestCase):
    def test_notices_without_an_appeal_lead_to_their_page(self):
        from notify.models import Notice

        late = Notice.objects.create(
            user=self.aida, school=self.school, kind="report_late", key="report_late:1:2026Q3"
        )
        review = Notice.objects.create(
            user=self.aida, school=self.school, kind="review_tomorrow", key="review:1:2026-11-28"
        )
        self.assertEqual(late.link, "/staff/reports/school/demo/quarterly/")
        self.assertEqual(review.link, "/staff/commission/demo/")
        self.login()
        self.assertContains(self.client.get("/staff/"), 'href="/staff/commission/demo/"')
