from django import forms
from django.utils.translation import gettext_lazy as _

from schools.models import DayOff, School, SchoolContact


class SchoolSettingsForm(forms.ModelForm):
    class Meta:
        model = School
        fields = [
            "answer_days",
            "review_weekday",
            "working_week",
            "urgent_alert_emails",
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
    class Meta:
        model = DayOff
        fields = ["date", "reason"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, school=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school

    def clean_date(self):
        day = self.cleaned_data["date"]
        if DayOff.objects.filter(school=self.school, date=day).exists():
            raise forms.ValidationError(_("This day is already a day off."))
        return day


class ContactForm(forms.ModelForm):
    """A person the author may call, shown with the help lines on the author's pages."""

    class Meta:
        model = SchoolContact
        fields = ["title_ky", "title_ru", "phone"]
