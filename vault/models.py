from django.conf import settings
from django.db import models


class KeyGrant(models.Model):
    """The school's private key, wrapped under a key derived from one staff member's password."""

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
