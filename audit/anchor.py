"""Anchoring the audit chains: signed daily checkpoints (issue 13, finding 16).

The signing key is an Ed25519 key kept outside the database: from the environment
(AUDIT_SIGNING_KEY, 64 hex digits of the seed) or a file (AUDIT_SIGNING_KEY_FILE, by default
under VAR_DIR), made on first use. A database copy or a database writer never holds it, so
they cannot sign a checkpoint that agrees with a re-hashed or shortened chain. Each checkpoint
is also appended to a file beside the backups (AUDIT_ANCHOR_FILE): deleting the newest
checkpoints from the table does not delete them there.
"""

import datetime
import json
import logging
import os
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from nacl.exceptions import BadSignatureError
from nacl.signing import SigningKey, VerifyKey

from audit.models import Checkpoint, Event, chains, verify_chain

log = logging.getLogger(__name__)


def signing_key():
    seed = os.environ.get("AUDIT_SIGNING_KEY", "").strip()
    if seed:
        return SigningKey(bytes.fromhex(seed))
    path = Path(settings.AUDIT_SIGNING_KEY_FILE)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        key = SigningKey.generate()
        # Created with owner-only rights, and never overwritten if another process won the race.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(key.encode().hex())
        log.warning(
            "audit: made a new signing key in %s (public key %s); keep a copy of it apart "
            "from the database backups",
            path,
            key.verify_key.encode().hex(),
        )
    return SigningKey(bytes.fromhex(path.read_text().strip()))


def public_key_hex():
    return signing_key().verify_key.encode().hex()


def make_checkpoints(now=None):
    """Sign the head of every chain that grew since its last checkpoint; return how many.
    Idempotent: a chain that has not changed gets no new row."""
    key = signing_key()
    public = key.verify_key.encode().hex()
    now = (now or timezone.now()).replace(microsecond=0)
    heads = dict(
        Event.objects.order_by()
        .values_list("chain")
        .annotate(top=Max("seq"))
        .values_list("chain", "top")
    )
    signed = dict(
        Checkpoint.objects.exclude(signature="")
        .order_by()
        .values_list("chain")
        .annotate(top=Max("count"))
        .values_list("chain", "top")
    )
    made = []
    for chain, count in sorted(heads.items()):
        if signed.get(chain) == count:
            continue
        last_hash = Event.objects.get(chain=chain, seq=count).hash
        checkpoint = Checkpoint(
            chain=chain, count=count, last_hash=last_hash, made_at=now, public_key=public
        )
        checkpoint.signature = key.sign(checkpoint.message()).signature.hex()
        made.append(checkpoint)
    with transaction.atomic():
        Checkpoint.objects.bulk_create(made, batch_size=1000)
    if made:
        _append_to_file(made)
    return len(made)


def _append_to_file(checkpoints):
    path = Path(settings.AUDIT_ANCHOR_FILE)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as f:
        for checkpoint in checkpoints:
            f.write(json.dumps(checkpoint.as_line(), sort_keys=True) + "\n")
        f.flush()
        os.fsync(f.fileno())


def _file_checkpoints():
    """The newest line per chain in the anchor file (as unsaved Checkpoint objects)."""
    path = Path(settings.AUDIT_ANCHOR_FILE)
    latest = {}
    if not path.exists():
        return latest
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            row = json.loads(line)
            checkpoint = Checkpoint(
                chain=row["chain"],
                count=row["count"],
                last_hash=row["last_hash"],
                made_at=datetime.datetime.fromisoformat(row["made_at"]),
                signature=row["signature"],
                public_key=row["public_key"],
            )
            checkpoint.source = f"{path.name}:{number}"
            if checkpoint.count >= getattr(latest.get(checkpoint.chain), "count", -1):
                latest[checkpoint.chain] = checkpoint
    return latest


def _table_checkpoints():
    latest = {}
    for checkpoint in Checkpoint.objects.exclude(signature="").order_by("chain", "count", "id"):
        checkpoint.source = f"checkpoint #{checkpoint.pk}"
        latest[checkpoint.chain] = checkpoint
    return latest


def _check_against(checkpoint, verify_key, checked, problems):
    """Append to `problems` what is wrong between an intact prefix of `checked` events and a
    signed checkpoint."""
    where = f"{checkpoint.chain}: {checkpoint.source} ({checkpoint.made_at:%Y-%m-%d %H:%M})"
    try:
        verify_key.verify(checkpoint.message(), bytes.fromhex(checkpoint.signature))
    except (BadSignatureError, ValueError):
        problems.append(f"{where}: the signature is not the installation's audit key's")
        return
    if checked < checkpoint.count:
        problems.append(
            f"{where}: signed {checkpoint.count} events, only {checked} intact events remain "
            "(newest events deleted or the chain broken)"
        )
        return
    event = Event.objects.filter(chain=checkpoint.chain, seq=checkpoint.count).first()
    if event is None or event.hash != checkpoint.last_hash:
        problems.append(
            f"{where}: event {checkpoint.count} of the chain is not the one signed "
            "(the chain was re-hashed)"
        )


def verify_all():
    """[(chain, checked, broken_event or None, [problems])] for every chain."""
    verify_key = VerifyKey(bytes.fromhex(public_key_hex()))
    in_table, in_file = _table_checkpoints(), _file_checkpoints()
    results = []
    for chain in sorted(set(chains()) | set(in_file), key=lambda c: (len(c), c)):
        checked, broken = verify_chain(chain)
        problems = []
        for checkpoint in (in_table.get(chain), in_file.get(chain)):
            if checkpoint is not None:
                _check_against(checkpoint, verify_key, checked, problems)
        results.append((chain, checked, broken, problems))
    return results
