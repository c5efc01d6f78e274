from board.models import BoardPost
from ishenim.testing import BaseTestCase


class AccessTests(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.appeal, _ = self.submit()
        self.url = f"/staff/appeals/{self.appeal.pk}/board/"
        self.data = {"kind": "answer", "question": "Суроо", "answer": "Жооп"}

    def test_login_is_required(self):
        r = self.client.get(self.url)
        self.assertEqual(r.status_code, 302)
        self.assertIn("/staff/login/", r["Location"])

    def test_outsider_gets_404(self):
        self.login("chyngyz")
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.assertEqual(self.client.post(self.url, self.data).status_code, 404)
        self.assertFalse(BoardPost.objects.exists())

    def test_director_gets_404(self):
        self.login("dana")
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.assertEqual(self.client.post(self.url, self.data).status_code, 404)
        self.assertFalse(BoardPost.objects.exists())

    def test_staff_excluded_by_the_author_gets_404(self):
        appeal, _ = self.submit()
        appeal.excluded_staff.add(self.aida)
        self.login("aida")
        self.assertEqual(self.client.get(f"/staff/appeals/{appeal.pk}/board/").status_code, 404)

    def test_outsider_cannot_withdraw(self):
        post = BoardPost.objects.create(
            school=self.school,
            appeal=self.appeal,
            kind="answer",
            question="Суроо",
            answer="Жооп",
            published_by=self.aida,
        )
        self.login("chyngyz")
        r = self.client.post(f"{self.url}{post.pk}/withdraw/")
        self.assertEqual(r.status_code, 404)
        post.refresh_from_db()
        self.assertIsNone(post.withdrawn_at)
