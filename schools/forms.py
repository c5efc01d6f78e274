import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from schools.models import DayOff, Regulation, School, SchoolContact


class SchoolSettingsForm(forms.ModelForm):
    class Meta:
        model = School
        fields = [
            "answer_days",
            "review_weekday",
            "working_week",
            "urgent_alert_emails",
            "holiday_duty",
            "retention_years",
            "address",
            "phone",
            "email",
        ]
        error_messages = {
            "answer_days": {
                "min_value": _("The deadline must be at least 1 working day."),
                "required": _("Give the deadline in working days."),
            }
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Once the school has chosen its regulation, the answer days are one of its switches.
        if self.instance.pk and self.instance.regulations.exists():
            del self.fields["answer_days"]
        if self.instance.pk:
            from django.contrib.auth import get_user_model

            # Only the school's own staff can be on duty; alerts carry no text, never names.
            self.fields["holiday_duty"].queryset = (
                get_user_model()
                .objects.filter(memberships__school=self.instance, is_active=True)
                .distinct()
                .order_by("last_name", "first_name")
            )
            self.fields["holiday_duty"].label_from_instance = lambda u: (
                u.get_full_name() or u.username
            )
            self.fields["holiday_duty"].help_text = _(
                "The mailbox never closes: on days the school does not work this person also "
                "gets the alert about an urgent letter."
            )

    def clean_urgent_alert_emails(self):
        from django.core.validators import validate_email

        raw = self.cleaned_data["urgent_alert_emails"]
        emails = [e.strip() for e in raw.replace(";", ",").split(",") if e.strip()]
        for e in emails:
            try:
                validate_email(e)
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("“%(value)s” is not an e-mail address.") % {"value": e}
                ) from None
        return ", ".join(emails)


class DayOffForm(forms.ModelForm):
    """One day off, or a vacation as a range of days (regulation B's calendar is entered once,
    not day by day)."""

    MAX_DAYS = 120  # a summer vacation; a longer range is a typing mistake

    until = forms.DateField(
        label=_("Last day (for a vacation)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty for a single day."),
    )

    class Meta:
        model = DayOff
        fields = ["date", "until", "reason"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, school=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school

    def clean(self):
        data = super().clean()
        first, last = data.get("date"), data.get("until") or data.get("date")
        if not first:
            return data
        if last < first:
            self.add_error("until", _("The last day is before the first day."))
            return data
        if (last - first).days + 1 > self.MAX_DAYS:
            self.add_error(
                "until",
                _("A range of days off may be at most %(days)d days long.")
                % {"days": self.MAX_DAYS},
            )
            return data
        days = [first + datetime.timedelta(days=i) for i in range((last - first).days + 1)]
        taken = set(
            DayOff.objects.filter(school=self.school, date__in=days).values_list("date", flat=True)
        )
        if len(taken) == len(days):
            self.add_error(
                "date",
                _("This day is already a day off.")
                if len(days) == 1
                else _("These days are already days off."),
            )
        self.days = [d for d in days if d not in taken]
        return data

    def save_days(self):
        """The new days off, each its own row (the calendar reads days)."""
        reason = self.cleaned_data.get("reason", "")
        return DayOff.objects.bulk_create(
            [DayOff(school=self.school, date=d, reason=reason) for d in self.days]
        )


class ContactForm(forms.ModelForm):
    """A person the author may call, shown with the help lines on the author's pages."""

    class Meta:
        model = SchoolContact
        fields = ["title_ky", "title_ru", "phone"]


class RegulationForm(forms.ModelForm):
    """The regulation the school works under from a date. Regulation A or B sets every switch
    as that regulation says; the school's own mix takes the switches as ticked."""

    class Meta:
        model = Regulation
        fields = ["kind", "starts_on", *Regulation.SWITCHES]
        widgets = {
            "kind": forms.RadioSelect,
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "starts_on": _("Today, or a later date for a planned change."),
            "meetings_per_half_year": _("0 when the regulation sets no number of meetings."),
        }
        error_messages = {
            "starts_on": {"required": _("Give the date the regulation is in force from.")},
            "report_day": {
                "min_value": _("Give a day from 1 to 28."),
                "max_value": _("Give a day from 1 to 28."),
            },
            "answer_days": {"min_value": _("The deadline must be at least 1 working day.")},
        }

    def __init__(self, *args, school=None, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school
        self.today = today or datetime.date.today()

    def clean_starts_on(self):
        starts_on = self.cleaned_data["starts_on"]
        if starts_on < self.today:
            # The past is what the school did: checks already run can't change behind it.
            raise forms.ValidationError(_("The regulation can change from today or later."))
        return starts_on
