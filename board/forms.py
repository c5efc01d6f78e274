from django import forms
from django.utils.translation import gettext_lazy as _

from board.models import BoardPost

REDACT_HELP = _(
    "The board is public. Write the question in your own words: leave out names, class, "
    "places, dates and any detail by which the child could be recognised."
)


class BoardPostForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What to put on the board"),
        choices=BoardPost.KIND_CHOICES,
        initial=BoardPost.ANSWER,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose what to put on the board.")},
    )
    question = forms.CharField(
        label=_("The question, redacted"),
        help_text=REDACT_HELP,
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    answer = forms.CharField(
        label=_("The answer"),
        help_text=_("The answer is public too: no names, nothing that points to the child."),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    person = forms.CharField(
        label=_("Who waits for the author, where and when"),
        help_text=_(
            "For an invitation, e.g. “Social pedagogue Nurgul Asanova, room 12, "
            "Monday 14:00”. Do not mention what the letter was about."
        ),
        required=False,
        max_length=300,
    )

    def clean(self):
        data = super().clean()
        for name in ("question", "answer", "person"):
            data[name] = (data.get(name) or "").strip()
        kind = data.get("kind")
        if kind == BoardPost.ANSWER:
            if not data["question"]:
                self.add_error("question", _("Please write the question for the board."))
            if not data["answer"]:
                self.add_error("answer", _("Please write the answer for the board."))
            data["person"] = ""
        elif kind == BoardPost.INVITATION:
            if not data["person"]:
                self.add_error(
                    "person", _("Please write who waits for the author, where and when.")
                )
            data["question"] = data["answer"] = ""
        return data
