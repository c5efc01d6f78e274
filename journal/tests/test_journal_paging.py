"""The journal at any size: its order walks indexes, its queries do not grow with the page."""

import datetime
from unittest import mock

from django.db import connection
from django.test.utils import CaptureQueriesContext

from ishenim.testing import BaseTestCase
from journal.models import Appeal


class JournalPagingTests(BaseTestCase):
    url = "/staff/"

    def letters(self, n, urgent=()):
        appeals = [self.submit(f"Кат {i}")[0] for i in range(n)]
        for i, a in enumerate(appeals):
            Appeal.objects.filter(pk=a.pk).update(
                received_on=datetime.date(2026, 9, 1) + datetime.timedelta(days=i // 2),
                urgency=Appeal.URGENT if i in urgent else Appeal.NORMAL,
            )
        return appeals

    def rows(self, **params):
        return [r["appeal"].pk for r in self.client.get(self.url, params).context["rows"]]

    def test_the_query_count_does_not_grow_with_the_page_size(self):
        self.letters(30, urgent={3})
        self.login()
        with mock.patch("journal.views.PAGE_SIZE", 5):
            with CaptureQueriesContext(connection) as small:
                self.assertEqual(len(self.rows()), 5)
        with mock.patch("journal.views.PAGE_SIZE", 25):
            with self.assertNumQueries(len(small.captured_queries)):
                self.assertEqual(len(self.rows()), 25)

    def test_open_urgent_letters_come_first_then_the_newest(self):
        appeals = self.letters(7, urgent={1, 4})
        Appeal.objects.filter(pk=appeals[4].pk).update(status=Appeal.CLOSED)
        self.login()
        newest_first = sorted(
            appeals, key=lambda a: (Appeal.objects.get(pk=a.pk).received_on, a.pk), reverse=True
        )
        expected = [appeals[1].pk] + [a.pk for a in newest_first if a.pk != appeals[1].pk]
        self.assertEqual(self.rows(), expected)

    def test_pages_follow_on_without_gaps_or_repeats(self):
        self.letters(12, urgent={0, 5, 9})
        self.login()
        with mock.patch("journal.views.PAGE_SIZE", 5):
            whole = self.rows() + self.rows(page=2) + self.rows(page=3)
            self.assertEqual(len(whole), 12)
            self.assertEqual(len(set(whole)), 12)
            self.assertEqual(self.client.get(self.url).context["page"].paginator.count, 12)

    def test_a_letter_kept_from_a_member_is_only_a_number_in_their_journal(self):
        a, b = self.letters(2)
        a.excluded_staff.add(self.aida)
        self.login()
        # Finding 7: the journal stays gapless; the kept row carries its number and dates only.
        rows = self.client.get(self.url).context["rows"]
        self.assertEqual(sorted(r["appeal"].pk for r in rows), sorted([a.pk, b.pk]))
        kept = next(r for r in rows if r["appeal"].pk == a.pk)
        self.assertTrue(kept["kept"])
        self.assertFalse(kept["readable"])
        self.assertEqual(list(Appeal.objects.for_user(self.aida)), [b])
