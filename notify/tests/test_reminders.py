"""Reminders before a deadline, overdue notices and the weekly digest (notify.tasks.remind).

Dates are chosen in a known calendar (5-day week, Kyrgyz public holidays of 2025): an appeal
received on Monday 6 October 2025 is due five working days later, on Monday 13 October.
"""

import datetime
import re
from unittest import mock
from zoneinfo import ZoneInfo

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ishenim.testing import BaseTestCase, LocalSMTP, mail_server_down
from journal.models import Appeal
from notify.models import Notice, OutgoingMail
from notify.tasks import remind, remind_daily, sweep
from schools.models import DayOff

TEXT = "Мени класста шылдыңдашат, эч ким жардам бербейт."
URGENT_TEXT = "Мен жашагым келбейт. Бүгүн кечинде баарын бүтүрөм, кечиргиле."

MONDAY = datetime.date(2025, 10, 6)
THURSDAY = datetime.date(2025, 10, 9)
FRIDAY = datetime.date(2025, 10, 10)
SATURDAY = datetime.date(2025, 10, 11)  # the default review day
DUE_MONDAY = datetime.date(2025, 10, 13)
TUESDAY_AFTER = datetime.date(2025, 10, 14)


class ReminderTestCase(BaseTestCase):
    def appeal(self, received_on=MONDAY, text=TEXT, **kwargs):
        appeal, _code = self.submit(text, received_on=received_on, **kwargs)
        return appeal

    def kinds(self, user, kind):
        return Notice.objects.filter(user=user, kind=kind)


class DueTomorrowTests(ReminderTestCase):
    def test_the_responsible_person_is_reminded_the_working_day_before_the_deadline(self):
        appeal = self.appeal()
        self.assertEqual(appeal.due_on, DUE_MONDAY)
        with LocalSMTP() as smtp, override_settings(**smtp.settings()):
            remind(THURSDAY)
            self.assertEqual(smtp.messages, [])
            remind(FRIDAY)
            mails = smtp.texts()
        self.assertEqual(len(mails), 1)
        rcpt, subject, body = mails[0]
        self.assertEqual(rcpt, ["aida@example.org"])
        self.assertIn(appeal.tag, subject)
        self.assertIn("13.10.2025", subject + body)
        self.assertIn(f"/staff/appeals/{appeal.pk}/", body)
        self.assertNotIn("шылдыңдашат", subject + body)
        notice = self.kinds(self.aida, Notice.DUE_TOMORROW).get()
        self.assertEqual((notice.appeal, notice.school), (appeal, self.school))
        self.assertFalse(Notice.objects.filter(user__in=[self.bolot, self.dana]).exists())

    def test_a_public_holiday_moves_the_reminder_to_the_working_day_before_it(self):
        # Received Friday 14 March 2025; Friday 21 March is Nooruz: due Monday 24 March,
        # so the reminder goes on Thursday 20 March.
        appeal = self.appeal(received_on=datetime.date(2025, 3, 14))
        self.assertEqual(appeal.due_on, datetime.date(2025, 3, 24))
        remind(datetime.date(2025, 3, 19))
        self.assertFalse(self.kinds(self.aida, Notice.DUE_TOMORROW).exists())
        remind(datetime.date(2025, 3, 20))
        self.assertTrue(self.kinds(self.aida, Notice.DUE_TOMORROW).exists())

    def test_a_school_day_off_moves_the_reminder_to_the_working_day_before_it(self):
        self.appeal()
        DayOff.objects.create(school=self.school, date=FRIDAY, reason="local day off")
        remind(THURSDAY)
        self.assertTrue(self.kinds(self.aida, Notice.DUE_TOMORROW).exists())

    def test_an_answered_appeal_gets_no_reminder(self):
        appeal = self.appeal()
        Appeal.objects.filter(pk=appeal.pk).update(status=Appeal.ANSWERED, answered_on=THURSDAY)
        remind(FRIDAY)
        remind(TUESDAY_AFTER)
        self.assertFalse(Notice.objects.exists())
        self.assertFalse(OutgoingMail.objects.exists())

    def test_an_appeal_with_an_answer_date_gets_no_reminder_whatever_its_status(self):
        appeal = self.appeal()
        Appeal.objects.filter(pk=appeal.pk).update(status=Appeal.IN_WORK, answered_on=THURSDAY)
        remind(FRIDAY)
        self.assertFalse(Notice.objects.exists())

    def test_staff_the_author_excluded_get_nothing_and_the_commission_keeps_the_deadline(self):
        appeal = self.appeal(excluded_staff=[self.aida])
        remind(FRIDAY)
        remind(TUESDAY_AFTER)
        self.assertFalse(Notice.objects.filter(user=self.aida).exists())
        self.assertFalse(OutgoingMail.objects.filter(to="aida@example.org").exists())
        self.assertEqual(self.kinds(self.bolot, Notice.DUE_TOMORROW).get().appeal, appeal)
        self.assertTrue(self.kinds(self.dana, Notice.OVERDUE).exists())

    def test_another_school_hears_nothing_about_this_schools_appeals(self):
        self.appeal()
        remind(FRIDAY)
        remind(TUESDAY_AFTER)
        self.assertFalse(Notice.objects.filter(user=self.chyngyz).exclude(kind="digest").exists())


class OverdueTests(ReminderTestCase):
    def test_an_overdue_appeal_reaches_the_responsible_person_and_the_director(self):
        self.dana.email = "dana@example.org"
        self.dana.save()
        appeal = self.appeal()
        with LocalSMTP() as smtp, override_settings(**smtp.settings()):
            remind(DUE_MONDAY)
            self.assertEqual(smtp.messages, [])  # due today is not overdue yet
            remind(TUESDAY_AFTER)
            mails = {tuple(rcpt): (subject, body) for rcpt, subject, body in smtp.texts()}
        self.assertEqual(set(mails), {("aida@example.org",), ("dana@example.org",)})
        for subject, body in mails.values():
            self.assertIn(appeal.tag, subject)
            self.assertNotIn("шылдыңдашат", subject + body)
        # The director reads no letters: her link is the list, the reader's is the appeal.
        self.assertIn(f"/staff/appeals/{appeal.pk}/", mails[("aida@example.org",)][1])
        self.assertNotIn("/appeals/", mails[("dana@example.org",)][1])
        self.assertTrue(self.kinds(self.aida, Notice.OVERDUE).exists())
        self.assertTrue(self.kinds(self.dana, Notice.OVERDUE).exists())
        self.assertFalse(self.kinds(self.bolot, Notice.OVERDUE).exists())

    def test_an_overdue_appeal_is_flagged_once_not_every_day(self):
        self.appeal()
        for day in range(14, 21):
            remind(datetime.date(2025, 10, day))
        self.assertEqual(self.kinds(self.aida, Notice.OVERDUE).count(), 1)
        self.assertEqual(OutgoingMail.objects.filter(key__startswith="overdue:").count(), 1)


class IdempotencyTests(ReminderTestCase):
    def test_running_remind_twice_sends_nothing_twice(self):
        appeal = self.appeal()
        with LocalSMTP() as smtp, override_settings(**smtp.settings()):
            remind(FRIDAY)
            remind(FRIDAY)
            remind(SATURDAY)  # the next working day is still that Monday
            subjects = [subject for _rcpt, subject, _body in smtp.texts()]
        self.assertEqual(len([s for s in subjects if appeal.tag in s]), 1)
        self.assertEqual(self.kinds(self.aida, Notice.DUE_TOMORROW).count(), 1)

    def test_a_repeated_run_costs_the_same_few_queries_for_one_appeal_or_many(self):
        def queries_of_second_run():
            remind(TUESDAY_AFTER)
            with CaptureQueriesContext(connection) as ctx:
                remind(TUESDAY_AFTER)
            return len(ctx.captured_queries)

        # Each round: an overdue appeal (flagged by the first run), one due the next working
        # day (its keys checked in two queries) and one due later (not selected at all).
        def a_round():
            for day in (6, 7, 8):
                self.appeal(received_on=datetime.date(2025, 10, day))
                self.appeal(received_on=datetime.date(2025, 10, day), school=self.other_school)

        a_round()
        one = queries_of_second_run()
        a_round()
        a_round()
        self.assertEqual(queries_of_second_run(), one)
        self.assertLessEqual(one, 8)

    def test_a_repeated_run_with_nothing_due_selects_and_sends_nothing(self):
        self.appeal()
        remind(TUESDAY_AFTER)
        with CaptureQueriesContext(connection) as ctx:
            remind(TUESDAY_AFTER)
        self.assertFalse(any("INSERT" in q["sql"] for q in ctx.captured_queries))
        self.assertLessEqual(len(ctx.captured_queries), 4)

    def test_the_sweep_catches_up_after_eight_but_sends_nothing_at_night(self):
        self.appeal()
        bishkek = ZoneInfo("Asia/Bishkek")
        night = datetime.datetime(2025, 10, 10, 3, 0, tzinfo=bishkek)
        morning = datetime.datetime(2025, 10, 10, 8, 5, tzinfo=bishkek)
        with mock.patch("django.utils.timezone.localtime", return_value=night):
            sweep.call_local()
        self.assertFalse(self.kinds(self.aida, Notice.DUE_TOMORROW).exists())
        with mock.patch("django.utils.timezone.localtime", return_value=morning):
            sweep.call_local()
            sweep.call_local()
        self.assertEqual(self.kinds(self.aida, Notice.DUE_TOMORROW).count(), 1)

    def test_the_daily_run_is_at_seven_in_the_morning_in_bishkek(self):
        # huey compares crontabs with UTC; Bishkek is UTC+6.
        task = remind_daily.s()
        self.assertTrue(task.validate_datetime(datetime.datetime(2025, 10, 10, 1, 0)))
        self.assertFalse(task.validate_datetime(datetime.datetime(2025, 10, 10, 7, 0)))


class DigestTests(ReminderTestCase):
    def test_the_digest_goes_only_on_the_review_day_to_every_staff_member(self):
        remind(FRIDAY)
        self.assertFalse(Notice.objects.filter(kind=Notice.DIGEST).exists())
        remind(SATURDAY)
        for user in (self.aida, self.bolot, self.dana):
            notice = self.kinds(user, Notice.DIGEST).get()
            self.assertEqual((notice.school, notice.appeal), (self.school, None))
        self.assertEqual(self.kinds(self.chyngyz, Notice.DIGEST).get().school, self.other_school)

    def test_the_digest_follows_the_schools_own_review_day(self):
        self.other_school.review_weekday = 0  # Monday
        self.other_school.save()
        remind(SATURDAY)
        self.assertFalse(self.kinds(self.chyngyz, Notice.DIGEST).exists())
        remind(DUE_MONDAY)
        self.assertTrue(self.kinds(self.chyngyz, Notice.DIGEST).exists())
        self.assertEqual(Notice.objects.filter(user=self.aida, kind=Notice.DIGEST).count(), 1)

    def test_the_digest_gives_the_weeks_figures_but_no_appeal_text(self):
        this_week = self.appeal()  # open, due Monday 13
        answered = self.appeal(received_on=datetime.date(2025, 10, 8))
        Appeal.objects.filter(pk=answered.pk).update(status=Appeal.ANSWERED, answered_on=FRIDAY)
        late = self.appeal(received_on=datetime.date(2025, 9, 22))  # due 29 Sept: overdue
        urgent = self.appeal(received_on=THURSDAY, text=URGENT_TEXT)
        self.assertEqual(urgent.urgency, Appeal.URGENT)
        self.appeal(received_on=SATURDAY)  # counts in next week's digest
        self.appeal(received_on=datetime.date(2025, 10, 3))  # last week's: due 10 Oct, overdue
        with LocalSMTP() as smtp, override_settings(**smtp.settings()):
            remind(SATURDAY)
            digests = [m for m in smtp.texts() if "11.10.2025" in m[2]]
        self.assertEqual(len(digests), 1)
        rcpt, subject, body = digests[0]
        self.assertEqual(rcpt, ["aida@example.org"])
        # Received in the 7 days before the review day, open, overdue, urgent unanswered.
        self.assertEqual(re.findall(r": (\d+)\r?$", body, re.MULTILINE), ["3", "5", "2", "1"])
        self.assertIn("/staff/", body)
        for appeal in (this_week, answered, late, urgent):
            self.assertNotIn(appeal.tag, subject + body)
        self.assertNotIn("шылдыңдашат", body)
        self.assertNotIn("жашагым", body)

    def test_the_digest_is_sent_once_however_often_the_day_is_run(self):
        with LocalSMTP() as smtp, override_settings(**smtp.settings()):
            remind(SATURDAY)
            remind(SATURDAY)
            self.assertEqual(len(smtp.messages), 1)  # only Aida has an e-mail address
        self.assertEqual(self.kinds(self.aida, Notice.DIGEST).count(), 1)


class MailOutageTests(ReminderTestCase):
    def test_a_failing_mail_server_loses_no_reminder(self):
        appeal = self.appeal()
        down = mail_server_down()
        with override_settings(**down):
            remind(FRIDAY)
        mail = OutgoingMail.objects.get()
        self.assertIsNone(mail.sent_at)
        self.assertEqual(mail.attempts, 1)
        self.assertTrue(self.kinds(self.aida, Notice.DUE_TOMORROW).exists())
        # After the mail's back-off (a minute); the clock is otherwise real: the sweep may add
        # today's own reminders.
        later = timezone.now() + datetime.timedelta(minutes=2)
        with (
            LocalSMTP() as smtp,
            override_settings(**smtp.settings()),
            mock.patch("django.utils.timezone.now", return_value=later),
        ):
            sweep.call_local()
            subjects = [subject for _rcpt, subject, _body in smtp.texts()]
        mail.refresh_from_db()
        self.assertIsNotNone(mail.sent_at)
        self.assertIn(mail.subject, subjects)
        self.assertIn(appeal.tag, mail.subject)

    def test_after_the_first_failure_the_rest_wait_in_the_outbox_for_the_sweep(self):
        self.dana.email = "dana@example.org"
        self.dana.save()
        self.appeal()
        down = mail_server_down()
        with override_settings(**down):
            remind(TUESDAY_AFTER)
        self.assertEqual(OutgoingMail.objects.filter(sent_at__isnull=True).count(), 2)
        self.assertEqual(sorted(OutgoingMail.objects.values_list("attempts", flat=True)), [0, 1])
