from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

import vault
from intake.files import clean_upload
from journal.models import Appeal


class LetterFields(forms.Form):
    """The text and an optional file: shared by the first letter and every later one."""

    text = forms.CharField(
        label=_("Your letter"),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Please write your letter: the text is empty.")},
    )
    attachment = forms.FileField(
        label=_("A picture or a PDF file (optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,.pdf"}),
    )

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise ValidationError(_("Please write your letter: the text is empty."))
        limit = settings.APPEAL_TEXT_MAX
        if len(text) > limit:
            raise ValidationError(
                _(
                    "The letter is %(length)d characters long; the limit is %(limit)d. Please shorten it."
                )
                % {"length": len(text), "limit": limit}
            )
        return text

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        return clean_upload(upload) if upload else None


class LetterForm(LetterFields):
    """The anonymous letter: no field asks who the author is (issue 15). The signed letter
    adds the identity fields to it (SignedLetterForm)."""

    signed = False
    # Optional: a frightened child should not be stopped by it; unanswered counts as "other".
    author_kind = forms.ChoiceField(
        label=_("Who are you?"),
        choices=Appeal.AUTHOR_CHOICES,
        widget=forms.RadioSelect,
        required=False,
    )
    exclude = forms.MultipleChoiceField(
        label=_("Do not show my letter to:"),
        help_text=_(
            "If you tick everyone who reads letters at this school, your letter goes to the "
            "district's child-protection specialist instead, so that someone can still help."
        ),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)

    field_order = ["author_kind", "text", "attachment", "exclude", "token"]

    def __init__(self, *args, readers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.readers = {str(u.pk): u for u in readers}
        self.fields["exclude"].choices = [
            (pk, u.get_full_name() or u.username) for pk, u in self.readers.items()
        ]
        if not self.readers:
            del self.fields["exclude"]

    def clean_author_kind(self):
        return self.cleaned_data.get("author_kind") or Appeal.OTHER

    def identity(self):
        return None

    def identity_fields(self):
        return []

    def excluded_users(self):
        return [self.readers[pk] for pk in self.cleaned_data.get("exclude", [])]


IDENTITY = ("name", "age", "school_class", "phone", "email", "address")


class SignedLetterForm(LetterForm):
    signed = True
    name = forms.CharField(
        label=_("Name and surname"),
        max_length=200,
        error_messages={"required": _("You chose to sign the letter: please write your name.")},
    )
    age = forms.IntegerField(label=_("Age"), required=False, min_value=5, max_value=99)
    school_class = forms.CharField(label=_("Class"), required=False, max_length=20)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=50)
    email = forms.EmailField(label=_("E-mail"), required=False)
    address = forms.CharField(label=_("Address"), required=False, max_length=300)

    field_order = ["author_kind", *IDENTITY, "text", "attachment", "exclude", "token"]

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise ValidationError(_("You chose to sign the letter: please write your name."))
        return name

    def identity(self):
        return {k: self.cleaned_data.get(k) for k in IDENTITY}

    def identity_fields(self):
        return [self[k] for k in IDENTITY]


class CheckForm(forms.Form):
    code = forms.CharField(
        label=_("Your appeal's code"),
        max_length=40,
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "off",
                "placeholder": "0000 0000 0000 0000",
            }
        ),
        error_messages={"required": _("Please type the 16-digit code from your receipt.")},
    )

    def clean_code(self):
        code = vault.normalise_receipt(self.cleaned_data["code"])
        if code is None:
            raise ValidationError(
                _("A code has 16 digits, for example 1234 5678 9012 3456. Please check it.")
            )
        return code


class SchoolSearchForm(forms.Form):
    q = forms.CharField(label=_("School or district"), required=False, max_length=100)
