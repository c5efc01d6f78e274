# Issue 13, finding 5: each receipt hash keeps the Argon2id cost it was made with.

from django.db import migrations, models

from vault.kdf_migration import filler


class Migration(migrations.Migration):
    dependencies = [("journal", "0003_appeal_suggested_category_appeal_suggested_urgency")]

    operations = [
        migrations.AddField(
            "appeal", "receipt_opslimit", models.PositiveIntegerField(editable=False, null=True)
        ),
        migrations.AddField(
            "appeal",
            "receipt_memlimit",
            models.PositiveBigIntegerField(editable=False, null=True),
        ),
        migrations.RunPython(
            filler(
                "journal",
                "Appeal",
                "receipt_opslimit",
                "receipt_memlimit",
                only={"receipt_hash__isnull": False},
            ),
            migrations.RunPython.noop,
        ),
    ]
