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
    "regulation_chosen": _("chose the regulation the school works under"),
    "year_closed": _("closed the school year's journal"),
    "meeting_late_confirmed": _("confirmed a meeting entered late"),
    "erased_by_author": _("the author erased their words"),
    "retention_erased": _("erased by the retention schedule"),
    "year_closing_date": _("set the day the school year's journal closes"),
    "year_pdf_frozen": _("froze the printed journal of the school year"),
    "day_off_add": _("added a day off"),
    "day_off_remove": _("removed a day off"),
    "contact_add": _("added a contact"),
    "contact_remove": _("removed a contact"),
    "staff_added": _("added a staff member"),
    "paper_forms_printed": _("printed paper forms"),
    "password_changed": _("changed the password"),
    "password_reset": _("gave a staff member a new password"),
    "password_recovered": _("set a new password with the recovery-key sheet"),
    "two_factor_enabled": _("turned on two-factor login"),
    "two_factor_disabled": _("turned off two-factor login"),
    "two_factor_reset": _("reset two-factor login"),
    "invitation_made": _("invited a person to the staff"),
    "invitation_cancelled": _("cancelled an invitation"),
    "invitation_accepted": _("accepted the invitation"),
    "invitation_confirmed": _("confirmed an invited person"),
    "key_granted": _("gave the school key"),
    "key_withdrawn": _("took the school key from a person who left"),
    "key_rotated": _("started a new school key and printed a new recovery-key sheet"),
    "school_key_made": _("made the school's key and printed the recovery-key sheet"),
    "access_read": _("opened the page of who can read letters"),
    "access_ended_by_order": _("ended a member's access to the letters by the commission order"),
    "key_holder_designated": _("recorded the school's designation of the key holder"),
    "handover_signed": _("signed the handover"),
}


INSTALLATION = "installation"


def chain_of(school_id):
    """The chain an event belongs to: its school's, or the installation's for events with no
    school (a district specialist, the system). Each chain is locked and verified alone, so
    one school's writes never wait on another's (issue 16)."""
    return f"school:{school_id}" if school_id else INSTALLATION


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
    # The chain ("school:<id>" or "installation") and the event's place in it, from 1. The
    # unique pair means two writers can never fork a chain, whatever the locking.
    chain = models.CharField(max_length=32)
    seq = models.PositiveBigIntegerField()
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["chain", "seq"], name="audit_event_chain_seq"),
        ]

    @property
    def label(self):
        return ACTION_LABELS.get(self.action, _("recorded an event"))

    def compute_hash(self):
        return event_hash(
            chain=self.chain,
            seq=self.seq,
            prev_hash=self.prev_hash,
            at=self.at,
            actor_id=self.actor_id,
            school_id=self.school_id,
            appeal_id=self.appeal_id,
            action=self.action,
            detail=self.detail,
        )

    def save(self, *args, **kwargs):
        if self.pk:
            raise PermissionError("audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("audit events are append-only")


def event_hash(*, chain, seq, prev_hash, at, actor_id, school_id, appeal_id, action, detail):
    """SHA-256 of an event with its chain and place (version 2: the per-school chains; the
    migration that made them kept the old global chain's head in a Checkpoint)."""
    payload = json.dumps(
        [2, chain, seq, prev_hash, at.isoformat(), actor_id, school_id, appeal_id, action, detail],
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


GENESIS = "0" * 64
# PostgreSQL advisory locks take two 32-bit keys: this class, and the school's id (0 for the
# installation's chain). One school's writers queue behind each other, never behind others.
CHAIN_LOCK_CLASS = 74736


def _lock_chain(school_id):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s, %s)", [CHAIN_LOCK_CLASS, int(school_id or 0)]
            )
    # SQLite: a write transaction is already the only writer of the whole database.


def record(action, *, actor=None, school=None, appeal=None, **detail):
    """Append one event to its school's chain. Detail must never hold sealed content."""
    school = school or (appeal.school if appeal else None)
    school_id = school.pk if school else None
    chain = chain_of(school_id)
    with transaction.atomic():
        _lock_chain(school_id)
        last = Event.objects.filter(chain=chain).order_by("-seq").only("seq", "hash").first()
        event = Event(
            actor=actor if actor is not None and actor.is_authenticated else None,
            school=school,
            appeal=appeal,
            action=action,
            detail=detail,
            chain=chain,
            seq=last.seq + 1 if last else 1,
            prev_hash=last.hash if last else GENESIS,
            at=timezone.now().replace(microsecond=0),
        )
        event.hash = event.compute_hash()
        event.save()
        return event


class Checkpoint(models.Model):
    """A chain's head (its length and last hash) at a moment, signed with the installation's
    audit key, which is kept outside the database (audit/anchor.py). A copy of each line goes
    to a file beside the backups. Whoever can write the database can re-hash a chain or cut
    its newest events; they cannot sign a checkpoint that agrees, and the file keeps the old
    one. Issue 13, finding 16."""

    DAILY, RELINKED = "daily", "relinked"
    KIND_CHOICES = [(DAILY, "daily"), (RELINKED, "re-linked by a migration")]

    chain = models.CharField(max_length=32)
    count = models.PositiveBigIntegerField()
    last_hash = models.CharField(max_length=64)
    made_at = models.DateTimeField(default=timezone.now)
    kind = models.CharField(max_length=10, choices=KIND_CHOICES, default=DAILY)
    # Ed25519 signature (hex) of `message()` and the public key that made it (hex); empty for
    # the migration's record of the re-link, which no key signed.
    signature = models.CharField(max_length=128, blank=True)
    public_key = models.CharField(max_length=64, blank=True)
    # For RELINKED: what the single global chain was before it was split (count, head, and the
    # first broken event if it was already broken), so the re-hashing is on the record.
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["chain", "-count"], name="audit_checkpoint_head")]

    def message(self):
        return (
            f"ishenim-audit-checkpoint:v1:{self.chain}:{self.count}:{self.last_hash}:"
            f"{self.made_at.isoformat()}"
        ).encode()

    def as_line(self):
        return {
            "chain": self.chain,
            "count": self.count,
            "last_hash": self.last_hash,
            "made_at": self.made_at.isoformat(),
            "signature": self.signature,
            "public_key": self.public_key,
        }


def verify_chain(chain):
    """Return (checked, first_broken_event or None) for one chain, walking it in order."""
    prev, expected_seq, checked = GENESIS, 1, 0
    for event in Event.objects.filter(chain=chain).order_by("seq").iterator(chunk_size=2000):
        if (
            event.seq != expected_seq
            or event.prev_hash != prev
            or event.compute_hash() != event.hash
        ):
            return checked, event
        prev, expected_seq = event.hash, expected_seq + 1
        checked += 1
    return checked, None


def chains():
    """Every chain that has events or a checkpoint."""
    names = set(Event.objects.order_by().values_list("chain", flat=True).distinct())
    names |= set(Checkpoint.objects.order_by().values_list("chain", flat=True).distinct())
    return sorted(names, key=lambda c: (c != INSTALLATION, len(c), c))
