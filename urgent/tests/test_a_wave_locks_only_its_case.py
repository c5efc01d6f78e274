"""A wave locks its case row and nothing else. Locking the joined school row as well made the
worker deadlock with a confirmation's audit event under load on PostgreSQL (the audit chain's
lock held by one, the school row by the other)."""

import unittest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from urgent.tests.base import T0, LaneTestCase


class WaveLockTests(LaneTestCase):
    @unittest.skipUnless(connection.vendor == "postgresql", "row locks are PostgreSQL's")
    def test_a_wave_locks_only_the_case_row_not_its_school_or_letter(self):
        self.urgent_letter(at=T0)
        with CaptureQueriesContext(connection) as queries:
            self.tick(T0)
        locks = [
            q["sql"]
            for q in queries
            if "FOR UPDATE" in q["sql"] and "urgent_urgentcase" in q["sql"]
        ]
        self.assertTrue(locks)
        for sql in locks:
            self.assertIn('FOR UPDATE OF "urgent_urgentcase"', sql)
