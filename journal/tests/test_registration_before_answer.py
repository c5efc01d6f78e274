"""Regulation A, "Record keeping": a letter gets its journal number when it is registered and is
answered only after that, on every channel; the journal's "date of the answer" is the day the
answer was given."""

import datetime

from django.test import override_settings
from django.utils import timezone

from board.models import BoardPost
from ishenim.testing import BaseTestCase, LocalSMTP, mail_server_down
from journal.models import Appeal, Message
from journal.work import NotRegistered, mark_answered, register
from notify.tests.helpers import Clock

REFUSAL_KY = "Катталгандан кийин гана"  # the Kyrgyz refusal, in the staff member's language


class RegistrationBeforeAnswerTests(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.appeal, _ = self.submit(
            is_anonymous=False, identity={"name": "Улан Бейшеев", "email": "ulan@example.org"}
        )
        self.url = f"/staff/appeals/{self.appeal.pk}/"
        self.login()

    def assert_refused(self, response):
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'role="alert"')
        self.assertContains(response, REFUSAL_KY)
        appeal = Appeal.objects.get(pk=self.appeal.pk)
        self.assertIsNone(appeal.answered_on)
        self.assertIsNone(appeal.number)
        self.assertFalse(appeal.messages.filter(sender=Message.STAFF).exists())

    def test_an_unregistered_letter_cannot_be_answered_in_the_conversation(self):
        r = self.client.post(
            self.url, {"action": "reply", "reply-text": "Жооп", "reply-to_author": "on"}
        )
        self.assert_refused(r)
        self.assertContains(r, "Жооп</textarea>")  # what was typed is kept

    def test_an_internal_note_needs_no_number(self):
        r = self.client.post(self.url, {"action": "reply", "reply-text": "Эскертүү"})
        self.assertRedirects(r, self.url)

    def test_an_unregistered_letter_cannot_be_answered_by_e_mail(self):
        with LocalSMTP() as smtp, override_settings(**smtp.settings()):
            r = self.client.post(
                self.url, {"action": "email", "mail-subject": "Жооп", "mail-text": "Салам"}
            )
            self.assertEqual(smtp.texts(), [])
        self.assert_refused(r)

    def test_an_unregistered_letter_cannot_be_answered_in_person(self):
        r = self.client.post(
            self.url,
            {
                "action": "in_person",
                "talk-held_on": timezone.localdate().isoformat(),
                "talk-text": "Сүйлөштүк",
            },
        )
        self.assert_refused(r)

    def test_an_unregistered_letter_cannot_be_answered_on_the_board(self):
        r = self.client.post(
            f"{self.url}board/", {"kind": "answer", "question": "Суроо", "answer": "Жооп"}
        )
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, REFUSAL_KY)
        self.assertFalse(BoardPost.objects.exists())
        self.assertIsNone(Appeal.objects.get(pk=self.appeal.pk).answered_on)

    def test_the_refusal_is_in_russian_for_a_russian_speaking_member(self):
        self.client.cookies["lang"] = "ru"
        r = self.client.post(
            self.url,
            {"action": "reply", "reply-text": "Ответ", "reply-to_author": "on"},
            HTTP_ACCEPT_LANGUAGE="ru",
        )
        self.assertContains(r, "только после регистрации")

    def test_mark_answered_refuses_a_letter_without_a_number(self):
        with self.assertRaises(NotRegistered):
            mark_answered(self.appeal, self.aida, Message.CONVERSATION)

    def test_after_registration_the_answer_goes_out(self):
        register(self.appeal, self.aida)
        r = self.client.post(
            self.url, {"action": "reply", "reply-text": "Жооп", "reply-to_author": "on"}
        )
        self.assertRedirects(r, self.url)
        self.assertEqual(Appeal.objects.get(pk=self.appeal.pk).answered_on, timezone.localdate())


class DateOfTheAnswerTests(BaseTestCase):
    """The journal's sixth column holds the day the answer was given, with a controllable
    clock: the letter comes on a Tuesday and is answered on later days."""

    def setUp(self):
        super().setUp()
        self.clock = Clock()
        self.clock.__enter__()
        self.addCleanup(self.clock.__exit__)
        self.tuesday = timezone.localdate()
        self.appeal, _ = self.submit(
            is_anonymous=False, identity={"name": "Улан Бейшеев", "email": "ulan@example.org"}
        )
        register(self.appeal, self.aida)
        self.url = f"/staff/appeals/{self.appeal.pk}/"
        self.login()

    def advance(self, days):
        self.clock.advance(days=days)
        self.login()  # a staff session does not last for days

    def answered_on(self):
        return Appeal.objects.get(pk=self.appeal.pk).answered_on

    def talk(self, day, text="Бөлмөдө сүйлөштүк."):
        return self.client.post(
            self.url, {"action": "in_person", "talk-held_on": day.isoformat(), "talk-text": text}
        )

    def test_an_in_person_talk_records_the_talks_own_date(self):
        self.advance(3)  # entered on Friday, the talk was on Wednesday
        wednesday = self.tuesday + datetime.timedelta(days=1)
        self.assertRedirects(self.talk(wednesday), self.url)
        self.assertEqual(self.answered_on(), wednesday)

    def test_a_talk_in_the_future_is_refused(self):
        r = self.talk(self.tuesday + datetime.timedelta(days=1))
        self.assertContains(r, 'id="id_talk-held_on_error"')
        self.assertContains(r, "Бөлмөдө сүйлөштүк.")
        self.assertIsNone(self.answered_on())

    def test_a_talk_before_the_letter_came_is_refused(self):
        r = self.talk(self.tuesday - datetime.timedelta(days=1))
        self.assertContains(r, 'id="id_talk-held_on_error"')
        self.assertIsNone(self.answered_on())

    def test_a_talk_without_a_date_is_refused(self):
        r = self.client.post(self.url, {"action": "in_person", "talk-text": "Сүйлөштүк"})
        self.assertContains(r, 'id="id_talk-held_on_error"')
        self.assertIsNone(self.answered_on())

    def test_an_e_mail_answer_is_dated_the_day_it_was_sent(self):
        with override_settings(**mail_server_down()):
            self.client.post(
                self.url, {"action": "email", "mail-subject": "Жооп", "mail-text": "Салам"}
            )
        self.assertIsNone(self.answered_on())
        self.advance(2)
        with LocalSMTP() as smtp, override_settings(**smtp.settings()):
            self.client.post(self.url, {"action": "resend"})
            self.assertEqual(len(smtp.texts()), 1)
        self.assertEqual(self.answered_on(), self.tuesday + datetime.timedelta(days=2))

    def test_a_board_answer_is_dated_the_day_it_was_published(self):
        self.advance(1)
        self.client.post(
            f"{self.url}board/", {"kind": "answer", "question": "Суроо", "answer": "Жооп"}
        )
        self.assertEqual(self.answered_on(), self.tuesday + datetime.timedelta(days=1))


class TalkDateFieldTests(BaseTestCase):
    def test_the_talk_date_is_today_in_a_form_a_date_input_reads(self):
        appeal = register(self.submit()[0], self.aida)
        self.login()
        r = self.client.get(f"/staff/appeals/{appeal.pk}/")
        self.assertContains(r, f'name="talk-held_on" value="{timezone.localdate().isoformat()}"')
