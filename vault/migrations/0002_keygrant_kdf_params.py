# Issue 13, finding 5: each wrap keeps the Argon2id cost it was made with.

from django.db import migrations, models

from vault.kdf_migration import filler


class Migration(migrations.Migration):
    dependencies = [("vault", "0001_initial")]

    operations = [
        migrations.AddField("keygrant", "kdf_opslimit", models.PositiveIntegerField(null=True)),
        migrations.AddField("keygrant", "kdf_memlimit", models.PositiveBigIntegerField(null=True)),
        migrations.RunPython(
            filler("vault", "KeyGrant", "kdf_opslimit", "kdf_memlimit"), migrations.RunPython.noop
        ),
        migrations.AlterField("keygrant", "kdf_opslimit", models.PositiveIntegerField()),
        migrations.AlterField("keygrant", "kdf_memlimit", models.PositiveBigIntegerField()),
    ]
