"""An appeal's history in words: each audit event as a sentence in the reader's language.
The log keeps ids (field names, choice keys, channels); this page never shows them (issue 15)."""

import datetime

from django.contrib.auth import get_user_model
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from journal.models import Appeal, Message

# The journal's sealed fields have no model field of their own to take a name from.
SEALED_FIELD_LABELS = {
    "summary": gettext_lazy("Short summary"),
    "measures": gettext_lazy("Measures taken"),
    "referral_note": gettext_lazy("Referral: how and by whom"),
}
ANSWER_CHANNELS = {**dict(Message.CHANNEL_CHOICES), "board": gettext_lazy("on the board")}
EXPORTS = {"author_data": gettext_lazy("everything stored about the author")}


def field_label(name):
    from journal.models import JournalCorrection

    if name in SEALED_FIELD_LABELS:
        return str(SEALED_FIELD_LABELS[name])
    corrected = dict(JournalCorrection.FIELD_CHOICES)
    if name in corrected:
        return str(corrected[name])
    try:
        field = Appeal._meta.get_field(name)
    except Exception:  # noqa: BLE001 — a field removed since the event: say nothing of it
        return _("another field")
    return str(field.verbose_name).capitalize()


def _value(name, value, users):
    """A stored value as a person reads it: a choice's label, a name, a date, yes or no."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if name == "assignee":
        user = users.get(value)
        return (user.get_full_name() or user.get_username()) if user else _("a former member")
    try:
        field = Appeal._meta.get_field(name)
    except Exception:  # noqa: BLE001
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, "—"))
    if isinstance(value, str) and field.get_internal_type() == "DateField":
        try:
            return date_format(datetime.date.fromisoformat(value), "d.m.Y")
        except ValueError:
            return value
    return str(value)


def _details(event, users):
    d = event.detail or {}
    parts = []
    if d.get("field"):
        name = d["field"]
        if name in SEALED_FIELD_LABELS or d.get("new") is None and d.get("old") is None:
            parts.append(field_label(name))
        else:
            parts.append(
                f"{field_label(name)}: {_value(name, d.get('old'), users)} → "
                f"{_value(name, d.get('new'), users)}"
            )
    if event.action == "change" and d.get("handover"):
        # Staff leave: the assignee left the school's staff and the letter was handed over.
        parts.append(_("handed over: the person it was assigned to left the school's staff"))
    if event.action == "review_decision" and d.get("fields"):
        parts.append(", ".join(field_label(f) for f in d["fields"]))
    if event.action == "act_letter_added" and d.get("opening"):
        parts.append(
            _("box opening No. %(opening)s, line %(position)s")
            % {"opening": d["opening"], "position": d.get("position", "—")}
        )
    if d.get("number"):
        parts.append(f"№ {d['number']}")
    if d.get("channel"):
        parts.append(str(ANSWER_CHANNELS.get(d["channel"], "—")))
    if event.action == "urgent_decision":
        if d.get("referred"):
            from urgent.models import REFERRAL_TO

            to = dict(REFERRAL_TO).get(d.get("to"), "—")
            parts.append(_("referred: %(to)s") % {"to": to})
        else:
            parts.append(_("not referred"))
    if event.action == "board_publish" and d.get("kind"):
        from board.models import BoardPost

        parts.append(str(dict(BoardPost.KIND_CHOICES).get(d["kind"], "—")))
    if event.action == "export" and d.get("what") in EXPORTS:
        parts.append(str(EXPORTS[d["what"]]))
    return parts


def history(events):
    """[{at, actor, text}] for the appeal page, newest first as given."""
    events = list(events)
    ids = {
        e.detail.get(k)
        for e in events
        for k in ("old", "new")
        if e.detail.get("field") == "assignee"
    }
    users = get_user_model().objects.in_bulk([i for i in ids if isinstance(i, int)])
    lines = []
    for event in events:
        actor = event.actor
        lines.append(
            {
                "at": event.at,
                "actor": (actor.get_full_name() or actor.get_username()) if actor else None,
                "text": " · ".join([str(event.label), *_details(event, users)]),
            }
        )
    return lines
