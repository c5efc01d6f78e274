"""An answer published on the board also shows in the author's conversation, sealed to the
author's key like every staff message, so the child who comes back with the code reads it."""

import vault
from board.models import BoardPost
from ishenim.testing import BaseTestCase
from journal.models import Message
from journal.work import register

ANSWER = "Сиз жалгыз эмессиз. Социалдык педагогго келиңиз."


class BoardAnswerInConversationTests(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.appeal, self.code = self.submit()
        register(self.appeal, self.aida)
        self.login("aida")

    def publish(self, **data):
        data = {"kind": "answer", "question": "Мени шылдыңдашат.", "answer": ANSWER, **data}
        return self.client.post(f"/staff/appeals/{self.appeal.pk}/board/", data)

    def author_page(self):
        author = self.client_class()
        author.post("/s/demo/check/", {"code": self.code})
        return author.get("/s/demo/conversation/")

    def test_a_board_answer_shows_in_the_authors_conversation(self):
        self.publish()
        page = self.author_page()
        self.assertContains(page, ANSWER)
        self.assertContains(page, "стендде")  # "the school answered on the board"

    def test_it_is_sealed_to_the_authors_key(self):
        self.publish()
        message = Message.objects.get(channel=Message.BOARD)
        self.assertNotIn(ANSWER.encode(), bytes(message.body_for_author))
        author = vault.author_key(self.code, self.school.receipt_salt)
        self.assertEqual(vault.open_text(author.private_key, message.body_for_author), ANSWER)
        self.assertEqual(BoardPost.objects.get().message, message)

    def test_an_invitation_shows_who_waits(self):
        self.publish(kind="invitation", person="12-кабинет, дүйшөмбү 14:00")
        page = self.author_page()
        self.assertContains(page, "12-кабинет, дүйшөмбү 14:00")

    def test_the_staff_page_shows_the_answer_went_on_the_board(self):
        self.publish()
        r = self.client.get(f"/staff/appeals/{self.appeal.pk}/")
        self.assertContains(r, "стендде")

    def test_a_double_submit_adds_one_message(self):
        self.publish()
        self.publish()
        self.assertEqual(Message.objects.filter(channel=Message.BOARD).count(), 1)
