"""The outbox never gives up during an outage: a capped back-off, 7 days of retries, a lease so
that nothing is sent twice, and the row kept (and counted) when it is finally given up."""

import datetime
import itertools

from django.core import mail as django_mail
from django.test import override_settings

from ishenim.testing import BaseTestCase
from notify.channels import Alert, alert
from notify.models import BACKOFF_MINUTES, LEASE, RETRY_DAYS, OutgoingMail, backoff
from notify.outage import mail_outage
from notify.tasks import (
    deliver,
    message_for,
    outbox_sweep,
    queue_mail,
    send_outbox,
    telegram_poll,
)
from notify.tests.helpers import FAILING_MAIL, Clock

LOCMEM = {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}


def a_mail(key="digest:1:2026-11-10:1"):
    return queue_mail(key, "aida@example.org", "Ishenim", "Open Ishenim.")


class BackoffScheduleTests(BaseTestCase):
    def test_the_wait_doubles_from_one_minute_and_stops_at_thirty(self):
        waits = [backoff(n) // datetime.timedelta(minutes=1) for n in range(1, 10)]
        self.assertEqual(waits, [1, 2, 4, 8, 16, 30, 30, 30, 30])
        self.assertEqual(BACKOFF_MINUTES[-1], 30)

    def test_a_failed_mail_is_not_tried_again_before_its_wait_is_over(self):
        with Clock() as clock, override_settings(**FAILING_MAIL):
            mail = a_mail()
            mail.refresh_from_db()
            self.assertEqual((mail.attempts, mail.next_attempt_at), (1, clock.now + backoff(1)))
            clock.advance(seconds=59)
            send_outbox()
            self.assertEqual(OutgoingMail.objects.get().attempts, 1)
            clock.advance(seconds=1)
            send_outbox()
            mail.refresh_from_db()
            self.assertEqual((mail.attempts, mail.next_attempt_at), (2, clock.now + backoff(2)))

    def test_a_failing_mail_is_retried_for_seven_days_then_kept_as_given_up(self):
        with (
            Clock() as clock,
            override_settings(**FAILING_MAIL),
            self.assertLogs("notify.tasks", "WARNING"),
        ):
            start = clock.now
            mail = a_mail()
            tries = [clock.now]
            while True:
                mail.refresh_from_db()
                if mail.failed_at:
                    break
                clock.now = mail.next_attempt_at
                send_outbox()
                tries.append(clock.now)
            minute = datetime.timedelta(minutes=1)
            gaps = [(b - a) // minute for a, b in itertools.pairwise(tries)]
            self.assertEqual(gaps[:7], [1, 2, 4, 8, 16, 30, 30])
            self.assertEqual(set(gaps[5:]), {30})
            self.assertGreaterEqual(mail.failed_at - start, datetime.timedelta(days=RETRY_DAYS))
            self.assertLess(mail.failed_at - start, datetime.timedelta(days=RETRY_DAYS, hours=1))
            self.assertEqual(mail.attempts, len(tries))
            # Kept, not deleted, never tried again, and counted on the health page.
            clock.advance(days=1)
            send_outbox()
            mail.refresh_from_db()
            self.assertEqual(mail.attempts, len(tries))
            self.assertIsNone(mail.sent_at)
            self.assertEqual(mail_outage().given_up, 1)
            self.assertEqual(mail_outage().waiting, 0)


class SweepScheduleTests(BaseTestCase):
    def test_the_outbox_and_the_bot_are_looked_at_every_minute(self):
        for task in (outbox_sweep, telegram_poll):
            for minute in (0, 1, 17, 59):
                at = datetime.datetime(2026, 11, 10, 3, minute)
                self.assertTrue(task.s().validate_datetime(at), (task.name, minute))


class LeaseTests(BaseTestCase):
    def test_a_mail_claimed_by_another_worker_is_not_sent_by_the_sweep(self):
        with Clock() as clock, override_settings(**FAILING_MAIL):
            mail = a_mail()
        with Clock(clock.now + backoff(1)) as clock, override_settings(**LOCMEM):
            mail.refresh_from_db()
            self.assertTrue(mail.claim(clock.now))  # another worker, killed after claiming
            self.assertFalse(mail.claim(clock.now))
            send_outbox()
            self.assertEqual(django_mail.outbox, [])
            # The lease runs out: the next sweep sends it, once.
            clock.advance(seconds=LEASE.total_seconds())
            send_outbox()
            send_outbox()
            self.assertEqual(len(django_mail.outbox), 1)
        mail.refresh_from_db()
        self.assertIsNotNone(mail.sent_at)
        self.assertIsNone(mail.locked_until)

    def test_the_delivery_after_commit_and_the_sweep_send_the_alert_once(self):
        with Clock(), override_settings(**LOCMEM):
            with self.captureOnCommitCallbacks(execute=False) as callbacks:
                alert(self.aida, Alert(key="urgent:1:w0", kind="urgent", subject="S", body="B"))
            send_outbox()  # the sweep gets there first
            for callback in callbacks:
                callback()  # then the delivery queued for after the commit runs
            send_outbox()
        self.assertEqual(len(django_mail.outbox), 1)

    def test_a_sent_mail_is_never_sent_again(self):
        with Clock() as clock, override_settings(**LOCMEM):
            mail = a_mail()
            self.assertEqual(len(django_mail.outbox), 1)
            OutgoingMail.objects.update(next_attempt_at=clock.now, locked_until=None)
            self.assertTrue(deliver(OutgoingMail.objects.get()))
            self.assertFalse(mail.claim(clock.now))
            clock.advance(days=1)
            send_outbox()
        self.assertEqual(len(django_mail.outbox), 1)

    def test_every_attempt_of_a_mail_carries_the_same_message_id(self):
        mail = OutgoingMail(key="urgent:7:w0:3", to="a@example.org", subject="S", body="B")
        again = OutgoingMail(key="urgent:7:w0:3", to="a@example.org", subject="S", body="B")
        self.assertEqual(
            message_for(mail).extra_headers["Message-ID"],
            message_for(again).extra_headers["Message-ID"],
        )
