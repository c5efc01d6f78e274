import threading

from django.db import close_old_connections, connection
from django.test import TransactionTestCase

from ishenim.testing import BaseTestCase, CastMixin
from journal.models import Appeal
from journal.work import register


class NumberingTests(BaseTestCase):
    def test_numbers_follow_registration_order(self):
        first, _ = self.submit()
        second, _ = self.submit()
        self.assertEqual(register(second, self.aida).number, 1)
        self.assertEqual(register(first, self.aida).number, 2)

    def test_registering_twice_keeps_the_number(self):
        appeal, _ = self.submit()
        self.assertEqual(register(appeal, self.aida).number, 1)
        self.assertEqual(register(appeal, self.aida).number, 1)

    def test_each_school_counts_on_its_own(self):
        mine, _ = self.submit()
        theirs, _ = self.submit(school=self.other_school)
        self.assertEqual(register(mine, self.aida).number, 1)
        self.assertEqual(register(theirs, self.chyngyz).number, 1)

    def test_registration_moves_a_new_appeal_to_registered(self):
        appeal, _ = self.submit()
        self.assertEqual(register(appeal, self.aida).status, Appeal.REGISTERED)


class ConcurrentNumberingTests(CastMixin, TransactionTestCase):
    """Several threads register at once: no gap, no duplicate (SQLite and PostgreSQL)."""

    def test_concurrent_registrations_get_gapless_unique_numbers(self):
        self.make_cast()
        appeals = [self.submit()[0] for _ in range(24)]
        errors = []
        barrier = threading.Barrier(6)

        def work(chunk):
            try:
                barrier.wait()
                for appeal in chunk:
                    register(appeal, self.aida)
            except Exception as exc:  # noqa: BLE001 — reported below
                errors.append(exc)
            finally:
                close_old_connections()
                connection.close()

        threads = [threading.Thread(target=work, args=(appeals[i::6],)) for i in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])
        numbers = sorted(Appeal.objects.values_list("number", flat=True))
        self.assertEqual(numbers, list(range(1, 25)))
