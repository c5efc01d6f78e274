"""Issue 16: one school's audit writes never queue behind another's."""

import threading
import unittest

from django.db import connection, connections, transaction
from django.test import TransactionTestCase

from audit.models import record
from ishenim.testing import make_school


@unittest.skipUnless(connection.vendor == "postgresql", "SQLite has one writer anyway")
class SchoolsDoNotWaitOnEachOtherTests(TransactionTestCase):
    def setUp(self):
        self.school_a = make_school("a", "А мектеби")[0]
        self.school_b = make_school("b", "Б мектеби")[0]

    def _hold_chain(self, school, holding, release):
        try:
            with transaction.atomic():
                record("export", school=school)  # takes school's chain lock until commit
                holding.set()
                release.wait(10)
        finally:
            connections.close_all()

    def _write(self, school, done):
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL lock_timeout = '3s'")
                record("export", school=school)
            done.set()
        except Exception:  # noqa: BLE001 — a timeout leaves `done` unset, which the test reads
            pass
        finally:
            connections.close_all()

    def test_school_b_writes_while_school_a_holds_its_chain(self):
        holding, release, done = threading.Event(), threading.Event(), threading.Event()
        holder = threading.Thread(target=self._hold_chain, args=(self.school_a, holding, release))
        holder.start()
        self.assertTrue(holding.wait(10))
        writer = threading.Thread(target=self._write, args=(self.school_b, done))
        writer.start()
        writer.join(10)
        finished_while_held = done.is_set()
        release.set()
        holder.join(10)
        self.assertTrue(finished_while_held)

    def test_a_second_writer_of_the_same_school_waits(self):
        holding, release, done = threading.Event(), threading.Event(), threading.Event()
        holder = threading.Thread(target=self._hold_chain, args=(self.school_a, holding, release))
        holder.start()
        self.assertTrue(holding.wait(10))
        writer = threading.Thread(target=self._write, args=(self.school_a, done))
        writer.start()
        writer.join(1)
        waited = not done.is_set()
        release.set()
        writer.join(10)
        holder.join(10)
        self.assertTrue(waited)
        self.assertTrue(done.is_set())
