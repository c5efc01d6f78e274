from django.db import models


class CheckThrottle(models.Model):
    """Wrong receipt codes per school and time window: limits guessing with no IP address kept."""

    school = models.ForeignKey("schools.School", models.CASCADE, related_name="+")
    window = models.BigIntegerField()
    failures = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["school", "window"], name="one_counter_per_window")
        ]
