"""In-app notices for staff, and the outbox that makes every mail survive a fault."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notice(models.Model):
    NEW_APPEAL, URGENT, AUTHOR_WROTE = "new_appeal", "urgent", "author_wrote"
    DUE_TOMORROW, OVERDUE, DIGEST = "due_soon", "overdue", "digest"
    SEAL_DAMAGED, REVIEW_TOMORROW = "seal_damaged", "review_tomorrow"
    REPORT_DUE, REPORT_LATE = "report_due", "report_late"
    # The urgent lane (urgent/): waves of the ladder, late decisions, the unread-letter net.
    URGENT_WAITING, DISTRICT_URGENT = "urgent_waiting", "district_urgent"
    DECISION_LATE, UNREAD = "decision_late", "unread"
    KIND_CHOICES = [
        (NEW_APPEAL, _("New appeal")),
        (URGENT, _("Urgent appeal")),
        (AUTHOR_WROTE, _("The author wrote again")),
        (DUE_TOMORROW, _("Answer due on the next working day")),
        (OVERDUE, _("Answer overdue")),
        (DIGEST, _("Weekly digest")),
        (SEAL_DAMAGED, _("The box's seal was found damaged")),
        (REVIEW_TOMORROW, _("The weekly review is tomorrow")),
        (REPORT_DUE, _("The quarterly report is due by the 5th")),
        (REPORT_LATE, _("The quarterly report is late")),
        (URGENT_WAITING, _("Urgent letter not confirmed: call a key holder")),
        (DISTRICT_URGENT, _("Urgent letter in the district")),
        (DECISION_LATE, _("Urgent letter: the decision on referral is late")),
        (UNREAD, _("A letter nobody has opened yet")),
    ]

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="notices")
    appeal = models.ForeignKey("journal.Appeal", models.CASCADE, null=True, related_name="+")
    # The weekly digest is about a school, not an appeal.
    school = models.ForeignKey("schools.School", models.CASCADE, null=True, related_name="+")
    kind = models.CharField(max_length=20, choices=KIND_CHOICES)
    # Idempotency: the same notice is never made twice.
    key = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="notice_once")]
        # The reminder run looks up which of its keys exist already, for all users at once.
        indexes = [models.Index(fields=["key"], name="notice_key")]

    @property
    def link(self):
        """Where a notice without an appeal leads (its key or its school names the place)."""
        from django.urls import reverse

        prefix, _sep, rest = self.key.partition(":")
        if prefix == self.SEAL_DAMAGED and rest.isdigit():
            return reverse("openings:detail", args=[int(rest)])
        if self.school_id and self.kind in (self.REPORT_DUE, self.REPORT_LATE):
            return reverse("reports:list", args=[self.school.slug])
        if self.kind == self.DISTRICT_URGENT:
            return reverse("urgent:district")
        if self.kind in (self.URGENT_WAITING, self.DECISION_LATE, self.UNREAD):
            return reverse("staff-home")
        if self.school_id and self.kind == self.REVIEW_TOMORROW:
            return reverse("commission:home", args=[self.school.slug])
        return ""


class OutgoingMail(models.Model):
    """A mail to send. It stays until sent, so a mail-server outage loses nothing."""

    key = models.CharField(max_length=150, unique=True)
    to = models.EmailField()
    subject = models.CharField(max_length=200)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=200, blank=True)
