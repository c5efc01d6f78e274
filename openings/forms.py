import datetime
import secrets

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commission.models import CommissionMember
from journal.forms import PaperLetterForm
from openings.models import BoxOpening

# A clock a minute or two ahead on the staff member's phone is not "the future".
CLOCK_SKEW = datetime.timedelta(minutes=5)


def new_token():
    return secrets.token_urlsafe(24)


def _seal_number(value):
    """Seal numbers compare without spaces, dashes, a "№" or letter case: "№ 00 12" = "0012"."""
    return "".join(ch for ch in value.casefold() if ch.isalnum())


class OpeningForm(forms.Form):
    """Regulation B 3.1, 3.3 and Appendix 1: what the commission found and did."""

    # A date and a time field rather than one datetime-local input: both are plain inputs
    # that every old phone renders, and the time is typed as "14:30".
    opened_on = forms.DateField(
        label=_("Date of the opening"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Please give the date the box was opened.")},
    )
    opened_time = forms.TimeField(
        label=_("Time of the opening (hours:minutes)"),
        input_formats=["%H:%M", "%H.%M", "%H:%M:%S"],
        widget=forms.TimeInput(
            format="%H:%M", attrs={"inputmode": "numeric", "placeholder": "14:30"}
        ),
        error_messages={
            "required": _("Please give the time the box was opened."),
            "invalid": _("Please give the time as hours and minutes, for example 14:30."),
        },
    )
    box_state = forms.ChoiceField(
        label=_("The box"),
        choices=[
            (BoxOpening.INTACT, _("no mechanical damage")),
            (BoxOpening.DAMAGED, _("mechanically damaged")),
        ],
        widget=forms.RadioSelect,
        initial=BoxOpening.INTACT,
    )
    seal_state = forms.ChoiceField(
        label=_("The seal"),
        choices=[
            (BoxOpening.INTACT, _("intact")),
            (BoxOpening.DAMAGED, _("damaged or missing")),
        ],
        widget=forms.RadioSelect,
        initial=BoxOpening.INTACT,
    )
    damage_description = forms.CharField(
        label=_("Description of the damage"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when the box or the seal is damaged: what you saw."),
    )
    seal_removed = forms.CharField(
        label=_("Number of the seal removed"),
        max_length=50,
        error_messages={"required": _("Please give the number of the seal you removed.")},
    )
    seal_applied = forms.CharField(
        label=_("Number of the new seal applied"),
        max_length=50,
        help_text=_("After every opening the box is sealed again in the presence of all."),
        error_messages={"required": _("Please give the number of the new seal.")},
    )
    found_appeals = forms.TypedChoiceField(
        label=_("Appeals in the box"),
        choices=[("yes", _("appeals were found")), ("no", _("the box was empty"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Please say whether appeals were found in the box.")},
    )
    members_present = forms.ModelMultipleChoiceField(
        label=_("Commission members present"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Please tick the commission members present.")},
    )
    sheets = forms.IntegerField(label=_("Sheets of the act"), min_value=1, max_value=99, initial=1)
    copies = forms.IntegerField(label=_("Copies of the act"), min_value=1, max_value=20, initial=2)
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, commission=None, expected_seal="", rules=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Regulation A's weekly collection has no seal and no act: those fields are optional.
        self.rules = rules
        if rules is not None and not rules.seal_and_openings_journal:
            self.fields["seal_removed"].required = False
            self.fields["seal_applied"].required = False
        if rules is not None and not rules.removal_act:
            self.fields["sheets"].required = False
            self.fields["copies"].required = False
        # The seal put on at the last opening: the one found now must be it (regulation B 3).
        self.expected_seal = expected_seal
        if expected_seal:
            self.fields["seal_removed"].help_text = _(
                "At the last opening the box was sealed with № %(seal)s."
            ) % {"seal": expected_seal}
        members = commission.members.all() if commission else []
        self.fields["members_present"].queryset = (
            commission.members.all() if commission else CommissionMember.objects.none()
        )
        self.fields["members_present"].label_from_instance = _member_label
        if not self.is_bound:
            now = timezone.localtime()
            self.initial.setdefault("opened_on", now.date())
            self.initial.setdefault("opened_time", now.time().replace(second=0, microsecond=0))
            self.initial.setdefault("token", new_token())
            self.initial.setdefault("members_present", [m.pk for m in members])

    def _clean_seal(self, name):
        # Pages and printed acts write "№ {seal}": a "№" typed before the number is dropped.
        value = self.cleaned_data[name].strip().removeprefix("№").strip()
        if not value and self.fields[name].required:
            raise forms.ValidationError(self.fields[name].error_messages["required"])
        return value

    def clean_seal_removed(self):
        return self._clean_seal("seal_removed")

    def clean_seal_applied(self):
        return self._clean_seal("seal_applied")

    def clean(self):
        data = super().clean()
        day, time = data.get("opened_on"), data.get("opened_time")
        if day and time:
            when = timezone.make_aware(datetime.datetime.combine(day, time))
            if when > timezone.now() + CLOCK_SKEW:
                self.add_error(
                    "opened_on" if day > timezone.localdate() else "opened_time",
                    _("The opening cannot be in the future. Please check the date and time."),
                )
            else:
                data["opened_at"] = when
        removed = data.get("seal_removed")
        data["expected_seal"] = self.expected_seal
        data["seal_mismatch"] = bool(
            self.expected_seal
            and removed
            and _seal_number(removed) != _seal_number(self.expected_seal)
        )
        if data["seal_mismatch"] and not (data.get("damage_description") or "").strip():
            self.add_error(
                "damage_description",
                _(
                    "The seal removed (№ %(found)s) is not the seal put on at the last opening "
                    "(№ %(expected)s). Please describe what you saw: it goes into the act and "
                    "the director is told."
                )
                % {"found": removed, "expected": self.expected_seal},
            )
        damaged = BoxOpening.DAMAGED in (data.get("box_state"), data.get("seal_state"))
        if damaged and not (data.get("damage_description") or "").strip():
            self.add_error(
                "damage_description",
                _("Please describe the damage of the box or the seal: what you saw."),
            )
        for name in ("sheets", "copies"):
            if data.get(name) is None and not self.fields[name].required:
                data[name] = 1
        removed, applied = data.get("seal_removed"), data.get("seal_applied")
        if removed and applied and _seal_number(removed) == _seal_number(applied):
            self.add_error(
                "seal_applied",
                _(
                    "The new seal has the same number as the one removed. "
                    "A new seal is put on after every opening: please check the numbers."
                ),
            )
        return data


def _member_label(member):
    position = member.get_position_display() if member.position else ""
    role = member.get_role_display()
    return f"{member.full_name} ({position + ', ' if position else ''}{role})"


class LetterFoundForm(PaperLetterForm):
    """A letter found in the box, typed in there and then: the paper letter form of the
    journal, in the words of the act's list (from whom, return address, note). The date
    received is the opening's date."""

    received_on = None
    name = None
    address = None
    from_whom = forms.CharField(
        label=_("From whom (full name; empty if anonymous)"), required=False, max_length=200
    )
    return_address = forms.CharField(label=_("Return address"), required=False, max_length=300)
    note = forms.CharField(
        label=_("Note for the act"),
        required=False,
        max_length=300,
        help_text=_("For example: in an envelope; on a printed form; with a drawing."),
    )
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    field_order = [
        "author_kind",
        "from_whom",
        "age",
        "return_address",
        "phone",
        "email",
        "text",
        "summary",
        "note",
        "form_code",
        "photo",
        "token",
    ]

    def __init__(self, *args, with_act=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_act:  # regulation A: a weekly collection keeps a list, not an act
            self.fields["note"].label = _("Note")
        if not self.is_bound:
            self.initial.setdefault("token", new_token())

    def identity(self):
        """The author's identity for the journal: none (anonymous) unless a name or a way
        to answer was written on the letter."""
        d = self.cleaned_data
        identity = {
            "name": (d.get("from_whom") or "").strip(),
            "age": d.get("age"),
            "address": (d.get("return_address") or "").strip(),
            "phone": (d.get("phone") or "").strip(),
            "email": d.get("email") or "",
        }
        if not any(identity[k] for k in ("name", "address", "phone", "email")):
            return None
        return identity

    def act_return_address(self):
        """The act's "return address": the address, else a phone or e-mail written on it."""
        d = self.cleaned_data
        parts = [(d.get(k) or "").strip() for k in ("return_address", "phone", "email")]
        return ", ".join(p for p in parts if p)
