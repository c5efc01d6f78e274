from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commission.models import Candidacy, CommissionMember, Meeting
from journal.models import REFERRAL_CHOICES

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# Rows of the order form without JavaScript: enough for a large commission; "more rows" adds.
MEMBER_ROWS = 7


def staff_of(school):
    return (
        get_user_model()
        .objects.filter(memberships__school=school, is_active=True)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def _user_label(user):
    return user.get_full_name() or user.username


class OrderForm(forms.Form):
    order_number = forms.CharField(label=_("Order number"), max_length=50)
    order_date = forms.DateField(label=_("Order date"), widget=DATE)

    def clean_order_date(self):
        value = self.cleaned_data["order_date"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return value


class MemberRowForm(forms.Form):
    """One member of the order: a staff account of the school, or a person without one."""

    user = forms.ModelChoiceField(
        label=_("Staff account"), queryset=None, required=False, empty_label="—"
    )
    full_name = forms.CharField(
        label=_("Full name (if no account)"), max_length=200, required=False
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=[("", "—")] + CommissionMember.ROLE_CHOICES, required=False
    )
    is_responsible = forms.BooleanField(label=_("Responsible for appeals"), required=False)

    def __init__(self, *args, school=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = staff_of(school)
        self.fields["user"].label_from_instance = _user_label

    @property
    def is_blank(self):
        d = getattr(self, "cleaned_data", {})
        return not d.get("user") and not d.get("full_name", "").strip()

    def clean(self):
        data = super().clean()
        if self.is_blank:
            return data
        if not data.get("role"):
            self.add_error("role", _("Choose the member's role."))
        return data


class BaseMemberFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        users = [f.cleaned_data["user"] for f in self.forms if f.cleaned_data.get("user")]
        if len(users) != len(set(users)):
            raise forms.ValidationError(_("The same staff account is listed twice."))
        if not any(not f.is_blank for f in self.forms):
            raise forms.ValidationError(_("Add the members of the commission."))


MemberFormSet = forms.formset_factory(MemberRowForm, formset=BaseMemberFormSet, extra=0)


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=_("Date of the meeting"), widget=DATE)
    kind = forms.ChoiceField(label=_("Kind of meeting"), choices=Meeting.KIND_CHOICES)
    attendance = forms.ModelMultipleChoiceField(
        label=_("Present"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    agenda = forms.CharField(
        label=_("Agenda"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("No names of children here: write them only in the minutes' text."),
    )
    decisions = forms.CharField(
        label=_("Decisions"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("No names of children here: write them only in the minutes' text."),
    )
    minutes = forms.CharField(
        label=_("Text of the minutes"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Kept sealed: only staff holding the school's key read it."),
    )

    def __init__(self, *args, commission=None, with_minutes=True, new=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.commission, self.new = commission, new
        self.fields["attendance"].queryset = commission.members.all()
        self.fields["attendance"].label_from_instance = _member_label
        if not with_minutes:
            del self.fields["minutes"]
        # Only the kinds of meeting the school's regulation has.
        rules = commission.school.rules()
        has = {
            Meeting.FIRST: rules.elect_chair_and_secretary,
            Meeting.WEEKLY_REVIEW: rules.weekly_collection,
            Meeting.QUARTERLY_REPORT: rules.quarterly_report,
        }
        self.fields["kind"].choices = [
            (k, label) for k, label in Meeting.KIND_CHOICES if has.get(k, True)
        ]

    def clean_kind(self):
        from commission.meetings import needs_election_first

        kind = self.cleaned_data["kind"]
        # Regulation B 4.5: the election of chair and secretary comes before any other item.
        if self.new and kind != Meeting.FIRST and needs_election_first(self.commission):
            raise forms.ValidationError(
                _(
                    "This commission has not elected its chair and secretary yet. Its first "
                    "meeting elects them by open vote before any other item."
                )
            )
        return kind

    def clean_held_on(self):
        value = self.cleaned_data["held_on"]
        if value > timezone.localdate() + timezone.timedelta(days=60):
            raise forms.ValidationError(_("The date is too far ahead."))
        return value


def _member_label(member):
    return f"{member.full_name} — {member.get_role_display()}"


class CandidateForm(forms.Form):
    position = forms.ChoiceField(label=_("Position"), choices=Candidacy.POSITION_CHOICES)
    member = forms.ModelChoiceField(label=_("Candidate"), queryset=None, empty_label=None)

    def __init__(self, *args, commission=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = commission.members.all()
        self.fields["member"].label_from_instance = _member_label


class VoteForm(forms.Form):
    """The logged-in member votes as themselves; the responsible person or the secretary also
    records the open vote of a member who has no account (marked as recorded for them)."""

    position = forms.ChoiceField(label=_("Position"), choices=Candidacy.POSITION_CHOICES)
    candidate = forms.ModelChoiceField(label=_("Vote for"), queryset=None, empty_label=None)
    voter = forms.ModelChoiceField(label=_("Voter"), queryset=None, empty_label=None)

    def __init__(self, *args, meeting=None, voters=None, **kwargs):
        super().__init__(*args, **kwargs)
        candidates = meeting.commission.members.filter(candidacies__meeting=meeting).distinct()
        self.fields["candidate"].queryset = candidates
        self.fields["candidate"].label_from_instance = lambda m: m.full_name
        self.fields["voter"].queryset = voters
        self.fields["voter"].label_from_instance = _voter_label


def _voter_label(member):
    if member.has_account:
        return member.full_name
    note = _("no account: recorded for them")  # outside the f-string, so xgettext finds it
    return f"{member.full_name} ({note})"


class PaperSignForm(forms.Form):
    member = forms.ModelChoiceField(label=_("Member"), queryset=None, empty_label=None)

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members
        self.fields["member"].label_from_instance = lambda m: m.full_name


class DecisionForm(forms.Form):
    """The commission's decision on one appeal, written into the appeal's journal fields."""

    measures = forms.CharField(
        label=_("Measures taken"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    referred_to = forms.ChoiceField(
        label=_("Referred to"), required=False, choices=[("", "—")] + REFERRAL_CHOICES
    )
    referred_on = forms.DateField(label=_("Referred on"), required=False, widget=DATE)

    def clean(self):
        data = super().clean()
        if data.get("referred_to") and not data.get("referred_on"):
            self.add_error("referred_on", _("Say when the appeal was referred."))
        if data.get("referred_on") and data["referred_on"] > timezone.localdate():
            self.add_error("referred_on", _("The date cannot be in the future."))
        return data
