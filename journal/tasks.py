"""The journal's daily work for the worker: close the school years whose closing day has
passed (regulation A, "Record keeping"). Idempotent: a closed year is left as it is."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from journal.closing import close_due_years
from journal.retention import erase_expired


@db_periodic_task(crontab(minute="5", hour="0"))
def close_years():
    close_due_years()


@db_periodic_task(crontab(minute="20", hour="1"))
def retention():
    """Law No. 58: the school's retention schedule, run every night; what was erased is
    recorded (journal.Erasure and the audit log)."""
    erase_expired()
