from django import forms
from django.utils.translation import gettext_lazy as _


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
