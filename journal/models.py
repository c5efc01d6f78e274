"""Appeals and their conversations. Content and identity are sealed (DESIGN.md §4)."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership

TAG_LETTERS = "ACEHKMPTX"  # look the same in Latin and Cyrillic on a paper board


def new_tag() -> str:
    return (
        "".join(secrets.choice(TAG_LETTERS) for _ in range(2))
        + "-"
        + ("".join(secrets.choice("0123456789") for _ in range(4)))
    )


REFERRAL_CHOICES = [
    ("juvenile_inspector", _("juvenile affairs inspector (IDN)")),
    ("social_services", _("family and child support department")),
    ("psychologist", _("psychologist")),
    ("police", _("police")),
    ("health", _("health services")),
    ("other", _("other")),
]


class AppealQuerySet(models.QuerySet):
    # No DISTINCT and no joins that multiply rows: membership and the author's exclusions are
    # (NOT) EXISTS subqueries, so the journal's ORDER BY ... LIMIT can walk an index and the
    # database never de-duplicates a school year of letters to show fifty of them.
    def for_user(self, user):
        """Appeals of the user's schools, minus those the author kept from this user."""
        if not user.is_authenticated:
            return self.none()
        excluded = Appeal.excluded_staff.through.objects.filter(
            appeal_id=models.OuterRef("pk"), user_id=user.pk
        )
        return self.filter(
            school_id__in=Membership.objects.filter(user_id=user.pk).values("school_id")
        ).filter(~models.Exists(excluded))

    def in_journal_of(self, user):
        """Every appeal of the user's schools — the journal stays gapless — with `kept`: the
        author kept it from this user, who may see its number and dates only (finding 7)."""
        if not user.is_authenticated:
            return self.none()
        excluded = Appeal.excluded_staff.through.objects.filter(
            appeal_id=models.OuterRef("pk"), user_id=user.pk
        )
        return self.filter(
            school_id__in=Membership.objects.filter(user_id=user.pk).values("school_id")
        ).annotate(kept=models.Exists(excluded))

    def readable_by(self, user):
        """Only roles that read letters (not the director, who manages by figures)."""
        readers = Membership.objects.filter(user_id=user.pk, role__in=Membership.READERS)
        return self.for_user(user).filter(school_id__in=readers.values("school_id"))

    def corrected(self):
        """Appeals whose urgency or category staff changed from the triage's suggestion:
        labelled rows a district can retrain the triage on."""
        return self.exclude(suggested_category="").filter(
            ~models.Q(category=models.F("suggested_category"))
            | ~models.Q(urgency=models.F("suggested_urgency"))
        )


class Appeal(models.Model):
    ONLINE, PAPER = "online", "paper"
    CHANNEL_CHOICES = [(ONLINE, _("online")), (PAPER, _("paper"))]
    PUPIL, PARENT, TEACHER, OTHER = "pupil", "parent", "teacher", "other"
    AUTHOR_CHOICES = [
        (PUPIL, _("pupil")),
        (PARENT, _("parent")),
        (TEACHER, _("teacher")),
        (OTHER, _("other")),
    ]
    NEW, REGISTERED, IN_WORK, ANSWERED, CLOSED, REFERRED, VOIDED = (
        "new",
        "registered",
        "in_work",
        "answered",
        "closed",
        "referred",
        "voided",
    )
    STATUS_CHOICES = [
        (NEW, _("new")),
        (REGISTERED, _("registered")),
        (IN_WORK, _("in work")),
        (ANSWERED, _("answered")),
        (CLOSED, _("closed")),
        (REFERRED, _("referred")),
        (VOIDED, _("voided")),
    ]
    URGENT, ATTENTION, NORMAL = "urgent", "attention", "normal"
    URGENCY_CHOICES = [(URGENT, _("urgent")), (ATTENTION, _("attention")), (NORMAL, _("normal"))]
    CATEGORY_CHOICES = [
        ("violence", _("violence")),
        ("bullying", _("bullying")),
        ("sexual_abuse", _("sexual abuse")),
        ("self_harm", _("self-harm")),
        ("extortion", _("extortion")),
        ("family", _("family")),
        ("forced_marriage", _("forced marriage")),
        ("substances", _("substances")),
        ("teacher_conduct", _("teacher's conduct")),
        ("study", _("study")),
        ("suggestion", _("suggestion")),
        ("gratitude", _("gratitude")),
        ("other", _("other")),
    ]

    school = models.ForeignKey("schools.School", models.PROTECT, related_name="appeals")
    tag = models.CharField(_("tag"), max_length=10)
    channel = models.CharField(_("channel"), max_length=10, choices=CHANNEL_CHOICES, default=ONLINE)
    author_kind = models.CharField(_("author"), max_length=10, choices=AUTHOR_CHOICES)
    is_anonymous = models.BooleanField(_("anonymous"), default=True)
    status = models.CharField(_("status"), max_length=12, choices=STATUS_CHOICES, default=NEW)
    category = models.CharField(_("category"), max_length=20, choices=CATEGORY_CHOICES, blank=True)
    urgency = models.CharField(_("urgency"), max_length=10, choices=URGENCY_CHOICES, default=NORMAL)
    # Which triage rules fired: rule ids only, never the text. The suggestion is kept as it
    # was, so staff corrections can be counted against it.
    triage_rules = models.JSONField(default=list, blank=True)
    suggested_category = models.CharField(max_length=20, blank=True)
    suggested_urgency = models.CharField(max_length=10, blank=True)
    # Finding 11: many letters at once from one browser or address. Accepted like any letter;
    # grouped on the journal page. Nothing about the source is stored, only this mark.
    possible_flood = models.BooleanField(_("possible flood"), default=False)
    received_on = models.DateField(_("date received"), default=timezone.localdate)
    created_at = models.DateTimeField(auto_now_add=True)
    # The author's way back: a slow hash of the receipt code and the author's public key.
    receipt_hash = models.BinaryField(null=True, unique=True, editable=False)
    # The Argon2id cost the receipt hash was made with: the code opens with it ever after.
    receipt_opslimit = models.PositiveIntegerField(null=True, editable=False)
    receipt_memlimit = models.PositiveBigIntegerField(null=True, editable=False)
    author_public_key = models.BinaryField(null=True, editable=False)
    # One form, one appeal: the hidden token of the form that created it.
    submission_token = models.CharField(max_length=64, null=True, unique=True, editable=False)
    # Sealed: the author's identity (JSON: name, age, class, address, phone, e-mail).
    sealed_identity = models.BinaryField(null=True, editable=False)
    excluded_staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="excluded_from_appeals"
    )
    # --- The journal (regulation A, "Record keeping") ---
    school_year = models.ForeignKey(
        "schools.SchoolYear", models.PROTECT, null=True, blank=True, related_name="appeals"
    )
    number = models.PositiveIntegerField(_("serial number"), null=True, blank=True)
    registered_at = models.DateTimeField(null=True, blank=True)
    due_on = models.DateField(_("answer deadline"), null=True, blank=True)
    answered_on = models.DateField(_("date of the answer"), null=True, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assignee"),
    )
    referred_to = models.CharField(
        _("referred to"), max_length=30, choices=REFERRAL_CHOICES, blank=True
    )
    referred_on = models.DateField(_("referred on"), null=True, blank=True)
    also_reported_elsewhere = models.BooleanField(_("also reported elsewhere"), default=False)
    # Sealed journal fields: the short summary, the measures taken, the referral's details.
    sealed_summary = models.BinaryField(null=True, editable=False)
    sealed_measures = models.BinaryField(null=True, editable=False)
    sealed_referral_note = models.BinaryField(null=True, editable=False)
    # A duplicate or mistaken entry is voided, never deleted: it keeps its number (the book's
    # numbering stays gapless) and leaves the open-letter counts and deadlines.
    voided_at = models.DateTimeField(_("voided"), null=True, blank=True, editable=False)
    # Law No. 58: the letter's words erased (by the school's retention schedule, or at the
    # author's request); the journal row stays with its number and dates.
    erased_at = models.DateTimeField(null=True, blank=True, editable=False)
    erased_at_authors_request = models.BooleanField(default=False, editable=False)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    sealed_void_reason = models.BinaryField(null=True, editable=False)

    objects = AppealQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["school", "tag"], name="tag_per_school"),
            # Regulation A: numbers are unique per school year (and gapless: see register()).
            models.UniqueConstraint(fields=["school_year", "number"], name="number_per_year"),
        ]
        indexes = [
            # The journal (journal/paging.py): newest first, walked in order and stopped at
            # the page; with a status filter, the status's part of the year in the same order.
            # It also holds what tells a listed letter from an open urgent one and from the
            # flood line (status, urgency, possible_flood): page 100 then skips 5,000 entries in
            # the index alone, without reading 5,000 rows (and SQLite no longer prefers the
            # urgent index and a sort of the whole year).
            models.Index(
                fields=["school", "-received_on", "-id", "status", "urgency", "possible_flood"],
                name="journal_newest_first",
            ),
            models.Index(
                fields=["school", "status", "-received_on", "-id"], name="journal_status_newest"
            ),
            # The open urgent letters shown first: a handful, found without reading the year.
            models.Index(fields=["school", "urgency", "status"], name="journal_urgent_open"),
            models.Index(fields=["school", "due_on"]),
            # The reminder sweep over every school (notify/tasks.py): open deadlines by date.
            models.Index(
                fields=["due_on"],
                condition=models.Q(answered_on__isnull=True),
                name="journal_open_due",
            ),
            # The urgent lane's net on every staff home page (urgent/net.py): the open letters
            # of the last two weeks, found without reading the school year.
            models.Index(
                fields=["school", "created_at"],
                condition=models.Q(answered_on__isnull=True),
                name="journal_open_created",
            ),
            # The journal's folded flood line (journal/views.py): a few letters of a school
            # counted and listed without reading its year.
            models.Index(
                fields=["school"], condition=models.Q(possible_flood=True), name="journal_flood"
            ),
        ]

    def __str__(self):
        return self.tag

    @property
    def is_urgent(self):
        return self.urgency == self.URGENT

    def get_suggested_urgency_display(self):
        """The triage's urgency as suggested at submission (older appeals: the current one)."""
        return dict(self.URGENCY_CHOICES).get(self.suggested_urgency or self.urgency, "")

    def get_suggested_category_display(self):
        return dict(self.CATEGORY_CHOICES).get(self.suggested_category or self.category, "")

    OPEN_STATUSES = (NEW, REGISTERED, IN_WORK)

    @property
    def is_voided(self):
        return self.status == self.VOIDED

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES and self.answered_on is None

    def deadline_state(self, today=None):
        """'overdue', 'today', 'tomorrow' or '' — what a list should make stand out."""
        if not self.due_on or not self.is_open:
            return ""
        today = today or timezone.localdate()
        if self.due_on < today:
            return "overdue"
        if self.due_on == today:
            return "today"
        if self.due_on == today + timezone.timedelta(days=1):
            return "tomorrow"
        return ""

    @classmethod
    def unique_tag(cls, school):
        while True:
            tag = new_tag()
            if not cls.objects.filter(school=school, tag=tag).exists():
                return tag


def initials(user):
    """ "Аида Токтобаева" → "А. Токтобаева": how a correction in a paper book is initialled."""
    if user is None:
        return ""
    first, last = (user.first_name or "").strip(), (user.last_name or "").strip()
    if first and last:
        return f"{first[0]}. {last}"
    return last or first or user.username


class JournalCorrection(models.Model):
    """One correction of a registered journal entry: a new version of one field, with who,
    when and why. The entry's own field holds the newest version; the versions before it live
    here, sealed like the field itself (summary and measures) or plain (the dates)."""

    SUMMARY, MEASURES, RECEIVED_ON, ANSWERED_ON = (
        "summary",
        "measures",
        "received_on",
        "answered_on",
    )
    FIELD_CHOICES = [
        (RECEIVED_ON, _("date received")),
        (SUMMARY, _("short summary")),
        (ANSWERED_ON, _("date of the answer")),
        (MEASURES, _("measures taken")),
    ]
    SEALED = (SUMMARY, MEASURES)

    appeal = models.ForeignKey(Appeal, models.PROTECT, related_name="corrections")
    field = models.CharField(_("field"), max_length=20, choices=FIELD_CHOICES)
    version = models.PositiveSmallIntegerField(_("version"))  # the field's version it makes
    sealed_old = models.BinaryField(null=True, editable=False)
    sealed_new = models.BinaryField(null=True, editable=False)
    old_date = models.DateField(null=True, blank=True)
    new_date = models.DateField(null=True, blank=True)
    sealed_reason = models.BinaryField(editable=False)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    made_at = models.DateTimeField()

    class Meta:
        ordering = ["made_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["appeal", "field", "version"], name="one_correction_per_version"
            )
        ]

    @property
    def initials(self):
        return initials(self.made_by)


class JournalCounter(models.Model):
    """The last serial number given in a school year; incremented under a row lock."""

    school_year = models.OneToOneField("schools.SchoolYear", models.CASCADE, related_name="+")
    last_number = models.PositiveIntegerField(default=0)


class Message(models.Model):
    """One letter in an appeal's conversation: the author's text or a staff answer."""

    AUTHOR, STAFF = "author", "staff"
    SENDER_CHOICES = [(AUTHOR, _("author")), (STAFF, _("staff"))]
    # How a staff answer went out (regulation A: anonymous — board; signed — e-mail or in person).
    CONVERSATION, EMAIL, IN_PERSON, NOTE, BOARD = (
        "conversation",
        "email",
        "in_person",
        "note",
        "board",
    )
    CHANNEL_CHOICES = [
        (CONVERSATION, _("in the author's conversation")),
        (EMAIL, _("by e-mail")),
        (IN_PERSON, _("in person")),
        (NOTE, _("internal note")),
        (BOARD, _("on the board")),
    ]

    appeal = models.ForeignKey(Appeal, models.CASCADE, related_name="messages")
    sender = models.CharField(max_length=10, choices=SENDER_CHOICES)
    staff_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Sealed to the school's key; and to the author's key when the author may read it.
    body_for_school = models.BinaryField()
    body_for_author = models.BinaryField(null=True)
    urgency = models.CharField(max_length=10, choices=Appeal.URGENCY_CHOICES, blank=True)
    triage_rules = models.JSONField(default=list, blank=True)
    channel = models.CharField(max_length=15, choices=CHANNEL_CHOICES, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    @property
    def visible_to_author(self):
        return self.body_for_author is not None


def attachment_path(instance, filename):
    return f"sealed/{instance.appeal.school_id}/{secrets.token_hex(16)}"


class Attachment(models.Model):
    """A file, stored sealed on disk; its name and type are sealed inside it."""

    appeal = models.ForeignKey(Appeal, models.CASCADE, related_name="attachments")
    message = models.ForeignKey(Message, models.CASCADE, related_name="attachments")
    blob = models.FileField(upload_to=attachment_path)
    created_at = models.DateTimeField(auto_now_add=True)


class Erasure(models.Model):
    """The record of what was erased and why (Law No. 58): no content, only what and when."""

    SCHEDULE, AUTHOR = "schedule", "author"
    REASON_CHOICES = [
        (SCHEDULE, _("the school's retention schedule")),
        (AUTHOR, _("at the author's request")),
    ]
    school = models.ForeignKey("schools.School", models.CASCADE, related_name="erasures")
    appeal = models.ForeignKey(Appeal, models.SET_NULL, null=True, related_name="erasures")
    number = models.PositiveIntegerField(null=True)
    year = models.CharField(max_length=20, blank=True)
    reason = models.CharField(max_length=10, choices=REASON_CHOICES)
    messages = models.PositiveIntegerField(default=0)
    attachments = models.PositiveIntegerField(default=0)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at"]
