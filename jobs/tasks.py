"""The worker's side of long jobs: open the school key with the job's key, make the file,
seal it, wipe the key. The job's key reaches the worker only in the task's message."""

import logging
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from jobs.models import FILE_HOURS, KEY_MINUTES, Job
from vault.jobs import open_school_key, seal_file

log = logging.getLogger(__name__)


def _progress(job):
    def report(done, total):
        Job.objects.filter(pk=job.pk).update(done=done, total=total)

    return report


def _make(job, school_key):
    from journal.views import export_file

    return export_file(
        job.user,
        job.school,
        school_key,
        Job.FORMATS[job.kind],
        job.params,
        job.lang,
        progress=_progress(job),
    )


@db_task()
def run_job(job_id, job_key):
    job = Job.objects.select_related("user", "school").filter(pk=job_id, status=Job.QUEUED).first()
    if job is None or job.sealed_school_key is None:
        return
    Job.objects.filter(pk=job.pk).update(status=Job.RUNNING)
    try:
        data, filename = _make(job, open_school_key(job_key, job.sealed_school_key))
    except Exception:
        log.exception("job %s failed", job_id)  # the log names the job, never its content
        Job.objects.filter(pk=job.pk).update(
            status=Job.FAILED, sealed_school_key=None, finished_at=timezone.now()
        )
        return
    Job.objects.filter(pk=job.pk).update(
        status=Job.READY,
        sealed_school_key=None,
        sealed_file=seal_file(job_key, data),
        filename=filename,
        size=len(data),
        finished_at=timezone.now(),
    )


def sweep(now=None):
    """Files older than a day are deleted; a job that never finished loses its key."""
    now = now or timezone.now()
    gone, _ = Job.objects.filter(created_at__lt=now - timedelta(hours=FILE_HOURS)).delete()
    Job.objects.filter(
        ~Q(status__in=(Job.READY, Job.FAILED)),
        created_at__lt=now - timedelta(minutes=KEY_MINUTES),
    ).update(status=Job.FAILED, sealed_school_key=None, finished_at=now)
    return gone


@db_periodic_task(crontab(minute="*/10"))
def sweep_jobs():
    sweep()
