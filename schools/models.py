"""Districts, schools and their regulation parameters, school years."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class District(models.Model):
    name_ky = models.CharField(_("name in Kyrgyz"), max_length=200)
    name_ru = models.CharField(_("name in Russian"), max_length=200)

    class Meta:
        ordering = ["name_ky"]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return self.name_ru if get_language() in ("ru", "en") else self.name_ky


class SchoolQuerySet(models.QuerySet):
    def for_user(self, user):
        """The schools a staff member works in: the only ones they may see."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user).distinct()


class School(models.Model):
    FIVE_DAY, SIX_DAY = 5, 6
    WEEK_CHOICES = [(FIVE_DAY, _("5-day week")), (SIX_DAY, _("6-day week"))]
    WEEKDAYS = [
        (0, _("Monday")),
        (1, _("Tuesday")),
        (2, _("Wednesday")),
        (3, _("Thursday")),
        (4, _("Friday")),
        (5, _("Saturday")),
        (6, _("Sunday")),
    ]

    slug = models.SlugField(unique=True)
    name_ky = models.CharField(_("name in Kyrgyz"), max_length=300)
    name_ru = models.CharField(_("name in Russian"), max_length=300)
    district = models.ForeignKey(
        District, models.PROTECT, related_name="schools", verbose_name=_("district")
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    # Regulation A: answer within 5 working days; commission reads on the 6th day.
    answer_days = models.PositiveSmallIntegerField(
        _("answer deadline, working days"), default=5, validators=[MinValueValidator(1)]
    )
    review_weekday = models.PositiveSmallIntegerField(
        _("review weekday"), choices=WEEKDAYS, default=5
    )
    working_week = models.PositiveSmallIntegerField(
        _("working week"), choices=WEEK_CHOICES, default=FIVE_DAY
    )
    # Triage: who else gets the immediate (content-free) alert for an urgent appeal.
    urgent_alert_emails = models.CharField(
        _("also alert about urgent appeals (e-mails, comma-separated)"), max_length=500, blank=True
    )
    # The urgent lane: the decision on referral is due the same day by this time.
    decision_cutoff = models.TimeField(
        _("same-day decision on urgent letters is due by"), default=datetime.time(18, 0)
    )
    # Law No. 58, the retention schedule: a closed letter's sealed content is erased this many
    # school years after its year's journal closed (the journal row and printed year stay).
    retention_years = models.PositiveSmallIntegerField(
        _("keep a closed letter's content, school years"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(75)],
    )
    # The mailbox never closes: in the holidays urgent alerts also go to this person.
    holiday_duty = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("on duty in the holidays"),
    )
    # The vault: the school's public key; the private key exists only wrapped.
    public_key = models.BinaryField(editable=False)
    recovery_salt = models.BinaryField(editable=False)
    recovery_wrapped_key = models.BinaryField(editable=False)
    # The Argon2id cost the recovery wrap was made with (vault.crypto.KdfParams).
    recovery_opslimit = models.PositiveIntegerField(editable=False)
    recovery_memlimit = models.PositiveBigIntegerField(editable=False)
    receipt_salt = models.BinaryField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SchoolQuerySet.as_manager()

    class Meta:
        ordering = ["name_ky"]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return self.name_ru if get_language() in ("ru", "en") else self.name_ky

    def calendar(self):
        from schools.calendar import WorkingCalendar

        return WorkingCalendar(self)

    def rules(self, on=None):
        """The school's regulation in force on `on` (schools.models.Rules)."""
        return Rules(self, Regulation.objects.in_force(self, on))

    def journal_year(self, on=None):
        """The school year whose journal takes a letter on `on`: the school year holding it,
        or, once that year's journal is closed, the next one (numbers start again at 1)."""
        year = self.current_school_year(on)
        while year.closed_at is not None:
            year = year.next_year()
        return year

    def current_school_year(self, on=None):
        on = on or datetime.date.today()
        year = self.school_years.filter(starts_on__lte=on, ends_on__gte=on).first()
        return year or SchoolYear.ensure_for(self, on)


class SchoolContact(models.Model):
    """A person the author may call: social pedagogue, deputy director, juvenile inspector."""

    school = models.ForeignKey(School, models.CASCADE, related_name="contacts")
    title_ky = models.CharField(_("title in Kyrgyz"), max_length=200)
    title_ru = models.CharField(_("title in Russian"), max_length=200)
    phone = models.CharField(_("phone"), max_length=50)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    @property
    def title(self):
        return self.title_ru if get_language() in ("ru", "en") else self.title_ky


class SchoolYear(models.Model):
    """Regulation A 5: the mail works during the school year; numbers restart each year."""

    school = models.ForeignKey(School, models.CASCADE, related_name="school_years")
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    # Regulation A, "Record keeping": the year's journal closes on a date the school sets
    # (the end of the school year when not set); later letters go to the next year's journal.
    closes_on = models.DateField(_("the journal closes on"), null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    last_number = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # The printed year, frozen: a PDF sealed to the school's key like a letter (it holds names
    # and contacts); the checksum of the sealed bytes is also in the audit chain.
    sealed_pdf = models.BinaryField(null=True, blank=True, editable=False)
    sealed_pdf_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    pdf_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    pdf_version = models.PositiveSmallIntegerField(default=0, editable=False)
    pdf_frozen_at = models.DateTimeField(null=True, blank=True, editable=False)
    # An author's words were erased after freezing: the printed year is re-issued.
    pdf_needs_reissue = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["school", "starts_on"], name="one_year_per_start")
        ]

    def __str__(self):
        return f"{self.starts_on.year}–{self.ends_on.year}"

    @property
    def closing_date(self):
        """The day the journal closes: the school's date, or the last day of the year."""
        return self.closes_on or self.ends_on

    @property
    def is_closed(self):
        return self.closed_at is not None

    def next_year(self):
        return SchoolYear.ensure_for(self.school, self.ends_on + datetime.timedelta(days=1))

    @classmethod
    def ensure_for(cls, school, on):
        """The school year holding `on`: 1 September to 31 August by default."""
        start_year = on.year if on.month >= 9 else on.year - 1
        year, _created = cls.objects.get_or_create(
            school=school,
            starts_on=datetime.date(start_year, 9, 1),
            defaults={"ends_on": datetime.date(start_year + 1, 8, 31)},
        )
        return year


class DayOff(models.Model):
    """A day the school does not work beyond the public holidays: vacation, local day off."""

    school = models.ForeignKey(School, models.CASCADE, related_name="days_off")
    date = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["school", "date"], name="one_day_off_per_date")
        ]

    def __str__(self):
        return f"{self.date:%d.%m.%Y} {self.reason}"


class Enrolment(models.Model):
    """A school on the national list (`manage.py import_schools`), waiting for its key.

    No school key is made centrally (issue 16): the national operator must never hold one.
    The import invites the responsible person (accounts.Invitation); at their first login
    they make the School with its key and print the recovery-key sheet
    (accounts/school_keys.py, `first_key`). Until then an enrolment holds what the ministry
    knows, and `school` stays empty.
    """

    A, B = "A", "B"
    REGULATION_CHOICES = [(A, "A"), (B, "B")]
    LANGUAGE_CHOICES = [("ky", "Кыргызча"), ("ru", "Русский"), ("uz", "Oʻzbekcha")]

    code = models.CharField(max_length=20, unique=True)  # the ministry's school code
    name_ky = models.CharField(max_length=300)
    name_ru = models.CharField(max_length=300)
    district = models.ForeignKey(District, models.PROTECT, related_name="enrolments")
    region = models.CharField(max_length=100)
    language = models.CharField(max_length=2, choices=LANGUAGE_CHOICES)
    regulation = models.CharField(max_length=1, choices=REGULATION_CHOICES)
    responsible_email = models.EmailField()
    director_email = models.EmailField(blank=True)
    # Set when the school's responsible person has made its key at their first login.
    school = models.OneToOneField(
        School, models.PROTECT, null=True, blank=True, related_name="enrolment"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name_ky}"


class RegulationQuerySet(models.QuerySet):
    def in_force(self, school, on=None):
        """The school's regulation on `on` (today by default): the latest that has started by
        then. Before the school's first choice, that choice (once in force) covers the past
        too: the school had no other regulation, and its commission's order may be older."""
        today = datetime.date.today()
        on = on or today
        found = self.filter(school=school, starts_on__lte=on).order_by("-starts_on", "-id").first()
        if found is None and on < today:
            found = (
                self.filter(school=school, starts_on__lte=today).order_by("starts_on", "id").first()
            )
        return found


class Regulation(models.Model):
    """The regulation a school works under from a date: regulation A (trust mail, school
    No. 6), regulation B (box of trust with a commission), or the school's own mix of their
    rules. Every check and reminder reads these switches, never a constant."""

    A, B, OWN = "A", "B", "own"
    KIND_CHOICES = [
        (A, _("Regulation A: trust mail, weekly collection, commission of three")),
        (B, _("Regulation B: box of trust, commission by the head's order")),
        (OWN, _("The school's own mix of the rules")),
    ]
    THREE, ODD_WITH_PARENT, ANY = "three", "odd_with_parent", "any"
    COMMISSION_CHOICES = [
        (
            THREE,
            _(
                "Three: the social pedagogue, the deputy director for upbringing and the "
                "trade-union representative (regulation A)"
            ),
        ),
        (
            ODD_WITH_PARENT,
            _("An odd number with a parents' representative, by the head's order (regulation B)"),
        ),
        (ANY, _("No rule on the composition")),
    ]

    school = models.ForeignKey(School, models.CASCADE, related_name="regulations")
    starts_on = models.DateField(_("in force from"))
    kind = models.CharField(_("regulation"), max_length=4, choices=KIND_CHOICES, default=B)
    commission_rule = models.CharField(
        _("composition of the commission"),
        max_length=20,
        choices=COMMISSION_CHOICES,
        default=ODD_WITH_PARENT,
    )
    # Regulation A: letters are taken out once a week and read together on the sixth day.
    weekly_collection = models.BooleanField(
        _("weekly collection and review on the review day"), default=False
    )
    # Regulation B 4.3: no fewer than 2 meetings per half-year (0: no such rule).
    meetings_per_half_year = models.PositiveSmallIntegerField(
        _("meetings per half-year, at least"), default=2
    )
    # Regulation B 4.5: chair and secretary elected by open vote at the first meeting.
    elect_chair_and_secretary = models.BooleanField(
        _("chair and secretary elected at the first meeting"), default=True
    )
    # Regulation B 4.6: the quarterly analytical report by the 5th day of the month.
    quarterly_report = models.BooleanField(_("quarterly analytical report"), default=True)
    report_day = models.PositiveSmallIntegerField(
        _("report due by this day of the month"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
    )
    # Regulation B 3.1 and Appendix 1.
    removal_act = models.BooleanField(_("act of removal at each opening"), default=True)
    # Regulation B 3.3: the box sealed after each opening, the journal of openings.
    seal_and_openings_journal = models.BooleanField(_("seal and journal of openings"), default=True)
    # Regulation A: an answer within 5 working days.
    answer_days = models.PositiveSmallIntegerField(
        _("answer deadline, working days"), default=5, validators=[MinValueValidator(1)]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RegulationQuerySet.as_manager()

    SWITCHES = (
        "commission_rule",
        "weekly_collection",
        "meetings_per_half_year",
        "elect_chair_and_secretary",
        "quarterly_report",
        "report_day",
        "removal_act",
        "seal_and_openings_journal",
        "answer_days",
    )
    PRESETS = {
        A: {
            "commission_rule": THREE,
            "weekly_collection": True,
            "meetings_per_half_year": 0,
            "elect_chair_and_secretary": False,
            "quarterly_report": False,
            "report_day": 5,
            "removal_act": False,
            "seal_and_openings_journal": False,
            "answer_days": 5,
        },
        B: {
            "commission_rule": ODD_WITH_PARENT,
            "weekly_collection": False,
            "meetings_per_half_year": 2,
            "elect_chair_and_secretary": True,
            "quarterly_report": True,
            "report_day": 5,
            "removal_act": True,
            "seal_and_openings_journal": True,
            "answer_days": 5,
        },
    }

    class Meta:
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["school", "starts_on"], name="one_regulation_per_date")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.starts_on:%d.%m.%Y})"

    def apply_preset(self):
        """Regulation A or B sets every switch; the school's own mix keeps what was chosen."""
        for name, value in self.PRESETS.get(self.kind, {}).items():
            setattr(self, name, value)

    @property
    def label(self):
        return {self.A: _("regulation A"), self.B: _("regulation B")}.get(
            self.kind, _("the school's own regulation")
        )


class Rules:
    """The rules a school works under on a day, read by every check and reminder.

    A school that has not chosen a regulation yet runs every check of both (nothing is
    missed) with regulation B's composition rule: what Ishenim did before the choice."""

    def __init__(self, school, regulation=None):
        self.school = school
        self.regulation = regulation
        if regulation is None:
            self.kind = None
            self.commission_rule = Regulation.ODD_WITH_PARENT
            self.weekly_collection = True
            self.meetings_per_half_year = 2
            self.elect_chair_and_secretary = True
            self.quarterly_report = True
            self.report_day = 5
            self.removal_act = True
            self.seal_and_openings_journal = True
            self.answer_days = school.answer_days
        else:
            self.kind = regulation.kind
            for name in Regulation.SWITCHES:
                setattr(self, name, getattr(regulation, name))

    @property
    def keeps_meetings(self):
        return self.meetings_per_half_year > 0


def rules_for(schools, on=None):
    """{school pk: Rules} for many schools in one query (the sweeps run over thousands)."""
    on = on or datetime.date.today()
    schools = list(schools)
    latest = {}
    today = datetime.date.today()
    for regulation in Regulation.objects.filter(
        school__in=schools, starts_on__lte=max(on, today)
    ).order_by("starts_on", "id"):
        # As in_force: the latest started by `on`, else the first choice already in force.
        if regulation.starts_on <= on or regulation.school_id not in latest:
            latest[regulation.school_id] = regulation
    return {s.pk: Rules(s, latest.get(s.pk)) for s in schools}
