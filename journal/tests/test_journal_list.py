import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from ishenim.testing import BaseTestCase
from journal.models import Appeal
from journal.work import register


class JournalListTests(BaseTestCase):
    url = "/staff/"

    def test_it_shows_the_seven_fields(self):
        appeal, _ = self.submit(
            "Мени шылдыңдашат",
            is_anonymous=False,
            identity={"name": "Асел Мамытова", "age": 13, "phone": "0700"},
        )
        register(appeal, self.aida, summary="Шылдыңдоо тууралуу")
        self.login()
        r = self.client.get(self.url)
        for text in ("Асел Мамытова, 13", "0700", "Шылдыңдоо тууралуу", ">1</a>"):
            self.assertContains(r, text)

    def test_filters_by_status_and_channel(self):
        a, _ = self.submit("Биринчи")
        self.submit("Экинчи")
        register(a, self.aida)
        self.login()
        rows = self.client.get(self.url, {"status": "registered"}).context["rows"]
        self.assertEqual([r["appeal"] for r in rows], [a])
        self.assertEqual(len(self.client.get(self.url, {"channel": "paper"}).context["rows"]), 0)

    def test_overdue_filter(self):
        late, _ = self.submit("Кечиккен")
        Appeal.objects.filter(pk=late.pk).update(due_on=datetime.date(2026, 1, 5))
        self.submit("Жаңы")
        self.login()
        rows = self.client.get(self.url, {"overdue": "on"}).context["rows"]
        self.assertEqual([r["appeal"].pk for r in rows], [late.pk])
        self.assertEqual(rows[0]["deadline"], "overdue")

    def test_search_finds_words_inside_sealed_letters(self):
        self.submit("Сумкамды ыргытып салышты")
        self.submit("Ашкана жөнүндө сунуш")
        self.login()
        rows = self.client.get(self.url, {"q": "АШКАНА"}).context["rows"]
        self.assertEqual(len(rows), 1)

    def test_outsider_sees_no_appeal_of_another_school(self):
        self.submit("Купуя")
        self.login("chyngyz")
        self.assertEqual(len(self.client.get(self.url).context["rows"]), 0)

    def test_the_director_sees_deadlines_but_no_text(self):
        self.submit("Директор окубасын")
        self.login("dana")
        r = self.client.get(self.url)
        self.assertEqual(len(r.context["rows"]), 1)
        self.assertNotContains(r, "Директор окубасын")

    def test_queries_do_not_grow_with_the_page_size(self):
        self.login()

        def count(n):
            while Appeal.objects.count() < n:
                register(self.submit("Кат")[0], self.aida, summary="кыскача")
            with CaptureQueriesContext(connection) as ctx:
                self.assertEqual(len(self.client.get(self.url).context["rows"]), n)
            return len(ctx.captured_queries)

        self.assertEqual(count(3), count(30))

    def test_bad_filter_values_are_ignored_not_a_500(self):
        self.login()
        r = self.client.get(self.url, {"date_from": "not-a-date", "status": "nonsense"})
        self.assertEqual(r.status_code, 200)
