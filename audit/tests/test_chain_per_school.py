from io import StringIO

from django.core.management import CommandError, call_command
from django.db import connection

from audit.models import GENESIS, INSTALLATION, record
from ishenim.testing import BaseTestCase


class ChainPerSchoolTests(BaseTestCase):
    def test_each_school_has_its_own_chain(self):
        a1 = record("export", actor=self.aida, school=self.school)
        b1 = record("export", actor=self.chyngyz, school=self.other_school)
        a2 = record("export", actor=self.aida, school=self.school)
        self.assertEqual((a1.chain, a1.seq, a1.prev_hash), (f"school:{self.school.pk}", 1, GENESIS))
        self.assertEqual((b1.seq, b1.prev_hash), (1, GENESIS))
        self.assertEqual((a2.seq, a2.prev_hash), (2, a1.hash))

    def test_events_without_a_school_go_on_the_installation_chain(self):
        event = record("specialist_added", actor=None)
        self.assertEqual((event.chain, event.seq), (INSTALLATION, 1))

    def test_a_broken_link_is_named_per_chain_and_other_chains_stay_intact(self):
        record("export", actor=self.chyngyz, school=self.other_school)
        events = [record("export", actor=self.aida, school=self.school) for _ in range(3)]
        with connection.cursor() as cursor:
            cursor.execute("UPDATE audit_event SET action = 'x' WHERE id = %s", [events[1].pk])
        with self.assertRaises(CommandError) as caught:
            call_command("audit_verify", stdout=StringIO())
        message = str(caught.exception)
        self.assertIn(f"school:{self.school.pk}: broken at event #{events[1].pk}", message)
        self.assertNotIn(f"school:{self.other_school.pk}:", message)
