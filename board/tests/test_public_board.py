from datetime import timedelta

from django.test import override_settings
from django.utils import timezone

from board.models import BoardPost
from ishenim.testing import BaseTestCase


class PublicBoardTests(BaseTestCase):
    def publish(self, appeal=None, school=None, **fields):
        appeal = appeal or self.submit(school=school)[0]
        fields.setdefault("question", "Мени класста шылдыңдашат. Эмне кылам?")
        fields.setdefault("answer", "Сен жалгыз эмессиң.")
        return BoardPost.objects.create(
            school=appeal.school, appeal=appeal, published_by=self.aida, **fields
        )

    def test_it_shows_the_tag_question_and_answer_without_script(self):
        post = self.publish()
        r = self.client.get("/s/demo/board/")
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, f'<span class="tag">{post.appeal.tag}</span>', html=True)
        self.assertContains(r, "Мени класста шылдыңдашат. Эмне кылам?")
        self.assertContains(r, "Сен жалгыз эмессиң.")
        self.assertNotContains(r, "<script")
        self.assertEqual(r.content.count(b"<h1"), 1)
        self.assertContains(r, '<html lang="ky">')

    def test_it_links_to_the_pdf_and_back_to_the_school(self):
        r = self.client.get("/s/demo/board/")
        self.assertContains(r, 'href="/s/demo/board.pdf"')
        self.assertContains(r, 'href="/s/demo/"')

    def test_an_invitation_shows_the_tag_and_who_waits(self):
        post = self.publish(
            kind="invitation",
            question="",
            answer="",
            person="Нургүл Асанова, 12-кабинет, дүйшөмбү 14:00",
        )
        r = self.client.get("/s/demo/board/")
        self.assertContains(r, post.appeal.tag)
        self.assertContains(r, "Нургүл Асанова, 12-кабинет, дүйшөмбү 14:00")

    def test_an_empty_board_says_so(self):
        r = self.client.get("/s/demo/board/")
        self.assertContains(r, 'class="notice"')
        self.assertNotContains(r, 'class="tag"')

    def test_it_shows_only_this_schools_posts(self):
        other = self.publish(school=self.other_school, answer="Башка мектептин жообу")
        r = self.client.get("/s/demo/board/")
        self.assertNotContains(r, "Башка мектептин жообу")
        self.assertNotContains(r, other.appeal.tag)

    def test_the_letter_itself_is_never_on_the_board(self):
        appeal, _ = self.submit("Менин атым Айгүл, 7-Б класс, мени уруп жатышат.")
        self.publish(appeal=appeal, question="Мени мектепте уруп жатышат.")
        r = self.client.get("/s/demo/board/")
        self.assertNotContains(r, "Айгүл")

    @override_settings(BOARD_WEEKS=2)
    def test_old_posts_leave_the_board_after_board_weeks(self):
        old = self.publish(answer="Эски жооп")
        BoardPost.objects.filter(pk=old.pk).update(published_at=timezone.now() - timedelta(weeks=3))
        self.publish(answer="Жаңы жооп")
        r = self.client.get("/s/demo/board/")
        self.assertContains(r, "Жаңы жооп")
        self.assertNotContains(r, "Эски жооп")

    def test_newest_first(self):
        first = self.publish(answer="Биринчи")
        BoardPost.objects.filter(pk=first.pk).update(
            published_at=timezone.now() - timedelta(days=1)
        )
        self.publish(answer="Экинчи")
        content = self.client.get("/s/demo/board/").content.decode()
        self.assertLess(content.index("Экинчи"), content.index("Биринчи"))

    def test_an_unknown_school_is_a_404(self):
        self.assertEqual(self.client.get("/s/no-such-school/board/").status_code, 404)

    def test_it_speaks_russian_when_asked(self):
        self.client.post("/i18n/setlang/", {"language": "ru", "next": "/s/demo/board/"})
        r = self.client.get("/s/demo/board/")
        self.assertContains(r, '<html lang="ru">')
        self.assertContains(r, "Школа demo")
