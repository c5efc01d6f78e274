# Issue 13, finding 5: the recovery wrap keeps the Argon2id cost it was made with.

from django.db import migrations, models

from vault.kdf_migration import filler


class Migration(migrations.Migration):
    dependencies = [("schools", "0004_school_decision_cutoff")]

    operations = [
        migrations.AddField(
            "school", "recovery_opslimit", models.PositiveIntegerField(editable=False, null=True)
        ),
        migrations.AddField(
            "school",
            "recovery_memlimit",
            models.PositiveBigIntegerField(editable=False, null=True),
        ),
        migrations.RunPython(
            filler("schools", "School", "recovery_opslimit", "recovery_memlimit"),
            migrations.RunPython.noop,
        ),
        migrations.AlterField(
            "school", "recovery_opslimit", models.PositiveIntegerField(editable=False)
        ),
        migrations.AlterField(
            "school", "recovery_memlimit", models.PositiveBigIntegerField(editable=False)
        ),
    ]
