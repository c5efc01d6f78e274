from audit.models import Event
from board.models import BoardPost
from ishenim.testing import BaseTestCase


class WithdrawTests(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.appeal, _ = self.submit()
        self.post = BoardPost.objects.create(
            school=self.school,
            appeal=self.appeal,
            kind="answer",
            question="Эмне кылам?",
            answer="Социалдык педагогго кел.",
            published_by=self.aida,
        )
        self.url = f"/staff/appeals/{self.appeal.pk}/board/{self.post.pk}/withdraw/"

    def test_withdraw_hides_it_from_the_public_board_and_is_audited(self):
        self.assertContains(self.client.get("/s/demo/board/"), "Социалдык педагогго кел.")
        self.login("aida")
        r = self.client.post(self.url)
        self.assertRedirects(r, f"/staff/appeals/{self.appeal.pk}/board/")
        self.post.refresh_from_db()
        self.assertIsNotNone(self.post.withdrawn_at)
        self.assertEqual(self.post.withdrawn_by, self.aida)
        self.assertTrue(
            Event.objects.filter(
                action="board_withdraw", appeal=self.appeal, actor=self.aida
            ).exists()
        )
        self.client.logout()
        r = self.client.get("/s/demo/board/")
        self.assertNotContains(r, "Социалдык педагогго кел.")
        self.assertNotContains(r, self.appeal.tag)

    def test_withdraw_is_post_only(self):
        self.login("aida")
        self.assertEqual(self.client.get(self.url).status_code, 405)
        self.post.refresh_from_db()
        self.assertIsNone(self.post.withdrawn_at)

    def test_withdrawing_twice_records_one_event(self):
        self.login("aida")
        self.client.post(self.url)
        self.client.post(self.url)
        self.assertEqual(Event.objects.filter(action="board_withdraw").count(), 1)

    def test_a_withdrawn_post_stays_listed_for_staff(self):
        self.login("aida")
        self.client.post(self.url)
        r = self.client.get(f"/staff/appeals/{self.appeal.pk}/board/")
        self.assertContains(r, "Социалдык педагогго кел.")
        self.assertNotContains(r, self.url)
