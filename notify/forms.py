from django import forms


class TelegramForm(forms.Form):
    """The Telegram page's two buttons: a new link code, or unlink."""

    action = forms.ChoiceField(choices=[("code", "code"), ("unlink", "unlink")])
