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

    # Signed by both (issue 13): the one who left confirms what they handed over (with their
    # password, in person at the director's screen: their account is already off), and the
    # one who received confirms it from their own login.
    left_signed_at = models.DateTimeField(null=True, blank=True)
    to_signed_at = models.DateTimeField(null=True, blank=True)

    @property
    def is_signed(self):
        return bool(self.left_signed_at and self.to_signed_at)

    class Meta:
        ordering = ["-at"]


def _code_hash(code: str) -> str:
    """The code is 80 random bits, beyond guessing: a fast hash is enough to store it."""
    import hashlib

    typed = "".join(code.split()).upper().replace("-", "")
    return hashlib.blake2b(typed.encode(), digest_size=32, person=b"ishenim-invite").hexdigest()


class InvitationQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(
            accepted_at__isnull=True, cancelled_at__isnull=True, expires_at__gt=timezone.now()
        )

    def by_code(self, code):
        return self.usable().filter(code_hash=_code_hash(code)).first()


class Invitation(models.Model):
    """A person invited to the school's staff (issue 13, finding 1): a link by e-mail or a
    one-time code on paper. It carries no key: the invitee sets their password (and with it
    their own key pair), then a key holder who confirmed who accepted grants the school key.
    Only the code's hash is kept; it works once and runs out after DAYS."""

    DAYS = 14
    EMAIL, PAPER = "email", "paper"
    DELIVERY_CHOICES = [(EMAIL, _("a link by e-mail")), (PAPER, _("a code on paper"))]

    school = models.ForeignKey(
        "schools.School", models.CASCADE, null=True, blank=True, related_name="invitations"
    )
    # National onboarding (issue 16): the responsible person of a school on the national list,
    # whose first login makes the school and its key.
    enrolment = models.ForeignKey(
        "schools.Enrolment", models.CASCADE, null=True, blank=True, related_name="invitations"
    )
    role = models.CharField(_("role"), max_length=20, choices=Membership.ROLE_CHOICES)
    full_name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    delivery = models.CharField(_("how"), max_length=10, choices=DELIVERY_CHOICES, default=PAPER)
    code_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    @classmethod
    def build(cls, **fields):
        """A new invitation (not saved) and its code (shown or sent once, never stored)."""
        import base64
        import datetime
        import secrets

        raw = base64.b32encode(secrets.token_bytes(10)).decode()
        code = "-".join(raw[i : i + 4] for i in range(0, 16, 4))
        invitation = cls(
            code_hash=_code_hash(code),
            expires_at=timezone.now() + datetime.timedelta(days=cls.DAYS),
            **fields,
        )
        return invitation, code

    @classmethod
    def issue(cls, **fields):
        invitation, code = cls.build(**fields)
        invitation.save()
        return invitation, code

    @property
    def state(self):
        """What a person reads about the invitation, in words."""
        if self.cancelled_at:
            return _("cancelled")
        if self.confirmed_at:
            return _("confirmed; the key is given") if self.gets_key else _("confirmed")
        if self.accepted_at:
            return _("accepted; waiting for a key holder to confirm")
        if self.expires_at <= timezone.now():
            return _("expired")
        return _("waiting for the person")

    @property
    def gets_key(self):
        return self.role in Membership.READERS

    @property
    def waits_for_confirmation(self):
        return bool(self.accepted_at and not self.confirmed_at and not self.cancelled_at)


class KeyHolderDesignation(models.Model):
    """Regulation A: the school designates who holds the key of the trust mail — who, since
    when, by which decision (the director's order, the pedagogical council's minutes)."""

    school = models.ForeignKey("schools.School", models.CASCADE, related_name="designations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    since = models.DateField(_("since"))
    decision = models.CharField(_("by which decision"), max_length=200)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-since", "-id"]

    def __str__(self):
        return f"{self.user} ({self.since:%d.%m.%Y})"
