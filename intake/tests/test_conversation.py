from ishenim.testing import BaseTestCase
from journal.models import Message
from journal.sealing import add_staff_message


class ConversationTests(BaseTestCase):
    def open_conversation(self):
        appeal, code = self.submit()
        self.client.post("/s/demo/check/", {"code": code})
        return appeal

    def test_the_author_does_not_see_internal_notes(self):
        appeal = self.open_conversation()
        add_staff_message(
            appeal, self.aida, "Ички эскертүү: класс жетекчиге айтуу", to_author=False
        )
        r = self.client.get("/s/demo/conversation/")
        self.assertNotContains(r, "Ички эскертүү")

    def test_the_author_writes_again(self):
        appeal = self.open_conversation()
        r = self.client.post("/s/demo/conversation/", {"text": "Дагы бир нерсе айтайын."})
        self.assertRedirects(r, "/s/demo/conversation/")
        self.assertEqual(appeal.messages.filter(sender=Message.AUTHOR).count(), 2)
        self.assertContains(self.client.get("/s/demo/conversation/"), "Дагы бир нерсе айтайын.")

    def test_an_empty_reply_is_refused(self):
        appeal = self.open_conversation()
        r = self.client.post("/s/demo/conversation/", {"text": ""})
        self.assertContains(r, 'id="id_text_error"')
        self.assertEqual(appeal.messages.count(), 1)

    def test_a_later_urgent_letter_raises_the_urgency(self):
        appeal = self.open_conversation()
        self.assertNotEqual(appeal.urgency, "urgent")
        self.client.post("/s/demo/conversation/", {"text": "Мен жашагым келбейт, өзүмдү өлтүрөм."})
        appeal.refresh_from_db()
        self.assertEqual(appeal.urgency, "urgent")

    def test_finishing_forgets_the_conversation(self):
        self.open_conversation()
        self.client.post("/s/demo/leave/")
        self.assertRedirects(self.client.get("/s/demo/conversation/"), "/s/demo/check/")
