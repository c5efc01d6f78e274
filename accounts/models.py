"""Staff roles per school (regulations: responsible person, commission, director); login safety."""

import time

import pyotp
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Membership(models.Model):
    RESPONSIBLE = "responsible"
    MEMBER = "member"
    DIRECTOR = "director"
    ADMIN = "admin"
    DEPUTY = "deputy"
    ROLE_CHOICES = [
        (RESPONSIBLE, _("Responsible person (social pedagogue)")),
        (MEMBER, _("Commission member")),
        (DIRECTOR, _("Director")),
        (ADMIN, _("School administrator")),
        (DEPUTY, _("Deputy director for upbringing")),
    ]
    # Roles that read letters; the director manages by figures and deadlines.
    READERS = (RESPONSIBLE, MEMBER, ADMIN, DEPUTY)

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="memberships")
    school = models.ForeignKey("schools.School", models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=ROLE_CHOICES)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "school", "role"], name="one_role_once")
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()}"


class TwoFactor(models.Model):
    """A staff member's authenticator app (TOTP). Optional; once confirmed, login asks for a code."""

    ISSUER = "Ishenim"

    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="two_factor")
    secret = models.CharField(max_length=64)  # base32, as the authenticator app holds it
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # The newest 30-second step a code was accepted for: a code is good once, never again.
    last_used_step = models.BigIntegerField(default=0)

    @classmethod
    def start(cls, user):
        """The user's unconfirmed set-up, with a fresh secret if there is none yet."""
        obj, _created = cls.objects.get_or_create(
            user=user, defaults={"secret": pyotp.random_base32()}
        )
        return obj

    @classmethod
    def is_on(cls, user):
        return cls.objects.filter(user=user, confirmed_at__isnull=False).exists()

    def totp(self):
        return pyotp.TOTP(self.secret)

    def uri(self):
        return self.totp().provisioning_uri(name=self.user.get_username(), issuer_name=self.ISSUER)

    def secret_groups(self):
        return [self.secret[i : i + 4] for i in range(0, len(self.secret), 4)]

    def accept(self, code: str) -> bool:
        """True once for a right code (one step of clock drift either way); replays are refused."""
        totp = self.totp()
        now = totp.timecode(time.time())
        for step in (now, now - 1, now + 1):
            if step > self.last_used_step and pyotp.utils.strings_equal(
                code, totp.generate_otp(step)
            ):
                # A conditional update, so two requests racing with one code can't both pass.
                used = TwoFactor.objects.filter(pk=self.pk, last_used_step__lt=step).update(
                    last_used_step=step
                )
                if used:
                    self.last_used_step = step
                return bool(used)
        return False


class Handover(models.Model):
    """A staff member left the school's staff ("Staff leave", issue 13): the account was
    switched off by a director or the school's admin and the open letters assigned to them
    went to a named person. What was open, to whom, when and by whom."""

    school = models.ForeignKey("schools.School", models.CASCADE, related_name="handovers")
    left = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="handovers_left"
    )
    to = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="handovers_received"
    )
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    appeals = models.ManyToManyField("journal.Appeal", blank=True, related_name="handovers")
    # Letters the author kept from the person chosen: left without an assignee, for the
    # responsible person to give to someone else.
    not_handed = models.ManyToManyField("journal.Appeal", blank=True, related_name="+")

    class Meta:
        ordering = ["-at"]
