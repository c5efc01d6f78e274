"""Split the single global audit chain into one chain per school (and the installation's).

Events are re-linked in id order inside their new chain, so their hashes change. That is on
the record: before re-linking, the old chain is verified with its own hash, and each new
chain gets a "relinked" checkpoint holding the old chain's length, head and first broken
event (if any). `audit_verify` prints it. The hash functions are copied here, frozen.
"""

import hashlib
import json

from django.db import migrations
from django.utils import timezone

GENESIS = "0" * 64


def _legacy_hash(e):
    payload = json.dumps(
        [e.prev_hash, e.at.isoformat(), e.actor_id, e.school_id, e.appeal_id, e.action, e.detail],
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def _hash_v2(e):
    payload = json.dumps(
        [2, e.chain, e.seq, e.prev_hash, e.at.isoformat(), e.actor_id, e.school_id]
        + [e.appeal_id, e.action, e.detail],
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def relink(apps, schema_editor):
    Event = apps.get_model("audit", "Event")
    Checkpoint = apps.get_model("audit", "Checkpoint")
    legacy_prev, legacy_count, legacy_broken = GENESIS, 0, None
    heads = {}  # chain -> (seq, hash)
    batch = []
    for event in Event.objects.order_by("id").iterator(chunk_size=2000):
        if legacy_broken is None:
            if event.prev_hash != legacy_prev or _legacy_hash(event) != event.hash:
                legacy_broken = event.pk
            else:
                legacy_prev, legacy_count = event.hash, legacy_count + 1
        chain = f"school:{event.school_id}" if event.school_id else "installation"
        seq, prev = heads.get(chain, (0, GENESIS))
        event.chain, event.seq, event.prev_hash = chain, seq + 1, prev
        event.hash = _hash_v2(event)
        heads[chain] = (event.seq, event.hash)
        batch.append(event)
        if len(batch) >= 1000:
            Event.objects.bulk_update(batch, ["chain", "seq", "prev_hash", "hash"])
            batch = []
    if batch:
        Event.objects.bulk_update(batch, ["chain", "seq", "prev_hash", "hash"])
    if not heads:
        return
    detail = {
        "migration": "audit.0003_relink_events",
        "legacy_count": legacy_count,
        "legacy_head": legacy_prev,
        "legacy_broken_at": legacy_broken,
    }
    now = timezone.now().replace(microsecond=0)
    Checkpoint.objects.bulk_create(
        [
            Checkpoint(
                chain=chain, count=seq, last_hash=h, made_at=now, kind="relinked", detail=detail
            )
            for chain, (seq, h) in sorted(heads.items())
        ],
        batch_size=1000,
    )


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_per_school_chains")]

    operations = [migrations.RunPython(relink, migrations.RunPython.noop)]
