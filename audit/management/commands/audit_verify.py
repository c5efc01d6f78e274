from django.core.management.base import BaseCommand, CommandError

from audit.models import verify_chain


class Command(BaseCommand):
    help = "Verify the audit log's hash chain and name the first broken link."

    def handle(self, *args, **options):
        checked, broken = verify_chain()
        if broken is not None:
            raise CommandError(
                f"audit chain broken at event #{broken.pk} ({broken.action}, {broken.at:%Y-%m-%d %H:%M}); "
                f"{checked} events before it are intact"
            )
        self.stdout.write(f"audit chain intact: {checked} events")
