from django import forms
from django.utils.translation import gettext_lazy as _

from reports.models import QUARTER_CHOICES, QuarterlyReport, ReportPeriod


class DraftForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(label=_("Quarter"), choices=QUARTER_CHOICES, coerce=int)


class ReportTextForm(forms.ModelForm):
    class Meta:
        model = QuarterlyReport
        fields = ["conclusions", "proposals"]
        widgets = {
            "conclusions": forms.Textarea(attrs={"rows": 6}),
            "proposals": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "conclusions": _("What the quarter's appeals show. Do not write children's names."),
            "proposals": _("What the school should do next. Do not write children's names."),
        }


class MeetingForm(forms.ModelForm):
    class Meta:
        model = QuarterlyReport
        fields = ["meeting", "discussed", "discussed_on"]
        widgets = {"discussed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, meetings=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings
        self.fields["meeting"].label_from_instance = lambda m: (
            f"{m.held_on:%d.%m.%Y} — {m.get_kind_display()} ({m})"
        )

    def clean(self):
        data = super().clean()
        if data.get("discussed") and not (data.get("meeting") or data.get("discussed_on")):
            raise forms.ValidationError(
                _("Choose the meeting that discussed the report, or give its date.")
            )
        if data.get("discussed") and data.get("meeting") and not data.get("discussed_on"):
            data["discussed_on"] = data["meeting"].held_on
        return data


class QuarterFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(label=_("Quarter"), choices=QUARTER_CHOICES, coerce=int)


class ReportPeriodForm(forms.ModelForm):
    """A school's own dates for a quarter (its terms), instead of the calendar quarter."""

    class Meta:
        model = ReportPeriod
        fields = ["year", "quarter", "starts_on", "ends_on"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, school=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.school = school

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("The end must come after the start."))
        year, quarter = data.get("year"), data.get("quarter")
        if (
            year
            and quarter
            and ReportPeriod.objects.filter(
                school=self.instance.school, year=year, quarter=quarter
            ).exists()
        ):
            self.add_error(
                "quarter", _("This quarter already has its own dates; remove them first.")
            )
        return data
