"""The board (стенд) beside the box. Regulation A: an anonymous appeal is answered on the
board; in exceptional cases the board announces that a letter has come for the author and
that a teacher waits to talk in person. Everything here is public text, so it is stored plain:
the staff member writes a redacted question, never the letter itself."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def board_weeks():
    """How long a post stays on the board (a setting: schools clear their boards differently)."""
    return getattr(settings, "BOARD_WEEKS", 8)


class BoardPostQuerySet(models.QuerySet):
    def current(self, school, now=None):
        """What stands on the school's board today: published, not withdrawn, not older than
        BOARD_WEEKS weeks, newest first."""
        now = now or timezone.now()
        return (
            self.filter(
                school=school,
                withdrawn_at__isnull=True,
                published_at__gte=now - timedelta(weeks=board_weeks()),
            )
            .select_related("appeal")
            .order_by("-published_at", "-id")
        )


class BoardPost(models.Model):
    ANSWER, INVITATION = "answer", "invitation"
    KIND_CHOICES = [
        (ANSWER, _("A redacted question and its answer")),
        (INVITATION, _("An invitation to talk in person")),
    ]

    school = models.ForeignKey("schools.School", models.PROTECT, related_name="board_posts")
    appeal = models.ForeignKey("journal.Appeal", models.PROTECT, related_name="board_posts")
    kind = models.CharField(_("kind"), max_length=12, choices=KIND_CHOICES, default=ANSWER)
    # Public text, written by staff for the board; never the author's letter.
    question = models.TextField(_("question"), blank=True)
    answer = models.TextField(_("answer"), blank=True)
    person = models.CharField(_("who waits, where and when"), max_length=300, blank=True)
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+"
    )
    # The same answer in the author's conversation, sealed to the author's key: the child who
    # comes back with the code reads it there too.
    message = models.OneToOneField(
        "journal.Message", models.SET_NULL, null=True, blank=True, related_name="board_post"
    )
    # Withdrawn rather than deleted: what stood on the board stays in the record.
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = BoardPostQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["school", "withdrawn_at", "published_at"])]

    def __str__(self):
        return f"{self.appeal.tag} ({self.kind})"

    @property
    def is_invitation(self):
        return self.kind == self.INVITATION

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None

    @property
    def published_on(self):
        return timezone.localdate(self.published_at)

    def as_document_post(self):
        """The plain dict journal.documents.board_pdf() prints."""
        return {
            "kind": self.kind,
            "tag": self.appeal.tag,
            "question": self.question,
            "answer": self.answer,
            "person": self.person,
            "published_on": self.published_on,
        }
