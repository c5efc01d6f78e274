# Issue 13: wrong receipt codes are counted in the cache, never per school in the database
# (finding 14); a receipt is kept for minutes under its form's token (finding 4); each paper
# form's code hash keeps the Argon2id cost it was made with (finding 5).

import django.db.models.deletion
from django.db import migrations, models

from vault.kdf_migration import filler


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0002_paperform"),
        ("journal", "0004_appeal_receipt_kdf_params"),
    ]

    operations = [
        migrations.DeleteModel(name="CheckThrottle"),
        migrations.CreateModel(
            name="PendingReceipt",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("lookup", models.BinaryField(unique=True)),
                ("sealed_code", models.BinaryField()),
                ("expires_at", models.DateTimeField(db_index=True)),
                (
                    "appeal",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="journal.appeal",
                    ),
                ),
            ],
        ),
        migrations.AddField(
            "paperform", "receipt_opslimit", models.PositiveIntegerField(editable=False, null=True)
        ),
        migrations.AddField(
            "paperform",
            "receipt_memlimit",
            models.PositiveBigIntegerField(editable=False, null=True),
        ),
        migrations.RunPython(
            filler("intake", "PaperForm", "receipt_opslimit", "receipt_memlimit"),
            migrations.RunPython.noop,
        ),
        migrations.AlterField(
            "paperform", "receipt_opslimit", models.PositiveIntegerField(editable=False)
        ),
        migrations.AlterField(
            "paperform", "receipt_memlimit", models.PositiveBigIntegerField(editable=False)
        ),
    ]
