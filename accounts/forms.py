import re

from django import forms
from django.contrib.auth import authenticate, get_user_model, password_validation
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.translation import gettext_lazy as _

from accounts.models import Invitation, Membership


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


# --- Keys and staff (issue 13) ---------------------------------------------------------------


class InviteForm(forms.Form):
    """A key holder or the director invites a person to the school's staff."""

    full_name = forms.CharField(label=_("Full name"), max_length=200)
    role = forms.ChoiceField(label=_("Role"), choices=Membership.ROLE_CHOICES)
    delivery = forms.ChoiceField(
        label=_("How the invitation reaches the person"),
        choices=Invitation.DELIVERY_CHOICES,
        widget=forms.RadioSelect,
        initial=Invitation.PAPER,
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_("Needed only for a link by e-mail."),
    )

    def clean(self):
        data = super().clean()
        if data.get("delivery") == Invitation.EMAIL and not data.get("email"):
            self.add_error("email", _("Write the e-mail address the link goes to."))
        return data


class JoinForm(forms.Form):
    """The invited person types the code (or follows the link), chooses a login and a password."""

    code = forms.CharField(
        label=_("Invitation code"),
        max_length=40,
        help_text=_(
            "As printed on the paper or written in the e-mail, for example ABCD-EFGH-JKLM-NPQR."
        ),
    )
    username = forms.CharField(
        label=_("Login"),
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text=_("Letters, digits and @ . + - _ only."),
    )
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("The password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_code(self):
        self.invitation = Invitation.objects.by_code(self.cleaned_data["code"])
        if self.invitation is None:
            raise forms.ValidationError(
                _(
                    "This code does not work: it may be mistyped, already used or too old. "
                    "Ask the person who invited you for a new one."
                )
            )
        return self.cleaned_data["code"]

    def clean_username(self):
        username = self.cleaned_data["username"]
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This login is taken. Choose another one."))
        return username

    def clean(self):
        data = super().clean()
        one, two = data.get("password1"), data.get("password2")
        if one and two and one != two:
            self.add_error("password2", _("The two passwords are not the same."))
        elif one:
            user = get_user_model()(
                username=data.get("username", ""),
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
            )
            try:
                password_validation.validate_password(one, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField()

    def __init__(self, *args, label, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["confirm"].label = label


class LeaverSignForm(forms.Form):
    """The one who left signs the handover in person, with their own password."""

    password = forms.CharField(
        label=_("Password of the person who left"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, leaver, **kwargs):
        super().__init__(*args, **kwargs)
        self.leaver = leaver

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.leaver.check_password(password):
            raise forms.ValidationError(_("This password is not right."))
        return password


class DesignationForm(forms.Form):
    """Regulation A: the school's designation of the key holder."""

    user = forms.ModelChoiceField(label=_("Who holds the key"), queryset=None)
    since = forms.DateField(
        label=_("Since"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    decision = forms.CharField(
        label=_("By which decision (order or minutes, number and date)"), max_length=200
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            get_user_model()
            .objects.filter(memberships__school=school, is_active=True)
            .distinct()
            .order_by("last_name", "first_name", "username")
        )
        self.fields["user"].label_from_instance = lambda u: u.get_full_name() or u.username


class RecoveryForm(forms.Form):
    """Lost password of the last member (issue 13): the recovery-key sheet from the school safe
    gives the member a new password and the school key again."""

    username = forms.CharField(label=_("Login"), max_length=150)
    recovery_key = forms.CharField(
        label=_("Code from the recovery-key sheet"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    password1 = forms.CharField(
        label=_("New password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("New password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        one, two = data.get("password1"), data.get("password2")
        if one and two and one != two:
            self.add_error("password2", _("The two passwords are not the same."))
        elif one:
            try:
                password_validation.validate_password(
                    one, get_user_model()(username=data.get("username", ""))
                )
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data
