"""The journal's daily work for the worker: close the school years whose closing day has
passed (regulation A, "Record keeping"). Idempotent: a closed year is left as it is."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from journal.closing import close_due_years


@db_periodic_task(crontab(minute="5", hour="0"))
def close_years():
    close_due_years()
