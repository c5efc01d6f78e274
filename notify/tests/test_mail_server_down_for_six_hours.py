"""The mail server is down for six hours while an urgent letter escalates and an ordinary
letter arrives; then it is back. Every alert reaches the (real, local) SMTP server once."""

import email

from django.test import override_settings

from ishenim.testing import BaseTestCase, LocalSMTP, mail_server_down
from journal.models import Appeal
from notify.models import OutgoingMail
from notify.outage import mail_outage
from notify.tasks import appeal_received, send_outbox
from notify.tests.helpers import T0, Clock
from urgent import ladder
from urgent import tasks as urgent_tasks
from urgent.models import UrgentCase


class SixHourOutageTests(BaseTestCase):
    def minute(self, clock):
        """What the worker does each minute: the urgent lane's tick and the outbox sweep."""
        with self.captureOnCommitCallbacks(execute=True):
            urgent_tasks.tick(now=clock.now)
        send_outbox()
        clock.advance(minutes=1)

    def test_every_alert_is_delivered_once_after_six_hours_down(self):
        self.school.urgent_alert_emails = "deputy@example.org"
        self.school.save()
        with Clock() as clock, self.assertLogs("notify.tasks", "WARNING"):
            with override_settings(**mail_server_down()):
                urgent, _code = self.submit("Үйдө мени урушат, коркуп жатам.")
                Appeal.objects.filter(pk=urgent.pk).update(urgency=Appeal.URGENT, created_at=T0)
                ordinary, _code = self.submit("Ашканага жаңы столдор керек.")
                appeal_received(ordinary.pk)
                for _minute in range(6 * 60):
                    self.minute(clock)
                outage = mail_outage()
                self.assertTrue(outage.failing)
                self.assertEqual(outage.since, T0)
                self.assertEqual(outage.waiting, OutgoingMail.objects.count())
                self.assertFalse(OutgoingMail.objects.filter(sent_at__isnull=False).exists())
            # Someone confirms from the in-app notice; the ladder stops; the server is back.
            ladder.acknowledge(UrgentCase.objects.get(appeal=urgent), self.aida, clock.now)
            with LocalSMTP() as smtp, override_settings(**smtp.settings()):
                for _minute in range(45):
                    self.minute(clock)
                envelopes = list(smtp.messages)

        rows = OutgoingMail.objects.all()
        self.assertGreater(rows.count(), 10)  # the waves of six hours, the extra contact, …
        self.assertFalse(rows.filter(sent_at__isnull=True).exists())
        self.assertFalse(mail_outage().failing)
        ids = [email.message_from_bytes(e.content)["Message-ID"] for e in envelopes]
        self.assertEqual(len(ids), rows.count())
        self.assertEqual(len(set(ids)), len(ids))
        self.assertTrue(rows.filter(key__startswith=f"new_appeal:{ordinary.pk}:").exists())
        to = sorted({r for e in envelopes for r in e.rcpt_tos})
        self.assertEqual(to, ["aida@example.org", "deputy@example.org"])
