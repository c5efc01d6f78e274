"""While e-mail fails, an urgent alert still reaches the phone of a staff member who linked
Telegram — at once, not after the mail's retries. Checked against a local fake Bot API."""

from django.test import override_settings

from ishenim.testing import BaseTestCase
from journal.models import Appeal
from notify.models import ChannelState, OutgoingMail, TelegramMessage
from notify.tasks import send_outbox
from notify.tests.helpers import FAILING_MAIL, T0, Clock, FakeBotAPI, link_telegram
from urgent import tasks as urgent_tasks

TEXT = "Үйдө мени урушат, коркуп жатам."
CHAT = 4242


class TelegramWhileMailIsDownTests(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.bot = FakeBotAPI().__enter__()
        self.addCleanup(self.bot.__exit__)
        settings = override_settings(**self.bot.settings(), **FAILING_MAIL)
        settings.enable()
        self.addCleanup(settings.disable)
        self.clock = Clock().__enter__()
        self.addCleanup(self.clock.__exit__)
        link_telegram(self.aida, CHAT)

    def urgent_letter(self):
        appeal, _code = self.submit(TEXT)
        Appeal.objects.filter(pk=appeal.pk).update(urgency=Appeal.URGENT, created_at=T0)
        return appeal

    def tick(self):
        with self.captureOnCommitCallbacks(execute=True):
            urgent_tasks.tick(now=self.clock.now)

    def test_an_urgent_letter_reaches_a_linked_phone_at_once_while_mail_is_down(self):
        ChannelState.failed(ChannelState.EMAIL, T0)  # e-mail has been failing already
        self.urgent_letter()
        self.tick()
        texts = self.bot.sent_to(CHAT)
        self.assertEqual(len(texts), 1)
        self.assertIn("Ишеним: вас ждёт письмо", texts[0])
        self.assertIn("/staff/", texts[0])
        for word in ("урушат", self.school.name_ky, self.school.name_ru, "urgent"):
            self.assertNotIn(word, texts[0])
        # The mail waits in the outbox for the server.
        self.assertTrue(OutgoingMail.objects.filter(to="aida@example.org", sent_at=None).exists())

    def test_the_first_mail_failure_does_not_hold_back_telegram(self):
        self.urgent_letter()
        with self.assertLogs("notify.tasks", "WARNING"):
            self.tick()  # e-mail fails on its first try, in the same wave
        self.assertEqual(len(self.bot.sent_to(CHAT)), 1)
        self.assertEqual(OutgoingMail.objects.get(to="aida@example.org").attempts, 1)

    def test_a_repeated_ladder_step_sends_nothing_twice(self):
        self.urgent_letter()
        with self.assertLogs("notify.tasks", "WARNING"):
            self.tick()
            self.tick()
            send_outbox()
            self.assertEqual(len(self.bot.sent_to(CHAT)), 1)
            self.clock.advance(minutes=15)  # nobody confirmed: the next wave
            self.tick()
            self.tick()
        self.assertEqual(len(self.bot.sent_to(CHAT)), 2)

    def test_when_telegram_is_down_too_the_message_waits_and_goes_once(self):
        self.bot.down = True
        self.urgent_letter()
        with self.assertLogs("notify", "WARNING"):
            self.tick()
            message = TelegramMessage.objects.get()
            self.assertIsNone(message.sent_at)
            self.assertEqual(message.attempts, 1)
            self.bot.down = False
            send_outbox()  # its back-off is not over
            self.assertEqual(self.bot.sent, [])
            self.clock.advance(minutes=1)
            send_outbox()
            send_outbox()
        self.assertEqual(len(self.bot.sent_to(CHAT)), 1)

    def test_a_staff_member_without_telegram_gets_none(self):
        self.aida.telegram_link.delete()
        self.urgent_letter()
        with self.assertLogs("notify.tasks", "WARNING"):
            self.tick()
        self.assertEqual(self.bot.sent, [])
        self.assertFalse(TelegramMessage.objects.exists())
