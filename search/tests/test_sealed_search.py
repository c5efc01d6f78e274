from unittest import mock

from ishenim.testing import BaseTestCase
from journal.models import Appeal
from journal.sealing import add_author_message
from journal.work import register
from search import index
from search.models import IndexedLetter, Term
from vault.blind import index_key, token


class SealedSearchTests(BaseTestCase):
    url = "/staff/"

    def found(self, query, username="aida"):
        self.login(username)
        rows = self.client.get(self.url, {"q": query}).context["rows"]
        return [r["appeal"].pk for r in rows]

    def test_a_kyrgyz_stem_finds_the_word_with_other_suffixes(self):
        hit, _ = self.submit("Мени улам сабашат")
        self.submit("Ашкана жөнүндө сунуш")
        self.assertEqual(self.found("сабап"), [hit.pk])

    def test_a_russian_word_finds_its_other_forms(self):
        hit, _ = self.submit("Меня избили после уроков")
        self.submit("Предложение о столовой")
        self.assertEqual(self.found("избить"), [hit.pk])

    def test_every_word_of_the_query_must_be_in_the_letter(self):
        both, _ = self.submit("Ашкана кир, тамак суук")
        self.submit("Ашкана жакшы")
        self.assertEqual(self.found("ашкана суук"), [both.pk])
        self.assertEqual(self.found("жок-сөз"), [])

    def test_the_name_and_the_summary_are_searched_too(self):
        named, _ = self.submit(
            "Жардам бериңиз", is_anonymous=False, identity={"name": "Асел Мамытова"}
        )
        summed, _ = self.submit("Кат")
        register(summed, self.aida, summary="Тамак тууралуу")
        self.assertEqual(self.found("Мамытова"), [named.pk])
        self.assertEqual(self.found("тамак"), [summed.pk])

    def test_a_listed_letter_is_indexed_as_hashes_only(self):
        appeal, _ = self.submit("Сумкамды ыргытып салышты")
        self.login()
        self.client.get(self.url)
        self.assertTrue(IndexedLetter.objects.filter(appeal=appeal).exists())
        tokens = set(Term.objects.filter(appeal=appeal).values_list("token", flat=True))
        self.assertIn(token(index_key(self.key), "сумкамди"), tokens)
        # Another school's key gives other hashes for the same word.
        self.assertNotIn(token(index_key(self.other_key), "сумкамди"), tokens)

    def test_an_opened_letter_is_indexed(self):
        appeal, _ = self.submit("Купуя кат")
        self.login()
        self.client.get(f"/staff/appeals/{appeal.pk}/")
        self.assertTrue(IndexedLetter.objects.filter(appeal=appeal).exists())

    def test_letters_not_yet_indexed_are_scanned_and_then_indexed(self):
        appeal, _ = self.submit("Телефонумду алып коюшту")
        self.assertFalse(IndexedLetter.objects.exists())
        self.assertEqual(self.found("телефон"), [appeal.pk])
        self.assertTrue(IndexedLetter.objects.filter(appeal=appeal).exists())

    def test_once_indexed_a_search_opens_no_letter(self):
        hit, _ = self.submit("Ашкана кир")
        self.submit("Башка нерсе")
        index.index_letters(self.key, list(Appeal.objects.all()))
        with mock.patch("search.index.vault.open_text", side_effect=AssertionError):
            found = index.matching(Appeal.objects.all(), "ашкана", {self.school.pk: self.key})
            self.assertEqual([a.pk for a in found], [hit.pk])

    def test_a_later_letter_from_the_author_is_found(self):
        appeal, _ = self.submit("Биринчи кат")
        self.assertEqual(self.found("экинчи"), [])
        add_author_message(appeal, "Экинчи кат келди")
        self.assertFalse(IndexedLetter.objects.filter(appeal=appeal).exists())
        self.assertEqual(self.found("экинчи"), [appeal.pk])

    def test_a_changed_summary_is_found_and_the_old_one_is_not(self):
        appeal, _ = self.submit("Кат")
        register(appeal, self.aida, summary="Тамак тууралуу")
        self.assertEqual(self.found("тамак"), [appeal.pk])
        appeal.refresh_from_db()
        from journal.sealing import seal_field

        appeal.sealed_summary = seal_field(appeal, "Жол тууралуу")
        appeal.save()
        self.assertEqual(self.found("тамак"), [])
        self.assertEqual(self.found("жол"), [appeal.pk])

    def test_a_status_change_keeps_the_index(self):
        appeal, _ = self.submit("Кат")
        index.index_letters(self.key, [appeal])
        appeal.status = Appeal.REGISTERED if hasattr(Appeal, "REGISTERED") else "registered"
        appeal.save(update_fields=["status"])
        self.assertTrue(IndexedLetter.objects.filter(appeal=appeal).exists())

    def test_a_letter_indexed_under_an_earlier_key_is_scanned_again(self):
        appeal, _ = self.submit("Ашкана кир")
        index.index_letters(self.key, [appeal])
        IndexedLetter.objects.update(key_id=1)  # as if made with an earlier school key
        self.assertEqual(self.found("ашкана"), [appeal.pk])
        self.assertNotEqual(IndexedLetter.objects.get(appeal=appeal).key_id, 1)

    def test_scanning_opens_letters_a_chunk_at_a_time(self):
        for i in range(5):
            self.submit(f"Кат {i}")
        sizes = []
        real = index.index_letters

        def spy(key, appeals, force=False):
            sizes.append(len(appeals))
            return real(key, appeals, force)

        with mock.patch.object(index, "CHUNK", 2), mock.patch.object(index, "index_letters", spy):
            index.index_missing(Appeal.objects.all(), self.key, self.school.pk)
        self.assertEqual(sizes, [2, 2, 1])

    def test_a_letter_the_author_kept_from_a_member_answers_no_search_of_theirs(self):
        appeal, _ = self.submit("Ашкана кир")
        appeal.excluded_staff.add(self.bolot)
        self.assertEqual(self.found("ашкана"), [appeal.pk])  # indexed by Aida
        self.assertEqual(self.found("ашкана", "bolot"), [])

    def test_the_outsider_finds_nothing_of_another_school(self):
        self.submit("Ашкана кир")
        self.assertEqual(self.found("ашкана", "chyngyz"), [])

    def test_the_director_has_no_search(self):
        self.submit("Ашкана кир")
        self.login("dana")
        r = self.client.get(self.url, {"q": "ашкана"})
        self.assertNotIn("q", r.context["form"].fields)


class CappedCountTests(BaseTestCase):
    """A search counts its matches only up to a cap: a word in every letter must not count the
    whole school year for the pager."""

    def test_past_the_cap_the_journal_says_more_than(self):
        for i in range(4):
            self.submit(f"Ашкана кир {i}")
        self.login()
        with mock.patch("journal.views.SEARCH_COUNT_CAP", 3):
            r = self.client.get("/staff/", {"q": "ашкана"})
        self.assertEqual(r.context["more_than"], 3)
        self.assertEqual(r.context["page"].paginator.count, 3)
        self.assertContains(r, "3 кайрылуудан көп")  # Kyrgyz: "more than 3 appeals"

    def test_under_the_cap_the_count_is_exact(self):
        for i in range(3):
            self.submit(f"Ашкана кир {i}")
        self.login()
        with mock.patch("journal.views.SEARCH_COUNT_CAP", 3):
            r = self.client.get("/staff/", {"q": "ашкана"})
        self.assertIsNone(r.context["more_than"])
        self.assertEqual(r.context["page"].paginator.count, 3)
        self.assertEqual(len(r.context["rows"]), 3)

    def test_the_journal_without_a_search_counts_every_letter(self):
        for i in range(4):
            self.submit(f"Ашкана кир {i}")
        self.login()
        with mock.patch("journal.views.SEARCH_COUNT_CAP", 3):
            r = self.client.get("/staff/")
        self.assertIsNone(r.context["more_than"])
        self.assertEqual(r.context["page"].paginator.count, 4)
