"""In-app notices for staff, and the outboxes that make every alert survive a fault."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notice(models.Model):
    NEW_APPEAL, URGENT, AUTHOR_WROTE = "new_appeal", "urgent", "author_wrote"
    DUE_TOMORROW, OVERDUE, DIGEST = "due_soon", "overdue", "digest"
    SEAL_DAMAGED, REVIEW_TOMORROW = "seal_damaged", "review_tomorrow"
    REPORT_DUE, REPORT_LATE = "report_due", "report_late"
    # The urgent lane (urgent/): waves of the ladder, late decisions, the unread-letter net.
    URGENT_WAITING, DISTRICT_URGENT = "urgent_waiting", "district_urgent"
    DECISION_LATE, UNREAD = "decision_late", "unread"
    MINUTES_UNSIGNED, NO_COLLECTION = "minutes_unsigned", "no_collection"
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
        (MINUTES_UNSIGNED, _("Minutes of a meeting still unsigned")),
        (NO_COLLECTION, _("No collection of the letters last school week")),
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
        indexes = [
            models.Index(fields=["key"], name="notice_key"),
            # The notices panel on every staff home page: a user's unread notices only, newest
            # first, however many they have read over the years.
            models.Index(
                fields=["user", "-created_at"],
                condition=models.Q(read_at__isnull=True),
                name="notice_unread",
            ),
        ]

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
        if self.kind == self.NO_COLLECTION:
            return reverse("openings:list")
        if prefix == "minutes" and rest.isdigit():
            return reverse("commission:meeting", args=[int(rest)])
        if self.school_id and self.kind == self.REVIEW_TOMORROW:
            return reverse("commission:home", args=[self.school.slug])
        return ""


# --- The outboxes: every alert survives an outage ---------------------------------------------

# Minutes to wait after the 1st, 2nd, … failed attempt; the last value repeats.
BACKOFF_MINUTES = (1, 2, 4, 8, 16, 30)
# An alert keeps being retried this long; after that it is kept, marked as given up, and shown
# on the health page (an alert must never vanish without a sign).
RETRY_DAYS = 7
# A claimed message belongs to one worker this long: longer than a send can take (EMAIL_TIMEOUT,
# the Telegram timeout), short enough that a worker killed after claiming delays it little.
LEASE = datetime.timedelta(minutes=5)


def current_time():
    """timezone.now, looked up at each call (a test that moves the clock moves this too)."""
    return timezone.now()


def backoff(attempts):
    """The wait after the `attempts`-th failed attempt: 1, 2, 4, 8, 16, 30, 30 … minutes."""
    index = min(max(attempts, 1), len(BACKOFF_MINUTES)) - 1
    return datetime.timedelta(minutes=BACKOFF_MINUTES[index])


class OutboxQuerySet(models.QuerySet):
    def waiting(self):
        return self.filter(sent_at__isnull=True, failed_at__isnull=True)

    def due(self, now):
        """Waiting, its back-off over, and not held by a live worker's lease."""
        return (
            self.waiting()
            .filter(next_attempt_at__lte=now)
            .filter(Q(locked_until__isnull=True) | Q(locked_until__lte=now))
        )


class Outbox(models.Model):
    """What the mail and Telegram outboxes share: the key, the back-off and the lease.

    A message is sent only by the worker that claimed it (one UPDATE that only one worker can
    win), so two sweeps, or a sweep and the delivery right after a commit, never send it twice.
    """

    key = models.CharField(max_length=150, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=200, blank=True)
    next_attempt_at = models.DateTimeField(default=current_time)
    locked_until = models.DateTimeField(null=True, blank=True)
    # Set after RETRY_DAYS of failures: the row stays, so the health page can count it.
    failed_at = models.DateTimeField(null=True, blank=True)

    objects = OutboxQuerySet.as_manager()

    class Meta:
        abstract = True

    def claim(self, now):
        """Take the lease on this message; False when sent, given up, not due or held."""
        until = now + LEASE
        won = type(self).objects.due(now).filter(pk=self.pk).update(locked_until=until)
        if won:
            self.locked_until = until
        return bool(won)

    def record_success(self, now):
        self.attempts += 1
        self.sent_at, self.locked_until, self.last_error = now, None, ""
        self.save(update_fields=["attempts", "sent_at", "locked_until", "last_error"])

    def record_failure(self, now, error):
        """Try again after the back-off; after RETRY_DAYS keep the row, marked as given up."""
        self.attempts += 1
        self.last_error = error[:200]
        self.locked_until = None
        self.next_attempt_at = now + backoff(self.attempts)
        if now - self.created_at >= datetime.timedelta(days=RETRY_DAYS):
            self.failed_at = now
        self.save(
            update_fields=["attempts", "last_error", "locked_until", "next_attempt_at", "failed_at"]
        )

    @classmethod
    def give_up_stale(cls, now):
        """Messages not tried to the end (a sweep stops at the first failure of each run) are
        given up an hour after RETRY_DAYS, so the count of waiting alerts does not grow forever;
        the hour lets one that is still tried have its last attempt after the seven days."""
        return (
            cls.objects.waiting()
            .filter(created_at__lte=now - datetime.timedelta(days=RETRY_DAYS, hours=1))
            .filter(Q(locked_until__isnull=True) | Q(locked_until__lte=now))
            .update(failed_at=now, locked_until=None)
        )


def _outbox_indexes(prefix):
    # The sweep's one query: waiting messages by due time (a partial index stays small).
    return [
        models.Index(
            fields=["next_attempt_at"],
            condition=Q(sent_at__isnull=True, failed_at__isnull=True),
            name=f"{prefix}_due",
        ),
        models.Index(fields=["failed_at"], name=f"{prefix}_failed"),
    ]


class OutgoingMail(Outbox):
    """A mail to send. It stays until sent, so a mail-server outage loses nothing."""

    to = models.EmailField()
    subject = models.CharField(max_length=200)
    body = models.TextField()

    class Meta:
        indexes = _outbox_indexes("mail")


class TelegramMessage(Outbox):
    """A content-free Telegram message: an alert to a linked staff member, or a reply to a chat
    that sent a link code."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, null=True, blank=True, related_name="+"
    )
    chat_id = models.BigIntegerField()
    text = models.CharField(max_length=1000)

    class Meta:
        indexes = _outbox_indexes("telegram")


class ChannelState(models.Model):
    """How a channel is doing: failing since the first failure after its last success. One row
    per channel, updated by every delivery attempt; the health page and the banner read it."""

    EMAIL, TELEGRAM = "email", "telegram"

    name = models.CharField(max_length=20, unique=True)
    failing_since = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_failure_at = models.DateTimeField(null=True, blank=True)
    # Telegram: the getUpdates offset, so an update is handled once across restarts.
    cursor = models.BigIntegerField(default=0)

    @classmethod
    def _update(cls, name, **values):
        # Two workers may meet the first row at once: ON CONFLICT DO NOTHING, not a failed
        # insert (an error line in PostgreSQL's log).
        if not cls.objects.filter(name=name).update(**values):
            cls.objects.bulk_create([cls(name=name)], ignore_conflicts=True)
            cls.objects.filter(name=name).update(**values)

    @classmethod
    def succeeded(cls, name, now):
        cls._update(name, failing_since=None, last_success_at=now)

    @classmethod
    def failed(cls, name, now):
        cls._update(name, failing_since=Coalesce("failing_since", Value(now)), last_failure_at=now)

    @classmethod
    def failing_since_of(cls, name):
        return cls.objects.filter(name=name).values_list("failing_since", flat=True).first()


# --- Telegram: opt-in, one chat per staff member ----------------------------------------------


class TelegramLink(models.Model):
    """The private chat where a staff member asked to get alerts."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="telegram_link"
    )
    chat_id = models.BigIntegerField()
    linked_at = models.DateTimeField(default=current_time)


class TelegramCode(models.Model):
    """A one-time link code. Only its hash is stored; it expires and works once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    code_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=current_time)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)


class TelegramChatThrottle(models.Model):
    """Wrong codes sent from one chat: after too many in an hour the chat is ignored."""

    chat_id = models.BigIntegerField(unique=True)
    window_started_at = models.DateTimeField()
    failures = models.PositiveIntegerField(default=0)
    ignored_until = models.DateTimeField(null=True, blank=True)
