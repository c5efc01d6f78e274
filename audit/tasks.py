"""The audit chains' daily anchor (audit/anchor.py)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task


@db_periodic_task(crontab(hour="20", minute="15"))
def checkpoint_daily():
    """Every night (02:15 in Bishkek, UTC+6; before the backup timer), sign every chain's
    head. Idempotent: a chain that did not grow gets no new checkpoint."""
    from audit.anchor import make_checkpoints

    with lock_task("audit-checkpoint"):
        make_checkpoints()
