"""Districts, schools and their regulation parameters, school years."""

import datetime

from django.core.validators import MinValueValidator
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

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["school", "starts_on"], name="one_year_per_start")
        ]

    def __str__(self):
        return f"{self.starts_on.year}–{self.ends_on.year}"

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
