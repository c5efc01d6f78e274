"""Issue 16: the journal page's queries are a fixed few, whatever the page size, the number of
notices a person has, or how many schools and key generations they hold; and what the cheaper
queries show is what the page showed before (exclusions, links, the flood line)."""

from unittest import mock

from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.menu import staff_menu
from accounts.models import Membership
from ishenim.testing import BaseTestCase
from journal.notices import panel
from notify.models import Notice
from schools.setup import add_staff


class JournalPageCostTests(BaseTestCase):
    def queries(self, **params):
        with CaptureQueriesContext(connection) as ctx:
            response = self.client.get("/staff/", params)
        self.assertEqual(response.status_code, 200)
        return len(ctx.captured_queries)

    def notices(self, n, start=0):
        appeal = self.submit("Кат.")[0]
        for i in range(start, start + n):
            kind = (
                Notice.URGENT_WAITING
                if i % 3 == 0
                else (Notice.DUE_TOMORROW, Notice.OVERDUE)[i % 2]
            )
            Notice.objects.create(
                user=self.aida, appeal=appeal, school=self.school, kind=kind, key=f"k{i}"
            )
        return appeal

    def test_the_journal_costs_the_same_queries_for_a_short_or_a_long_page(self):
        for i in range(12):
            self.submit(f"Кат {i}")
        self.login()
        self.queries()  # the worker's first page loads its caches
        with mock.patch("journal.views.PAGE_SIZE", 2):
            small = self.queries()
        with mock.patch("journal.views.PAGE_SIZE", 12):
            self.assertEqual(self.queries(), small)

    def test_the_journal_costs_the_same_queries_for_few_or_many_notices(self):
        self.notices(3)
        self.login()
        self.queries()
        few = self.queries()
        for _ in range(5):
            self.notices(12, start=100 + 12 * _)
        self.queries()  # the new letters enter the sealed search's index on first listing
        self.assertEqual(self.queries(), few)

    def test_the_notices_panel_is_three_queries_and_two_when_empty(self):
        with self.assertNumQueries(2):
            self.assertEqual(panel(self.aida), {"urgent": [], "groups": [], "more": 0})
        self.notices(9)
        with self.assertNumQueries(3):
            shown = panel(self.aida)
        self.assertEqual(len(shown["urgent"]), 3)
        self.assertEqual(len(shown["groups"]), 2)  # one letter, two kinds of reminder

    def test_the_panel_counts_the_groups_it_does_not_show(self):
        for i in range(23):
            appeal = self.submit(f"Кат {i}")[0]
            Notice.objects.create(
                user=self.aida, appeal=appeal, kind=Notice.OVERDUE, key=f"overdue:{i}"
            )
        shown = panel(self.aida)
        self.assertEqual((len(shown["groups"]), shown["more"]), (20, 3))

    def test_a_notice_links_its_letter_only_for_those_who_read_letters_there(self):
        appeal = self.notices(3)
        Notice.objects.create(user=self.dana, appeal=appeal, kind=Notice.OVERDUE, key="d")
        Notice.objects.create(user=self.dana, appeal=appeal, kind=Notice.UNREAD, key="d2")
        director = panel(self.dana)
        self.assertFalse(director["groups"][0]["notice"].can_open)
        self.assertFalse(director["urgent"][0].can_open)
        reader = panel(self.aida)
        self.assertTrue(all(n.can_open for n in reader["urgent"]))
        self.assertTrue(all(g["notice"].can_open for g in reader["groups"]))

    def test_a_notice_about_a_letter_kept_from_its_reader_is_not_shown(self):
        appeal = self.notices(6)
        appeal.excluded_staff.add(self.aida)
        self.assertEqual(panel(self.aida), {"urgent": [], "groups": [], "more": 0})

    def test_the_staff_menu_costs_the_same_queries_for_one_school_or_several(self):
        with CaptureQueriesContext(connection) as one:
            before = staff_menu(self.aida)
        add_staff(
            self.other_school,
            self.other_key,
            username="aida2",
            password="x" * 12,
            role=Membership.MEMBER,
        )
        Membership.objects.create(user=self.aida, school=self.other_school, role=Membership.ADMIN)
        with CaptureQueriesContext(connection) as two:
            after = staff_menu(self.aida)
        self.assertEqual(len(two.captured_queries), len(one.captured_queries))
        self.assertLess(len(before), len(after))  # the second school's pages are there
