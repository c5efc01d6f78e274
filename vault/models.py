from django.conf import settings
from django.db import models


class KeyGrant(models.Model):
    """The school's private key, wrapped under a key derived from one staff member's password."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="key_grants")
    school = models.ForeignKey("schools.School", models.CASCADE, related_name="key_grants")
    salt = models.BinaryField()
    wrapped_key = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "school"], name="one_grant_per_user_school")
        ]
