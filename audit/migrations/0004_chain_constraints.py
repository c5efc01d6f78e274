from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_relink_events")]

    operations = [
        migrations.AlterField(
            model_name="event",
            name="seq",
            field=models.PositiveBigIntegerField(),
        ),
        migrations.AddConstraint(
            model_name="event",
            constraint=models.UniqueConstraint(
                fields=("chain", "seq"), name="audit_event_chain_seq"
            ),
        ),
    ]
