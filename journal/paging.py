"""The journal's order at any size, without sorting the school year for every page.

The journal shows open urgent letters first, then every letter newest first. Written as one
ORDER BY CASE ... the database must read and sort every letter of the year (100,000 at
national scale) to show fifty. Split in two, each part walks an index in order and stops at
the page: the open urgent letters (a handful; index on school, urgency, status) and the rest
newest first (index on school, received_on, id). Only the page's ids are read this way; the
page's rows are then fetched by id, with what the page needs, in a fixed number of queries.
"""

from functools import cached_property

from django.db.models import Q

from journal.models import Appeal

URGENT_OPEN = Q(status__in=Appeal.OPEN_STATUSES, urgency=Appeal.URGENT)
NEWEST_FIRST = ("-received_on", "-id")


class UrgentFirst:
    """A sequence for Paginator: count() and slices, the urgent open letters first."""

    def __init__(self, appeals, first=URGENT_OPEN, cap=None, count=None):
        # `count`: a cheaper way to the same exact count (the journal's: every letter of the
        # year, read from an index, minus the few folded into the flood line).
        self.counter = count
        # `cap`: count at most this many (+1, so "more than cap" can be told). A search for a
        # word in every letter would otherwise count 100,000 matches for the pager alone.
        self.cap = cap
        # `first`: the journal passes URGENT_OPEN minus the letters kept from the reader, whose
        # place in the list must not tell that they are urgent (finding 7).
        self.appeals = appeals.order_by(*NEWEST_FIRST)
        self.urgent = self.appeals.filter(first)
        self.rest = self.appeals.exclude(first)

    @cached_property
    def urgent_count(self):
        return self.urgent.count()

    @cached_property
    def _count(self):
        if self.cap is None:
            return self.counter() if self.counter else self.appeals.count()
        # COUNT over a LIMITed subquery: the database stops at cap + 1 rows.
        return self.appeals.order_by()[: self.cap + 1].count()

    @property
    def capped(self):
        """True when there are more than `cap` letters: the count shown is "more than cap"."""
        return self.cap is not None and self._count > self.cap

    def count(self):
        return min(self._count, self.cap) if self.capped else self._count

    def __len__(self):
        return self.count()

    def __getitem__(self, item):
        if not isinstance(item, slice):
            return self[item : item + 1][0]
        start, stop = item.start or 0, item.stop
        n = self.urgent_count
        ids = []
        if start < n:
            ids += self.urgent.values_list("pk", flat=True)[start : min(stop, n)]
        if stop > n:
            ids += self.rest.values_list("pk", flat=True)[max(start - n, 0) : stop - n]
        if not ids:
            return []
        rows = {a.pk: a for a in self.appeals.filter(pk__in=ids)}
        return [rows[pk] for pk in ids if pk in rows]
