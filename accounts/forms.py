import re

from django import forms
from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _


class LoginForm(forms.Form):
    username = forms.CharField(label=_("Login"), max_length=150)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput)

    def __init__(self, request=None, *args, **kwargs):
        self.request = request
        self.user = None
        self.refused = None
        super().__init__(*args, **kwargs)

    def refuse(self, message):
        """Refuse this attempt without checking the password (too many attempts)."""
        self.refused = message

    def clean(self):
        data = super().clean()
        if self.refused:
            raise forms.ValidationError(self.refused)
        if self.errors:
            return data
        self.user = authenticate(self.request, username=data["username"], password=data["password"])
        if self.user is None or not self.user.is_active:
            raise forms.ValidationError(_("Wrong login or password."))
        return data


def code_field():
    return forms.CharField(
        label=_("6-digit code from the app"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": 8}
        ),
    )


class CodeForm(forms.Form):
    """A code from the authenticator app, checked once against the user's TwoFactor."""

    code = code_field()

    def __init__(self, two_factor, *args, take_guess=None, **kwargs):
        self.two_factor = two_factor
        self.was_a_guess = False  # only real guesses (six digits) count toward the lock-out
        # Counts the guess before it is checked; False refuses it unheard (parallel requests).
        self.take_guess = take_guess
        self.refused = False
        super().__init__(*args, **kwargs)

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not re.fullmatch(r"\d{6}", code):
            raise forms.ValidationError(_("Type the 6 digits that the app shows now."))
        self.was_a_guess = True
        if self.take_guess is not None and not self.take_guess():
            self.refused = True
            raise forms.ValidationError(_("Type the 6 digits that the app shows now."))
        if not self.two_factor.accept(code):
            raise forms.ValidationError(
                _(
                    "This code is not right, or it has already been used. "
                    "Wait for the next code in the app and type it."
                )
            )
        return code


class TwoFactorOffForm(CodeForm):
    """Turning two-factor off needs both the password and a code: a left-open session is not enough."""

    password = forms.CharField(label=_("Your password"), widget=forms.PasswordInput)
    field_order = ["password", "code"]

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.two_factor.user.check_password(password):
            raise forms.ValidationError(_("This password is not right."))
        return password

    def clean_code(self):
        # Check the password first, so a wrong password does not use up a good code.
        if "password" not in self.cleaned_data:
            return self.cleaned_data["code"]
        return super().clean_code()


class StaffLeaveForm(forms.Form):
    """A director or the school's admin switches off a staff member who leaves and names who
    takes over their open letters."""

    leaver = forms.ModelChoiceField(queryset=None, label=_("Who leaves"))
    successor = forms.ModelChoiceField(queryset=None, label=_("Who takes over their open letters"))
    confirm = forms.BooleanField(
        label=_(
            "I confirm: this person leaves the school's staff. Their account is switched off "
            "and they are logged out at once."
        )
    )

    def __init__(self, *args, staff, readers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leaver"].queryset = staff
        self.fields["successor"].queryset = readers
        for name in ("leaver", "successor"):
            self.fields[name].label_from_instance = lambda u: u.get_full_name() or u.username

    def clean(self):
        data = super().clean()
        if data.get("leaver") and data.get("leaver") == data.get("successor"):
            self.add_error(
                "successor", _("Choose another person: the one who leaves cannot take over.")
            )
        return data
