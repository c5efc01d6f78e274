"""The quarterly analytic report (regulation B 4.6), the school's own quarter dates, and the
district viewers who see statistics across schools (DESIGN.md §1: district / ministry)."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

QUARTER_VALIDATORS = [MinValueValidator(1), MaxValueValidator(4)]
QUARTER_CHOICES = [(q, str(q)) for q in range(1, 5)]


class ReportPeriod(models.Model):
    """A school's own dates for a quarter (e.g. school terms); calendar quarters otherwise."""

    school = models.ForeignKey("schools.School", models.CASCADE, related_name="report_periods")
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), choices=QUARTER_CHOICES, validators=QUARTER_VALIDATORS
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    class Meta:
        ordering = ["year", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "year", "quarter"], name="one_period_per_quarter"
            )
        ]

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError(_("The quarter must end after it starts."))


class QuarterlyReportQuerySet(models.QuerySet):
    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(school__memberships__user=user).distinct()


class QuarterlyReport(models.Model):
    """Regulation B 4.6: every quarter, by the 5th day of the next month, the responsible
    person prepares an analytical report on the appeals received, discussed at a meeting.

    `figures` is a snapshot (counts only, no text, no identity) so that the report that was
    discussed stays as it was, even when late answers change the journal afterwards."""

    school = models.ForeignKey("schools.School", models.PROTECT, related_name="quarterly_reports")
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), choices=QUARTER_CHOICES, validators=QUARTER_VALIDATORS
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    figures = models.JSONField(default=dict)
    figures_on = models.DateField(_("figures as of"), null=True)
    conclusions = models.TextField(_("conclusions"), blank=True)
    proposals = models.TextField(_("proposals"), blank=True)
    meeting = models.ForeignKey(
        "commission.Meeting",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="quarterly_reports",
        verbose_name=_("meeting"),
    )
    discussed = models.BooleanField(_("discussed at the meeting"), default=False)
    discussed_on = models.DateField(_("date of the discussion"), null=True, blank=True)
    # Once discussed at a meeting the report is frozen with that meeting's minutes number:
    # a later recalculation makes a new version, and both are kept (issue 14).
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    frozen_at = models.DateTimeField(_("frozen"), null=True, blank=True, editable=False)
    frozen_meeting_number = models.PositiveIntegerField(
        _("minutes number"), null=True, blank=True, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = QuarterlyReportQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-quarter", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "year", "quarter", "version"], name="one_report_version"
            )
        ]

    def __str__(self):
        return f"{self.year} Q{self.quarter} v{self.version}"

    @property
    def is_frozen(self):
        return self.frozen_at is not None

    def freeze(self):
        """Regulation B 4.6: the report the meeting discussed stays as it was discussed."""
        if self.is_frozen or not self.discussed:
            return False
        self.frozen_at = timezone.now()
        self.frozen_meeting_number = self.meeting.number if self.meeting_id else None
        self.save(update_fields=["frozen_at", "frozen_meeting_number", "updated_at"])
        return True

    def versions(self):
        return QuarterlyReport.objects.filter(
            school_id=self.school_id, year=self.year, quarter=self.quarter
        ).order_by("version")

    def new_version(self, user, figures, figures_on):
        """A recalculation of a frozen report: a new version with the same text, undiscussed;
        the frozen one is kept untouched."""
        last = self.versions().last()
        return QuarterlyReport.objects.create(
            school=self.school,
            year=self.year,
            quarter=self.quarter,
            starts_on=self.starts_on,
            ends_on=self.ends_on,
            figures=figures,
            figures_on=figures_on,
            conclusions=self.conclusions,
            proposals=self.proposals,
            version=last.version + 1,
            created_by=user,
        )

    @property
    def label(self):
        from reports.labels import quarter_name

        return quarter_name(self.year, self.quarter)

    @property
    def due_on(self):
        return due_date(self.ends_on, self.school.rules(self.ends_on).report_day)

    @property
    def is_empty(self):
        return not self.figures.get("total")


def due_date(quarter_end: datetime.date, day: int = 5) -> datetime.date:
    """Regulation B 4.6: by the 5th day (the school's `report_day`) of the month after."""
    after = quarter_end + datetime.timedelta(days=1)
    if after.day != 1:  # the school's own quarter ends mid-month: the next month's 5th
        after = (after.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return after.replace(day=day)


class DistrictViewer(models.Model):
    """A person of the district education department: sees the district's figures (counts
    with small numbers suppressed), never a letter, never a name."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="district_roles"
    )
    district = models.ForeignKey("schools.District", models.CASCADE, related_name="viewers")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "district"], name="viewer_once")]

    def __str__(self):
        return f"{self.user} — {self.district}"
