from django.utils import timezone

from audit.models import Event
from board.models import BoardPost
from ishenim.testing import BaseTestCase
from journal.models import Appeal
from journal.work import register


class PublishTests(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.appeal, self.code = self.submit()
        register(self.appeal, self.aida)  # answered only once it has a journal number
        self.url = f"/staff/appeals/{self.appeal.pk}/board/"

    def post(self, **data):
        return self.client.post(self.url, {"kind": "answer", **data})

    def test_the_page_reminds_to_remove_what_identifies_the_child(self):
        self.login("aida")
        r = self.client.get(self.url)
        self.assertContains(r, self.appeal.tag)
        self.assertContains(r, 'name="kind"')
        self.assertContains(r, 'type="radio"')
        self.assertContains(
            r, "баланы тааный турган"
        )  # Kyrgyz: "by which the child could be recognised"
        self.assertEqual(r.content.count(b"<h1"), 1)

    def test_publishing_an_answer_fills_the_journal_and_the_audit(self):
        self.login("aida")
        r = self.post(
            question="Мени класста шылдыңдашат. Эмне кылам?",
            answer="Сен жалгыз эмессиң. Социалдык педагогго кел.",
        )
        self.assertRedirects(r, self.url)
        post = BoardPost.objects.get()
        self.assertEqual(
            (post.school, post.kind, post.published_by), (self.school, "answer", self.aida)
        )
        self.appeal.refresh_from_db()
        self.assertEqual(self.appeal.answered_on, timezone.localdate())
        self.assertEqual(self.appeal.status, Appeal.ANSWERED)
        self.assertTrue(
            Event.objects.filter(
                action="board_publish", appeal=self.appeal, actor=self.aida
            ).exists()
        )
        self.assertTrue(
            Event.objects.filter(
                action="answer", appeal=self.appeal, detail__channel="board"
            ).exists()
        )

    def test_a_commission_member_may_publish(self):
        self.login("bolot")
        self.post(question="Суроо", answer="Жооп")
        self.assertEqual(BoardPost.objects.get().published_by, self.bolot)

    def test_it_rejects_an_empty_question_and_keeps_the_answer(self):
        self.login("aida")
        r = self.post(question="   ", answer="Сен жалгыз эмессиң.")
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, 'id="id_question_error"')
        self.assertContains(r, "Сен жалгыз эмессиң.")
        self.assertFalse(BoardPost.objects.exists())
        self.appeal.refresh_from_db()
        self.assertIsNone(self.appeal.answered_on)
        self.assertFalse(Event.objects.filter(action="board_publish").exists())

    def test_it_rejects_an_empty_answer_and_keeps_the_question(self):
        self.login("aida")
        r = self.post(question="Эмне кылам?", answer="")
        self.assertContains(r, 'id="id_answer_error"')
        self.assertContains(r, "Эмне кылам?")
        self.assertFalse(BoardPost.objects.exists())

    def test_it_rejects_an_invitation_without_a_person(self):
        self.login("aida")
        r = self.client.post(self.url, {"kind": "invitation", "person": " "})
        self.assertContains(r, 'id="id_person_error"')
        self.assertFalse(BoardPost.objects.exists())

    def test_an_invitation_needs_no_question(self):
        self.login("aida")
        self.client.post(
            self.url,
            {
                "kind": "invitation",
                "question": "ignored",
                "person": "Социалдык педагог, 12-кабинет, дүйшөмбү 14:00",
            },
        )
        post = BoardPost.objects.get()
        self.assertEqual((post.kind, post.question), ("invitation", ""))
        self.assertTrue(post.person.startswith("Социалдык педагог"))

    def test_it_rejects_an_unknown_kind(self):
        self.login("aida")
        r = self.client.post(self.url, {"kind": "poster", "question": "a", "answer": "b"})
        self.assertContains(r, 'id="id_kind_error"')
        self.assertFalse(BoardPost.objects.exists())

    def test_a_double_submit_publishes_once(self):
        self.login("aida")
        self.post(question="Суроо", answer="Жооп")
        self.post(question="Суроо", answer="Жооп")
        self.assertEqual(BoardPost.objects.count(), 1)

    def test_the_page_lists_the_appeals_posts(self):
        self.login("aida")
        self.post(question="Биринчи суроо", answer="Биринчи жооп")
        r = self.client.get(self.url)
        self.assertContains(r, "Биринчи жооп")
        self.assertContains(r, f"/board/{BoardPost.objects.get().pk}/withdraw/")
