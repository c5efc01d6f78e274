"""The urgent lane: who is called, in what order, until an adult confirms; the same-day decision
on referral; absences; the district's child-protection specialist who is the last reader."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DEFAULT_MINUTES = (15, 15, 30)


class LadderStep(models.Model):
    """One step of a school's escalation ladder: these people are alerted when the steps before
    them have not confirmed within their minutes."""

    school = models.ForeignKey("schools.School", models.CASCADE, related_name="ladder_steps")
    position = models.PositiveSmallIntegerField(_("step"))
    minutes = models.PositiveSmallIntegerField(_("minutes to confirm"), default=15)
    staff = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    district_specialist = models.BooleanField(
        _("the district's child-protection specialist"), default=False
    )

    class Meta:
        ordering = ["school", "position"]
        constraints = [
            models.UniqueConstraint(fields=["school", "position"], name="one_step_per_position")
        ]


class Absence(models.Model):
    """A staff member away (leave, illness, training): the ladder skips them on these days."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="absences")
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to (inclusive)"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on"]

    @classmethod
    def absent_ids(cls, on=None):
        on = on or timezone.localdate()
        return set(
            cls.objects.filter(starts_on__lte=on, ends_on__gte=on).values_list("user_id", flat=True)
        )


class ChildProtectionSpecialist(models.Model):
    """The district's child-protection specialist (DESIGN.md §1): the last step of every ladder
    of the district. Holds a key pair of their own — the private half wrapped under their
    password — so a letter whose author excluded every reader at the school is still read."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="child_protection"
    )
    district = models.ForeignKey(
        "schools.District", models.CASCADE, related_name="child_protection_specialists"
    )
    public_key = models.BinaryField(editable=False)
    salt = models.BinaryField(editable=False)
    wrapped_key = models.BinaryField(editable=False)
    # The Argon2id cost of the wrap, as for a staff member's KeyGrant: changing the settings
    # never locks the specialist out; the key is wrapped again at today's cost at login.
    kdf_opslimit = models.PositiveIntegerField()
    kdf_memlimit = models.PositiveBigIntegerField()

    @property
    def kdf_params(self):
        from vault.crypto import KdfParams

        return KdfParams(self.kdf_opslimit, self.kdf_memlimit)

    def __str__(self):
        return f"{self.user} — {self.district}"


class SpecialistCopy(models.Model):
    """The letter and the author's identity sealed to a specialist's own key: made only when the
    author excluded every key holder of the school."""

    appeal = models.ForeignKey("journal.Appeal", models.CASCADE, related_name="specialist_copies")
    specialist = models.ForeignKey(ChildProtectionSpecialist, models.CASCADE, related_name="copies")
    sealed = models.BinaryField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["appeal", "specialist"], name="one_copy_per_specialist")
        ]


REFERRAL_TO = [
    ("police", _("police / juvenile affairs inspector (IDN)")),
    ("social", _("family and child support department / social protection")),
    ("medical", _("medical help")),
    ("helpline", _("children's helpline 111")),
    ("other", _("other")),
]
REFERRAL_HOW = [
    ("phone", _("by phone")),
    ("written", _("in writing")),
    ("in_person", _("in person")),
]


class UrgentCase(models.Model):
    """An urgent (or "attention") letter in the lane: the waves of alerts sent, who confirmed,
    and the decision on referral. Holds no content; the decision's words are sealed."""

    URGENT, ATTENTION = "urgent", "attention"
    LEVEL_CHOICES = [(URGENT, _("urgent")), (ATTENTION, _("attention"))]

    appeal = models.OneToOneField("journal.Appeal", models.CASCADE, related_name="urgent_case")
    school = models.ForeignKey("schools.School", models.CASCADE, related_name="+")
    level = models.CharField(max_length=10, choices=LEVEL_CHOICES, default=URGENT)
    opened_at = models.DateTimeField(default=timezone.now)
    # Waves of alerts sent so far; the next one is due at next_alert_at (None: no more).
    wave = models.PositiveIntegerField(default=0)
    next_alert_at = models.DateTimeField(null=True, blank=True, db_index=True)
    acknowledged_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_due_at = models.DateTimeField(_("decision due"), null=True, blank=True, db_index=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    referred = models.BooleanField(null=True)
    referral_to = models.CharField(_("referred to"), max_length=20, choices=REFERRAL_TO, blank=True)
    referral_how = models.CharField(_("how"), max_length=20, choices=REFERRAL_HOW, blank=True)
    referred_at = models.DateTimeField(_("when"), null=True, blank=True)
    # Sealed to the school: who made the call, the name of the officer, or why not referred.
    sealed_decision_note = models.BinaryField(null=True, editable=False)
    late_flagged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at"]

    @property
    def is_acknowledged(self):
        return self.acknowledged_at is not None

    @property
    def is_decided(self):
        return self.decided_at is not None

    def minutes_waiting(self, now=None):
        end = self.acknowledged_at or now or timezone.now()
        return max(0, int((end - self.opened_at).total_seconds() // 60))

    def decision_is_late(self, now=None):
        now = now or timezone.now()
        return bool(self.decision_due_at and not self.decided_at and self.decision_due_at < now)


class NetAlert(models.Model):
    """The unread-letter net: a letter nobody who can read it has opened. One row per stage
    (1: the responsible person after a working day, 2: the next step after two)."""

    appeal = models.ForeignKey("journal.Appeal", models.CASCADE, related_name="+")
    stage = models.PositiveSmallIntegerField()
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["appeal", "stage"], name="net_once")]


def same_day_deadline(school, moment):
    """The decision is due the same day by the school's cut-off (default 18:00); after the
    cut-off, or on a day off, by noon of the next working day."""
    local = timezone.localtime(moment)
    calendar = school.calendar()
    cutoff = school.decision_cutoff or datetime.time(18, 0)
    if calendar.is_working_day(local.date()) and local.time() < cutoff:
        return local.replace(hour=cutoff.hour, minute=cutoff.minute, second=0, microsecond=0)
    day = calendar.next_working_day(local.date())
    noon = datetime.datetime.combine(day, datetime.time(12, 0))
    return timezone.make_aware(noon, timezone.get_current_timezone())
