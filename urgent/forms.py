from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from urgent.models import REFERRAL_HOW, REFERRAL_TO

MAX_STEPS = 5


class LadderForm(forms.Form):
    """The school's ladder as up to five rows; a row with nobody on it is left out."""

    decision_cutoff = forms.TimeField(
        label=_("The same-day decision on referral is due by"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )

    def __init__(self, *args, staff=(), has_specialist=False, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(u.pk), u.get_full_name() or u.get_username()) for u in staff]
        self.has_specialist = has_specialist
        for i in range(1, MAX_STEPS + 1):
            self.fields[f"step{i}_staff"] = forms.MultipleChoiceField(
                label=_("Step %(n)d: who is alerted") % {"n": i},
                choices=choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
            self.fields[f"step{i}_minutes"] = forms.IntegerField(
                label=_("Step %(n)d: minutes to confirm before the next step") % {"n": i},
                min_value=1,
                max_value=240,
                initial=15,
            )
            if has_specialist:
                self.fields[f"step{i}_specialist"] = forms.BooleanField(
                    label=_("Step %(n)d: also the district's child-protection specialist")
                    % {"n": i},
                    required=False,
                )

    def rows(self):
        """[(position, minutes, [user ids], specialist)] of the rows that name someone."""
        out = []
        for i in range(1, MAX_STEPS + 1):
            staff = [int(pk) for pk in self.cleaned_data.get(f"step{i}_staff") or []]
            specialist = bool(self.cleaned_data.get(f"step{i}_specialist"))
            if staff or specialist:
                out.append((len(out) + 1, self.cleaned_data[f"step{i}_minutes"], staff, specialist))
        return out

    def step_fields(self):
        """The fields grouped by step, for the template."""
        for i in range(1, MAX_STEPS + 1):
            group = [self[f"step{i}_staff"], self[f"step{i}_minutes"]]
            if self.has_specialist:
                group.append(self[f"step{i}_specialist"])
            yield i, group


class AbsenceForm(forms.Form):
    user = forms.TypedChoiceField(label=_("Staff member"), coerce=int)
    starts_on = forms.DateField(
        label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    ends_on = forms.DateField(
        label=_("To (inclusive)"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, staff=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = [(u.pk, u.get_full_name() or u.get_username()) for u in staff]

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("The last day cannot be before the first."))
        return data


class DecisionForm(forms.Form):
    """The same-day decision on referral: referred (to whom, when, how, by whom) or not and why."""

    referred = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("yes", _("Referred")), ("no", _("Not referred"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    referral_to = forms.ChoiceField(
        label=_("Referred to"), choices=[("", "—"), *REFERRAL_TO], required=False
    )
    referred_at = forms.DateTimeField(
        label=_("When"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d.%m.%Y %H:%M"],
    )
    referral_how = forms.ChoiceField(
        label=_("How"), choices=[("", "—"), *REFERRAL_HOW], required=False
    )
    note = forms.CharField(
        label=_("By whom, to whom by name, or why not referred"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )

    def clean(self):
        data = super().clean()
        if data.get("referred") is True:
            for name in ("referral_to", "referral_how"):
                if not data.get(name):
                    self.add_error(name, _("Choose one."))
            if not data.get("referred_at"):
                data["referred_at"] = timezone.now()
            elif data["referred_at"] > timezone.now() + timezone.timedelta(minutes=5):
                self.add_error("referred_at", _("This time is in the future."))
        elif data.get("referred") is False and not (data.get("note") or "").strip():
            self.add_error("note", _("Write why the letter is not referred."))
        return data
