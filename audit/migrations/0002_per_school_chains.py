import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="event",
            name="chain",
            field=models.CharField(default="", max_length=32),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="event",
            name="seq",
            field=models.PositiveBigIntegerField(null=True),
        ),
        migrations.CreateModel(
            name="Checkpoint",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("chain", models.CharField(max_length=32)),
                ("count", models.PositiveBigIntegerField()),
                ("last_hash", models.CharField(max_length=64)),
                ("made_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "kind",
                    models.CharField(
                        choices=[("daily", "daily"), ("relinked", "re-linked by a migration")],
                        default="daily",
                        max_length=10,
                    ),
                ),
                ("signature", models.CharField(blank=True, max_length=128)),
                ("public_key", models.CharField(blank=True, max_length=64)),
                ("detail", models.JSONField(blank=True, default=dict)),
            ],
            options={
                "ordering": ["id"],
                "indexes": [models.Index(fields=["chain", "-count"], name="audit_checkpoint_head")],
            },
        ),
    ]
