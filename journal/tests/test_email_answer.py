from django.test import override_settings

from ishenim.testing import BaseTestCase, LocalSMTP, mail_server_down
from journal.models import Appeal, Message
from journal.work import register


class EmailAnswerTests(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.appeal, _ = self.submit(
            is_anonymous=False, identity={"name": "Улан Бейшеев", "email": "ulan@example.org"}
        )
        register(self.appeal, self.aida)  # answered only once it has a journal number
        self.url = f"/staff/appeals/{self.appeal.pk}/"
        self.login()

    def send(self, text="Кош келиңиз, сүйлөшөлү."):
        return self.client.post(
            self.url, {"action": "email", "mail-subject": "Жооп", "mail-text": text}
        )

    def test_the_answer_reaches_the_authors_mailbox(self):
        with LocalSMTP() as smtp, override_settings(**smtp.settings()):
            self.assertRedirects(self.send(), self.url)
            mails = smtp.texts()
        self.assertEqual(mails[0][0], ["ulan@example.org"])
        self.assertIn("Кош келиңиз", mails[0][2])
        self.appeal.refresh_from_db()
        self.assertIsNotNone(self.appeal.answered_on)
        self.assertIsNotNone(self.appeal.messages.get(channel=Message.EMAIL).delivered_at)

    def test_an_author_without_e_mail_gets_a_clear_error(self):
        anonymous, _ = self.submit()
        r = self.client.post(
            f"/staff/appeals/{anonymous.pk}/",
            {"action": "email", "mail-subject": "Жооп", "mail-text": "Салам"},
        )
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, 'role="alert"')
        self.assertEqual(anonymous.messages.count(), 1)

    def test_a_mail_server_outage_keeps_the_answer_to_send_again(self):
        down = mail_server_down()
        with override_settings(**down):
            self.send("Сакталган жооп")
        message = self.appeal.messages.get(channel=Message.EMAIL)
        self.assertIsNone(message.delivered_at)
        self.appeal.refresh_from_db()
        self.assertIsNone(self.appeal.answered_on)
        with LocalSMTP() as smtp, override_settings(**smtp.settings()):
            self.client.post(self.url, {"action": "resend"})
            self.assertIn("Сакталган жооп", smtp.texts()[0][2])
        message.refresh_from_db()
        self.assertIsNotNone(message.delivered_at)
        self.assertEqual(Appeal.objects.get(pk=self.appeal.pk).status, Appeal.ANSWERED)

    def test_an_empty_answer_is_refused(self):
        r = self.send("")
        self.assertContains(r, 'id="id_mail-text_error"')
