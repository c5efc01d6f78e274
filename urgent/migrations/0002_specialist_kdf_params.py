# The specialist's wrap keeps the Argon2id cost it was made with, like a staff member's.

from django.db import migrations, models

from vault.kdf_migration import filler


class Migration(migrations.Migration):
    dependencies = [("urgent", "0001_initial")]

    operations = [
        migrations.AddField(
            "childprotectionspecialist", "kdf_opslimit", models.PositiveIntegerField(null=True)
        ),
        migrations.AddField(
            "childprotectionspecialist", "kdf_memlimit", models.PositiveBigIntegerField(null=True)
        ),
        migrations.RunPython(
            filler("urgent", "ChildProtectionSpecialist", "kdf_opslimit", "kdf_memlimit"),
            migrations.RunPython.noop,
        ),
        migrations.AlterField(
            "childprotectionspecialist", "kdf_opslimit", models.PositiveIntegerField()
        ),
        migrations.AlterField(
            "childprotectionspecialist", "kdf_memlimit", models.PositiveBigIntegerField()
        ),
    ]
