"""Long jobs (issue 15): a file the worker prepares while the page shows progress.

The worker holds no school key. A job carries the school key sealed under the job's own key,
which lives in the requester's session and travels to the worker in the task's message only;
the sealed school key is wiped as soon as the job ends. The finished file is sealed under the
same job key and deleted after a day (FILE_HOURS)."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

FILE_HOURS = 24  # the finished file is kept this long
KEY_MINUTES = 30  # a job not finished by then loses its key and fails


class JobQuerySet(models.QuerySet):
    def for_user(self, user):
        """Only the requester sees a job: the file opens only in their session anyway."""
        return self.filter(user=user)


class Job(models.Model):
    JOURNAL_PDF = "journal_pdf"
    JOURNAL_XLSX = "journal_xlsx"
    KINDS = [
        (JOURNAL_PDF, _("The journal of appeals as PDF")),
        (JOURNAL_XLSX, _("The journal of appeals as XLSX")),
    ]
    FORMATS = {JOURNAL_PDF: "pdf", JOURNAL_XLSX: "xlsx"}

    QUEUED, RUNNING, READY, FAILED = "queued", "running", "ready", "failed"
    STATUSES = [
        (QUEUED, _("waiting for its turn")),
        (RUNNING, _("being prepared")),
        (READY, _("ready")),
        (FAILED, _("could not be prepared")),
    ]

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=KINDS)
    # The journal page's filter (a query string) and the document's language.
    params = models.CharField(max_length=2000, blank=True)
    lang = models.CharField(max_length=5, default="ky")
    status = models.CharField(max_length=10, choices=STATUSES, default=QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    sealed_school_key = models.BinaryField(null=True, editable=False)
    sealed_file = models.BinaryField(null=True, editable=False)
    filename = models.CharField(max_length=200, blank=True)
    size = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return str(self.get_kind_display())

    @property
    def is_done(self):
        return self.status in (self.READY, self.FAILED)

    @property
    def kept_until(self):
        return self.created_at + timedelta(hours=FILE_HOURS)

    @property
    def percent(self):
        if self.status == self.READY:
            return 100
        return int(100 * self.done / self.total) if self.total else 0
