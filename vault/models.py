from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class KeyGrant(models.Model):
    """Before generations (issue 13): the school's private key wrapped under one staff member's
    password. Kept only until the member's next login turns it into a GenerationSeal."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="key_grants")
    school = models.ForeignKey("schools.School", models.CASCADE, related_name="key_grants")
    salt = models.BinaryField()
    wrapped_key = models.BinaryField()
    # The Argon2id cost of this wrap: it opens with these even after the settings change,
    # and is wrapped again at today's cost at the member's next login.
    kdf_opslimit = models.PositiveIntegerField()
    kdf_memlimit = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    @property
    def kdf_params(self):
        from vault.crypto import KdfParams

        return KdfParams(self.kdf_opslimit, self.kdf_memlimit)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "school"], name="one_grant_per_user_school")
        ]


class _Wrapped(models.Model):
    """A private key wrapped under a password, with the Argon2id cost of the wrap."""

    salt = models.BinaryField()
    wrapped_key = models.BinaryField()
    kdf_opslimit = models.PositiveIntegerField()
    kdf_memlimit = models.PositiveBigIntegerField()

    class Meta:
        abstract = True

    @property
    def kdf_params(self):
        from vault.crypto import KdfParams

        return KdfParams(self.kdf_opslimit, self.kdf_memlimit)


class MemberKey(_Wrapped):
    """A staff member's own key pair (DESIGN.md §4): the school keys are sealed to its public
    half, so granting and rotating need nobody's password; the private half is wrapped under
    the member's password and re-wrapped when it changes."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="member_key")
    public_key = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)


class KeyGeneration(models.Model):
    """One generation of a school's key pair. New content is sealed to the newest one
    (`School.public_key` is its public half); older content stays under its own."""

    FIRST, ROTATION = "first", "rotation"
    REASON_CHOICES = [
        (FIRST, _("the school's first key")),
        (ROTATION, _("a new key after a member left")),
    ]

    school = models.ForeignKey("schools.School", models.CASCADE, related_name="key_generations")
    number = models.PositiveIntegerField()
    public_key = models.BinaryField()
    reason = models.CharField(max_length=10, choices=REASON_CHOICES, default=FIRST)
    started_at = models.DateTimeField(default=timezone.now)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["school", "number"], name="one_generation_number")
        ]


class GenerationSeal(models.Model):
    """One generation of a school's private key sealed to one member's public key: what
    gives that member access to the letters of that generation."""

    generation = models.ForeignKey(KeyGeneration, models.CASCADE, related_name="seals")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="generation_seals"
    )
    sealed_key = models.BinaryField()
    granted_at = models.DateTimeField(default=timezone.now)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["generation", "user"], name="one_seal_per_member")
        ]


class RecoverySeal(models.Model):
    """One generation sealed to the school's current recovery key (the printed sheet). The
    recovery key is 160 random bits, so its key pair is derived with a fast hash."""

    generation = models.ForeignKey(KeyGeneration, models.CASCADE, related_name="recovery_seals")
    recovery_public_key = models.BinaryField()
    sealed_key = models.BinaryField()
    created_at = models.DateTimeField(default=timezone.now)
