from audit.models import Event
from ishenim.testing import BaseTestCase
from journal.models import Appeal
from journal.work import register


class AppealDetailTests(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.appeal, self.code = self.submit()
        self.url = f"/staff/appeals/{self.appeal.pk}/"

    def test_outsider_gets_404(self):
        self.login("chyngyz")
        self.assertEqual(self.client.get(self.url).status_code, 404)

    def test_director_gets_404_for_the_letter(self):
        self.login("dana")
        self.assertEqual(self.client.get(self.url).status_code, 404)

    def test_reading_is_audited(self):
        self.login("bolot")
        r = self.client.get(self.url)
        self.assertContains(r, "Мени класста")
        self.assertTrue(
            Event.objects.filter(
                action="appeal_read", appeal=self.appeal, actor=self.bolot
            ).exists()
        )

    def test_a_reply_reaches_the_author(self):
        register(self.appeal, self.aida)  # answered only once it has a journal number
        self.login("aida")
        r = self.client.post(
            self.url, {"action": "reply", "reply-text": "Эртең келиңиз.", "reply-to_author": "on"}
        )
        self.assertRedirects(r, self.url)
        self.appeal.refresh_from_db()
        self.assertEqual(self.appeal.status, Appeal.ANSWERED)
        author = self.client_class()
        author.post("/s/demo/check/", {"code": self.code})
        self.assertContains(author.get("/s/demo/conversation/"), "Эртең келиңиз.")

    def test_an_empty_reply_is_refused(self):
        self.login("aida")
        r = self.client.post(
            self.url, {"action": "reply", "reply-text": " ", "reply-to_author": "on"}
        )
        self.assertContains(r, 'id="id_reply-text_error"')
        self.assertEqual(self.appeal.messages.count(), 1)

    def test_an_internal_note_stays_internal(self):
        self.login("aida")
        self.client.post(self.url, {"action": "reply", "reply-text": "Ички эскертүү"})
        self.appeal.refresh_from_db()
        self.assertEqual(self.appeal.status, Appeal.NEW)
        self.assertIsNone(self.appeal.messages.last().body_for_author)

    def test_a_session_without_the_key_says_it_is_locked(self):
        self.client.force_login(self.aida)  # no password: the key was never unwrapped
        r = self.client.get(self.url)
        self.assertContains(r, 'class="alert"')
        self.assertNotContains(r, "Мени класста шылдыңдашат.")
