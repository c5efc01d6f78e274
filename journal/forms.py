import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from journal.models import REFERRAL_CHOICES, Appeal


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Answer"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10000,
        error_messages={"required": _("The answer is empty.")},
    )
    to_author = forms.BooleanField(
        label=_("The author can read this with their code (untick for an internal note)"),
        required=False,
        initial=True,
    )

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("The answer is empty."))
        return text


class JournalFilterForm(forms.Form):
    """The journal list's filters: GET, all optional, never an error page."""

    q = forms.CharField(label=_("Search in the letters"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)
    urgency = forms.ChoiceField(label=_("Urgency"), required=False)
    channel = forms.ChoiceField(label=_("Channel"), required=False)
    overdue = forms.BooleanField(label=_("Only overdue"), required=False)
    date_from = forms.DateField(
        label=_("Received from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=_("Received to"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    year = forms.ChoiceField(label=_("School year"), required=False)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        any_ = [("", _("all"))]
        self.fields["status"].choices = any_ + Appeal.STATUS_CHOICES
        self.fields["category"].choices = any_ + Appeal.CATEGORY_CHOICES
        self.fields["urgency"].choices = any_ + Appeal.URGENCY_CHOICES
        self.fields["channel"].choices = any_ + Appeal.CHANNEL_CHOICES
        self.fields["year"].choices = any_ + [(str(y.pk), str(y)) for y in years]


class RegisterForm(forms.Form):
    summary = forms.CharField(
        label=_("Short summary for the journal"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=500,
        required=False,
        help_text=_("A line or two, without names. It goes into the journal's fifth column."),
    )


class PaperLetterForm(forms.Form):
    """A letter taken from the box, typed in by the responsible person (regulation A)."""

    received_on = forms.DateField(
        label=_("Date taken from the box"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Please give the date the letter was taken from the box.")},
    )
    author_kind = forms.ChoiceField(
        label=_("Author"), choices=Appeal.AUTHOR_CHOICES, initial=Appeal.PUPIL
    )
    name = forms.CharField(
        label=_("Author's full name (empty if anonymous)"), required=False, max_length=200
    )
    age = forms.IntegerField(label=_("Age"), required=False, min_value=5, max_value=99)
    address = forms.CharField(label=_("Address"), required=False, max_length=300)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=50)
    email = forms.EmailField(label=_("E-mail"), required=False)
    text = forms.CharField(
        label=_("The letter's text"),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Please type the letter's text.")},
    )
    summary = RegisterForm.base_fields["summary"]
    form_code = forms.CharField(
        label=_("Code on the paper form (if the letter is on a printed form)"),
        required=False,
        max_length=40,
        help_text=_("16 digits printed on the form. Its author then reads the answer online."),
    )
    photo = forms.FileField(label=_("Photo or scan of the letter (optional)"), required=False)
    # One form, one journal number: a second post of the same form (a double click, a reload)
    # finds the appeal the first one registered (issue 13, finding 18).
    token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    # As on the online form: the author may keep the letter from named staff (a complaint
    # about the social pedagogue must not land on her desk).
    exclude = forms.MultipleChoiceField(
        label=_("The author asked not to show the letter to:"),
        help_text=_(
            "Tick whom the author named. They will not see the letter and get no alerts "
            "about it. If every reader of the school is ticked, the district's "
            "child-protection specialist gets the letter instead."
        ),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, readers=(), **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("token", uuid.uuid4().hex)
        self.readers = {str(u.pk): u for u in readers}
        self.fields["exclude"].choices = [
            (pk, u.get_full_name() or u.username) for pk, u in self.readers.items()
        ]
        if not self.readers:
            del self.fields["exclude"]

    def excluded_users(self):
        return [self.readers[pk] for pk in self.cleaned_data.get("exclude", [])]

    def clean_received_on(self):
        day = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return day

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Please type the letter's text."))
        return text

    def clean_form_code(self):
        import vault

        typed = self.cleaned_data["form_code"].strip()
        if not typed:
            return None
        code = vault.normalise_receipt(typed)
        if code is None:
            raise forms.ValidationError(
                _("A code has 16 digits, for example 1234 5678 9012 3456. Please check it.")
            )
        return code

    def clean_photo(self):
        from intake.files import clean_upload

        upload = self.cleaned_data.get("photo")
        return clean_upload(upload) if upload else None

    def identity(self):
        d = self.cleaned_data
        if not (d.get("name") or "").strip():
            return None
        return {k: d.get(k) for k in ("name", "age", "address", "phone", "email")}


class WorkForm(forms.Form):
    """Status, category, urgency, assignee, referral and the sealed journal fields."""

    # "Voided" is set only by voiding, with its reason (VoidForm).
    status = forms.ChoiceField(
        label=_("Status"), choices=[c for c in Appeal.STATUS_CHOICES if c[0] != Appeal.VOIDED]
    )
    category = forms.ChoiceField(label=_("Category"), choices=Appeal.CATEGORY_CHOICES)
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Appeal.URGENCY_CHOICES)
    assignee = forms.ModelChoiceField(label=_("Assignee"), queryset=None, required=False)
    referred_to = forms.ChoiceField(
        label=_("Referred to"), required=False, choices=[("", "—")] + REFERRAL_CHOICES
    )
    referred_on = forms.DateField(
        label=_("Referred on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    referral_note = forms.CharField(
        label=_("Referral: how and by whom"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    also_reported_elsewhere = forms.BooleanField(
        label=_("Also reported elsewhere (e.g. the e-diary's anonymous channel)"),
        required=False,
        help_text=_("So that the same case is not counted twice in statistics."),
    )
    summary = RegisterForm.base_fields["summary"]
    measures = forms.CharField(
        label=_("Measures taken"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    correction_reason = forms.CharField(
        label=_("Reason for the correction"),
        required=False,
        max_length=500,
        help_text=_(
            "Needed when you change the summary or the measures of a registered entry: the "
            "old text is kept, and the journal shows it as corrected."
        ),
    )

    def __init__(self, *args, staff=None, journal=None, **kwargs):
        """`journal`: the current summary and measures of a registered entry (None before
        registration, when they may still be changed freely)."""
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = staff
        self.fields["assignee"].label_from_instance = lambda u: u.get_full_name() or u.username
        self.journal = journal
        if journal is None:
            del self.fields["correction_reason"]

    def clean(self):
        data = super().clean()
        if self.journal is not None and not (data.get("correction_reason") or "").strip():
            for field in ("summary", "measures"):
                current = self.journal.get(field) or ""
                if current and field in data and (data[field] or "") != current:
                    self.add_error(
                        "correction_reason",
                        _(
                            "The journal entry is registered: say why you correct it. "
                            "The old text is kept."
                        ),
                    )
                    break
        if data.get("status") == Appeal.REFERRED and not data.get("referred_to"):
            self.add_error("referred_to", _("Say to whom the appeal was referred."))
        if data.get("referred_to") and not data.get("referred_on"):
            self.add_error("referred_on", _("Say when the appeal was referred."))
        if data.get("referred_on") and data["referred_on"] > timezone.localdate():
            self.add_error("referred_on", _("The date cannot be in the future."))
        return data


class DateCorrectionForm(forms.Form):
    """Correct a date of a registered journal entry: a new version, with its reason."""

    field = forms.ChoiceField(
        label=_("Which date"),
        choices=[
            ("received_on", _("Date received")),
            ("answered_on", _("Date of the answer")),
        ],
    )
    new_date = forms.DateField(
        label=_("Correct date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Please give the correct date.")},
    )
    reason = forms.CharField(
        label=_("Reason for the correction"),
        max_length=500,
        error_messages={"required": _("Please say why the date is corrected.")},
    )

    def __init__(self, *args, appeal=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.appeal = appeal

    def clean(self):
        data = super().clean()
        day, field = data.get("new_date"), data.get("field")
        if day and day > timezone.localdate():
            self.add_error("new_date", _("The date cannot be in the future."))
        elif day and field == "answered_on" and day < self.appeal.received_on:
            self.add_error(
                "new_date", _("The answer cannot be dated before the letter was received.")
            )
        elif (
            day
            and field == "received_on"
            and self.appeal.answered_on
            and (day > self.appeal.answered_on)
        ):
            self.add_error("new_date", _("The letter cannot be received after it was answered."))
        elif field == "answered_on" and self.appeal.answered_on is None:
            self.add_error("field", _("The entry has no date of the answer yet."))
        elif day and field and day == getattr(self.appeal, field):
            self.add_error("new_date", _("This is already the date in the journal."))
        return data


class VoidForm(forms.Form):
    """Void a duplicate or mistaken entry: it keeps its number, with the reason."""

    reason = forms.CharField(
        label=_("Why the entry is voided"),
        max_length=500,
        help_text=_("For example: a duplicate of entry No. 12; registered by mistake."),
        error_messages={"required": _("Please say why the entry is voided.")},
    )
    confirm = forms.BooleanField(
        label=_("Yes, void this entry (it keeps its number and stays in the journal)"),
        error_messages={"required": _("Please tick the box to confirm.")},
    )


class EmailAnswerForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    text = forms.CharField(
        label=_("Answer by e-mail"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
        error_messages={"required": _("The answer is empty.")},
    )


class InPersonForm(forms.Form):
    held_on = forms.DateField(
        label=_("Date of the talk"),
        # ISO in the value, as a date input needs, whatever the page's language
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Please give the date the talk was held.")},
    )
    text = forms.CharField(
        label=_("Answer given in person: a note of the talk"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        error_messages={"required": _("Please write a short note of the talk.")},
    )

    def __init__(self, *args, received_on=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.received_on = received_on

    def clean_held_on(self):
        # The journal's "date of the answer" is the talk's own date: never tomorrow, never
        # before the letter came.
        day = self.cleaned_data["held_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        if self.received_on and day < self.received_on:
            raise forms.ValidationError(
                _("The talk cannot be before the letter was received (%(date)s).")
                % {"date": f"{self.received_on:%d.%m.%Y}"}
            )
        return day


class CorrectionsExportForm(forms.Form):
    """Which corrected letters to export for retraining the triage, and whether with text."""

    date_from = forms.DateField(
        label=_("Received from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=_("Received to"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    include_text = forms.BooleanField(
        label=_("Include the text of the letters"),
        required=False,
        widget=forms.CheckboxInput(attrs={"aria-describedby": "id_include_text_helptext"}),
        help_text=_(
            "Names are replaced with [имя] by a simple rule: a name at the start of a sentence "
            "or written in lower case may remain. Read the file before you pass it on."
        ),
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date is before the start date."))
        return data
