from django.core.management.base import BaseCommand

from audit.anchor import make_checkpoints


class Command(BaseCommand):
    help = (
        "Sign the head of every audit chain that grew since its last checkpoint, and append "
        "it to the file beside the backups (AUDIT_ANCHOR_FILE). The worker does this nightly."
    )

    def handle(self, *args, **options):
        made = make_checkpoints()
        self.stdout.write(f"audit checkpoints made: {made}")
