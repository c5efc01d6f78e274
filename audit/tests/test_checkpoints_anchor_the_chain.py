"""Issue 13, finding 16: cutting the newest events or re-hashing a whole chain is caught by
the signed checkpoint, in the table and in the file beside the backups."""

import json
import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from audit.anchor import make_checkpoints
from audit.models import GENESIS, Checkpoint, Event, event_hash, record
from ishenim.testing import BaseTestCase


class CheckpointTests(BaseTestCase):
    def setUp(self):
        super().setUp()
        folder = Path(tempfile.mkdtemp())
        self.anchor_file = folder / "backups" / "audit-checkpoints.jsonl"
        settings = override_settings(
            AUDIT_SIGNING_KEY_FILE=folder / "audit_signing_key", AUDIT_ANCHOR_FILE=self.anchor_file
        )
        settings.enable()
        self.addCleanup(settings.disable)
        self.events = [record("export", actor=self.aida, school=self.school) for _ in range(5)]
        record("export", actor=self.chyngyz, school=self.other_school)

    def verify(self):
        out = StringIO()
        call_command("audit_verify", stdout=out)
        return out.getvalue()

    def test_a_checkpoint_is_signed_per_chain_and_written_beside_the_backups(self):
        with self.assertLogs("audit.anchor", "WARNING") as logs:
            self.assertEqual(make_checkpoints(), 2)
        self.assertIn("made a new signing key", logs.output[0])
        checkpoint = Checkpoint.objects.get(chain=f"school:{self.school.pk}")
        self.assertEqual((checkpoint.count, checkpoint.last_hash), (5, self.events[-1].hash))
        lines = [json.loads(line) for line in self.anchor_file.read_text().splitlines()]
        self.assertEqual(len(lines), 2)
        self.assertIn("2 chains", self.verify())

    def test_a_second_run_without_new_events_makes_nothing(self):
        make_checkpoints()
        self.assertEqual(make_checkpoints(), 0)
        record("export", actor=self.aida, school=self.school)
        self.assertEqual(make_checkpoints(), 1)

    def test_deleting_the_newest_events_is_caught(self):
        make_checkpoints()
        with connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM audit_event WHERE id IN (%s, %s)",
                [self.events[3].pk, self.events[4].pk],
            )
        with self.assertRaisesMessage(CommandError, "signed 5 events, only 3 intact"):
            self.verify()

    def test_deleting_the_newest_events_and_their_checkpoints_is_caught_by_the_file(self):
        make_checkpoints()
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM audit_event WHERE id = %s", [self.events[4].pk])
            cursor.execute("DELETE FROM audit_checkpoint")
        with self.assertRaisesMessage(CommandError, "audit-checkpoints.jsonl:"):
            self.verify()

    def test_re_hashing_the_whole_chain_is_caught(self):
        make_checkpoints()
        # The attacker edits the first event and recomputes every hash after it: the chain
        # itself is consistent again, but no longer the one that was signed.
        prev = GENESIS
        with connection.cursor() as cursor:
            for event in Event.objects.filter(chain=self.events[0].chain).order_by("seq"):
                action = "nothing" if event.seq == 1 else event.action
                new = event_hash(
                    chain=event.chain,
                    seq=event.seq,
                    prev_hash=prev,
                    at=event.at,
                    actor_id=event.actor_id,
                    school_id=event.school_id,
                    appeal_id=event.appeal_id,
                    action=action,
                    detail=event.detail,
                )
                cursor.execute(
                    "UPDATE audit_event SET action = %s, prev_hash = %s, hash = %s WHERE id = %s",
                    [action, prev, new, event.pk],
                )
                prev = new
        with self.assertRaisesMessage(CommandError, "the chain was re-hashed"):
            self.verify()

    def test_a_checkpoint_signed_with_another_key_is_refused(self):
        make_checkpoints()
        checkpoint = Checkpoint.objects.order_by("id").first()
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE audit_checkpoint SET signature = %s WHERE id = %s",
                ["00" * 64, checkpoint.pk],
            )
        with self.assertRaisesMessage(CommandError, "not the installation's audit key"):
            self.verify()

    def test_the_worker_makes_the_checkpoints_every_night(self):
        from audit.tasks import checkpoint_daily

        checkpoint_daily.call_local()
        self.assertEqual(Checkpoint.objects.count(), 2)
        self.assertEqual(len(self.anchor_file.read_text().splitlines()), 2)
