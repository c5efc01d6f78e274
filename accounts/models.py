"""Staff roles per school (regulations: responsible person, commission, director)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Membership(models.Model):
    RESPONSIBLE = "responsible"
    MEMBER = "member"
    DIRECTOR = "director"
    ADMIN = "admin"
    ROLE_CHOICES = [
        (RESPONSIBLE, _("Responsible person (social pedagogue)")),
        (MEMBER, _("Commission member")),
        (DIRECTOR, _("Director")),
        (ADMIN, _("School administrator")),
    ]
    # Roles that read letters; the director manages by figures and deadlines.
    READERS = (RESPONSIBLE, MEMBER, ADMIN)

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="memberships")
    school = models.ForeignKey("schools.School", models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=ROLE_CHOICES)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "school", "role"], name="one_role_once")
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()}"


class LoginThrottle(models.Model):
    """Failed logins per username: lock-out without storing any address."""

    username = models.CharField(max_length=150, unique=True)
    failures = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
