"""A staff member links their Telegram chat with a one-time code sent to the bot, and can unlink
it. Reused, expired and guessed codes are refused, and a chat that guesses is silenced."""

from django.test import override_settings

from ishenim.testing import BaseTestCase
from notify import telegram
from notify.channels import Alert, alert
from notify.models import ChannelState, TelegramCode, TelegramLink, TelegramMessage
from notify.tests.helpers import Clock, FakeBotAPI, link_telegram

CHAT = 777001
STRANGER = 666002


class TelegramTestCase(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.bot = FakeBotAPI().__enter__()
        self.addCleanup(self.bot.__exit__)
        settings = override_settings(**self.bot.settings())
        settings.enable()
        self.addCleanup(settings.disable)
        self.clock = Clock().__enter__()
        self.addCleanup(self.clock.__exit__)

    def get_code(self, username="aida"):
        self.login(username)
        self.client.cookies["lang"] = "en"  # the page's words below are the English source
        r = self.client.post("/staff/telegram/", {"action": "code"})
        self.assertEqual(r.status_code, 200)
        return r.context["code"]

    def poll(self):
        with self.captureOnCommitCallbacks(execute=True):
            telegram.poll()

    def replies(self, chat=CHAT):
        return self.bot.sent_to(chat)


class LinkTests(TelegramTestCase):
    def test_a_staff_member_links_their_chat_with_the_code(self):
        code = self.get_code()
        self.assertGreaterEqual(len(code), 8)
        self.assertContains(self.client.get("/staff/telegram/"), "IshenimTestBot")
        self.bot.write(CHAT, f"/start {code}")
        self.poll()
        self.assertEqual(TelegramLink.objects.get(user=self.aida).chat_id, CHAT)
        self.assertEqual(len(self.replies()), 1)
        self.assertIn("Ишеним: этот чат подключён", self.replies()[0])
        self.assertContains(self.client.get("/staff/telegram/"), "Stop alerts in Telegram")

    def test_the_code_is_stored_only_as_a_hash(self):
        code = self.get_code()
        row = TelegramCode.objects.get(user=self.aida)
        self.assertNotIn(code, row.code_hash)
        self.assertNotIn(code.encode(), self.client.get("/staff/telegram/").content)

    def test_an_update_is_handled_once_across_polls(self):
        code = self.get_code()
        self.bot.write(CHAT, f"/start {code}")
        self.poll()
        self.poll()
        self.assertEqual(len(self.replies()), 1)
        cursor = ChannelState.objects.get(name=ChannelState.TELEGRAM).cursor
        self.assertEqual(cursor, self.bot.updates[-1]["update_id"] + 1)
        self.assertEqual(self.bot.calls[-1][2]["offset"], cursor)

    def test_a_group_chat_cannot_be_linked(self):
        code = self.get_code()
        self.bot.write(-100123, f"/start {code}", chat_type="group")
        self.poll()
        self.assertFalse(TelegramLink.objects.exists())
        self.assertEqual(self.bot.sent, [])

    def test_linked_staff_get_alerts_without_any_content(self):
        link_telegram(self.aida, CHAT)
        with self.captureOnCommitCallbacks(execute=True):
            used = alert(
                self.aida,
                Alert(key="urgent:9:w0", kind="urgent", subject="Secret", body="Secret body"),
            )
        self.assertEqual(used, ["in_app", "telegram", "email"])
        [text] = self.replies()
        self.assertNotIn("Secret", text)


class RefusedCodeTests(TelegramTestCase):
    def test_a_used_code_is_refused(self):
        code = self.get_code()
        self.bot.write(CHAT, f"/start {code}")
        self.bot.write(STRANGER, f"/start {code}")
        self.poll()
        self.assertEqual(TelegramLink.objects.get().chat_id, CHAT)
        self.assertEqual(len(self.replies(STRANGER)), 1)
        self.assertIn("этот код не подходит", self.replies(STRANGER)[0])

    def test_an_expired_code_is_refused(self):
        code = self.get_code()
        self.clock.advance(minutes=15, seconds=1)
        self.bot.write(CHAT, f"/start {code}")
        self.poll()
        self.assertFalse(TelegramLink.objects.exists())
        self.assertEqual(len(self.replies()), 1)

    def test_a_new_code_replaces_the_old_one(self):
        old = self.get_code()
        self.get_code()
        self.bot.write(CHAT, f"/start {old}")
        self.poll()
        self.assertFalse(TelegramLink.objects.exists())

    def test_a_guessed_code_is_refused(self):
        self.get_code()
        self.bot.write(CHAT, "/start ABCDEFGHJK")
        self.poll()
        self.assertFalse(TelegramLink.objects.exists())
        self.assertEqual(len(self.replies()), 1)

    def test_five_wrong_codes_in_an_hour_silence_the_chat_for_an_hour(self):
        code = self.get_code()
        for n in range(5):
            self.bot.write(CHAT, f"/start WRONG{n}")
        self.bot.write(CHAT, f"/start {code}")  # even the right code is ignored now
        self.poll()
        self.assertFalse(TelegramLink.objects.exists())
        self.assertEqual(len(self.replies()), 5)  # four refusals, then "too many"
        self.assertNotEqual(self.replies()[-1], self.replies()[0])
        # Another chat is not affected; after the hour this one may try again.
        self.clock.advance(hours=1, seconds=1)
        code = self.get_code()
        self.bot.write(CHAT, f"/start {code}")
        self.poll()
        self.assertEqual(TelegramLink.objects.get().chat_id, CHAT)

    def test_start_without_a_code_explains_and_counts_nothing(self):
        self.bot.write(CHAT, "/start")
        self.poll()
        self.assertEqual(len(self.replies()), 1)
        self.assertIn("/start", self.replies()[0])


class UnlinkTests(TelegramTestCase):
    def test_unlinking_stops_the_alerts_and_drops_what_was_queued(self):
        link_telegram(self.aida, CHAT)
        self.bot.down = True
        with self.assertLogs("notify", "WARNING"), self.captureOnCommitCallbacks(execute=True):
            alert(self.aida, Alert(key="urgent:9:w0", kind="urgent", subject="S", body="B"))
        self.assertEqual(TelegramMessage.objects.count(), 1)
        self.login()
        self.client.cookies["lang"] = "en"
        r = self.client.post("/staff/telegram/", {"action": "unlink"})
        self.assertContains(r, "Get a link code")
        self.assertFalse(TelegramLink.objects.exists())
        self.assertFalse(TelegramMessage.objects.exists())
        self.bot.down = False
        alert(self.aida, Alert(key="urgent:9:w1", kind="urgent", subject="S", body="B"))
        self.assertFalse(TelegramMessage.objects.exists())

    def test_one_cannot_unlink_someone_else(self):
        link_telegram(self.aida, CHAT)
        self.login("chyngyz")
        self.client.post("/staff/telegram/", {"action": "unlink"})
        self.assertTrue(TelegramLink.objects.filter(user=self.aida).exists())


class PageTests(BaseTestCase):
    def test_the_page_says_when_telegram_is_off(self):
        self.login()
        self.client.cookies["lang"] = "ru"
        r = self.client.get("/staff/telegram/")
        self.assertContains(r, "Уведомления в Telegram на этом сервере не настроены")
        r = self.client.post("/staff/telegram/", {"action": "code"})
        self.assertIsNone(r.context["code"])
        self.assertFalse(TelegramCode.objects.exists())

    def test_it_needs_a_login(self):
        r = self.client.get("/staff/telegram/")
        self.assertEqual(r.status_code, 302)
        self.assertIn("/staff/login/", r["Location"])
