"""The record of every read and change: append-only, hash-chained (DESIGN.md §4)."""

import hashlib
import json

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("audit events are append-only")

    def delete(self):
        raise PermissionError("audit events are append-only")


# What an action is called on screen (the appeal's history). Every action the code records has
# a label here (a guard test checks it): a person never reads the id.
ACTION_LABELS = {
    "appeal_read": _("opened the appeal"),
    "journal_read": _("opened the journal"),
    "attachment_read": _("downloaded a file"),
    "register": _("registered in the journal"),
    "change": _("changed"),
    "answer": _("answered"),
    "reply": _("answered in the conversation"),
    "note": _("wrote an internal note"),
    "email_failed": _("the e-mail was not sent"),
    "board_publish": _("published on the board"),
    "board_withdraw": _("withdrew from the board"),
    "export": _("exported"),
    "urgent_alert": _("urgent alerts sent"),
    "urgent_acknowledged": _("confirmed: seen, taking action"),
    "urgent_decision": _("recorded the decision on referral"),
    "urgent_decision_late": _("the decision on referral is late: the next step was told"),
    "unread_alert": _("nobody had opened the letter: staff were alerted"),
    "ladder_changed": _("changed who is alerted about urgent letters"),
    "absence_added": _("entered an absence"),
    "absence_removed": _("removed an absence"),
    "specialist_added": _("added the district's child-protection specialist"),
    "correct": _("corrected the journal entry"),
    "void": _("voided the journal entry"),
    "identity_erased": _("erased the author's name and contacts"),
    "box_opened": _("recorded a box opening"),
    "act_letter_added": _("registered from the box and added to the act of removal"),
    "act_read": _("opened the act of removal"),
    "act_signed": _("signed the act of removal"),
    "review_read": _("opened the weekly review"),
    "review_decision": _("recorded the commission's decision"),
    "meeting_created": _("recorded a meeting"),
    "minutes_read": _("opened the minutes"),
    "minutes_changed": _("changed the minutes"),
    "minutes_final": _("made the minutes final"),
    "minutes_signed": _("signed the minutes"),
    "candidate_proposed": _("proposed a candidate"),
    "vote_cast": _("recorded a vote"),
    "election_applied": _("applied the election's result"),
    "commission_draft": _("prepared the commission's order"),
    "commission_in_force": _("put the commission's order in force"),
    "report_drafted": _("drafted the quarterly report"),
    "report_edited": _("edited the quarterly report"),
    "report_meeting": _("linked the report to a meeting"),
    "report_frozen": _("froze the report as discussed at the meeting"),
    "report_new_version": _("made a new version of the report"),
    "report_period": _("set a report period"),
    "report_period_removed": _("removed a report period"),
    "settings": _("changed the school's settings"),
    "day_off_add": _("added a day off"),
    "day_off_remove": _("removed a day off"),
    "contact_add": _("added a contact"),
    "contact_remove": _("removed a contact"),
    "staff_added": _("added a staff member"),
    "paper_forms_printed": _("printed paper forms"),
    "password_changed": _("changed the password"),
    "password_reset": _("gave a staff member a new password"),
    "two_factor_enabled": _("turned on two-factor login"),
    "two_factor_disabled": _("turned off two-factor login"),
    "two_factor_reset": _("reset two-factor login"),
}


class Event(models.Model):
    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    school = models.ForeignKey("schools.School", models.PROTECT, null=True, related_name="+")
    appeal = models.ForeignKey(
        "journal.Appeal", models.PROTECT, null=True, blank=True, related_name="audit_events"
    )
    action = models.CharField(max_length=40)
    detail = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["id"]

    @property
    def label(self):
        return ACTION_LABELS.get(self.action, _("recorded an event"))

    def compute_hash(self):
        payload = json.dumps(
            [
                self.prev_hash,
                self.at.isoformat(),
                self.actor_id,
                self.school_id,
                self.appeal_id,
                self.action,
                self.detail,
            ],
            sort_keys=True,
            ensure_ascii=False,
        )
        return hashlib.sha256(payload.encode()).hexdigest()

    def save(self, *args, **kwargs):
        if self.pk:
            raise PermissionError("audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("audit events are append-only")


GENESIS = "0" * 64


def record(action, *, actor=None, school=None, appeal=None, **detail):
    """Append one event to the chain. Detail must never hold sealed content."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # One writer at a time extends the chain (SQLite's immediate transactions do this).
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(74736)")
        last = Event.objects.select_for_update().order_by("-id").only("hash").first()
        event = Event(
            actor=actor if actor is not None and actor.is_authenticated else None,
            school=school or (appeal.school if appeal else None),
            appeal=appeal,
            action=action,
            detail=detail,
            prev_hash=last.hash if last else GENESIS,
            at=timezone.now().replace(microsecond=0),
        )
        event.hash = event.compute_hash()
        event.save()
        return event


def verify_chain():
    """Return (checked, first_broken_event or None)."""
    prev = GENESIS
    checked = 0
    for event in Event.objects.order_by("id").iterator():
        if event.prev_hash != prev or event.compute_hash() != event.hash:
            return checked, event
        prev = event.hash
        checked += 1
    return checked, None
