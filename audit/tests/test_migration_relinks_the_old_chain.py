"""The migration to per-school chains re-links the old global chain and says so."""

import hashlib
import json
from io import StringIO

from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import TransactionTestCase
from django.utils import timezone

from ishenim.testing import make_school

BEFORE = [("audit", "0001_initial")]
AFTER = [("audit", "0004_chain_constraints")]


def _legacy_hash(prev, at, school_id, action):
    payload = json.dumps(
        [prev, at.isoformat(), None, school_id, None, action, {}],
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


class MigrationRelinksTests(TransactionTestCase):
    def test_old_events_are_relinked_per_school_and_the_old_head_is_kept(self):
        school_a = make_school("a", "А")[0]
        school_b = make_school("b", "Б")[0]
        executor = MigrationExecutor(connection)
        executor.migrate(BEFORE)
        Event = executor.loader.project_state(BEFORE).apps.get_model("audit", "Event")
        prev, at = "0" * 64, timezone.now().replace(microsecond=0)
        for school_id in (school_a.pk, school_b.pk, None, school_a.pk):
            h = _legacy_hash(prev, at, school_id, "export")
            Event.objects.create(
                at=at, school_id=school_id, action="export", prev_hash=prev, hash=h
            )
            prev = h
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(AFTER)

        from audit.models import Event as Current

        chains = list(Current.objects.order_by("id").values_list("chain", "seq"))
        self.assertEqual(
            chains,
            [
                (f"school:{school_a.pk}", 1),
                (f"school:{school_b.pk}", 1),
                ("installation", 1),
                (f"school:{school_a.pk}", 2),
            ],
        )
        out = StringIO()
        call_command("audit_verify", stdout=out)
        self.assertIn("from one chain of 4 events (intact, head " + prev, out.getvalue())
        self.assertIn("4 events in 3 chains", out.getvalue())
