from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from backups.lib import BackupError, backup, prune


class Command(BaseCommand):
    help = "Back up the database and the sealed media folder, consistently, into a dated folder."

    def add_arguments(self, parser):
        parser.add_argument("--to", help="the folder of backups (default: BACKUP_DIR)")
        parser.add_argument(
            "--no-checkpoint",
            action="store_true",
            help="do not sign the audit chains' heads first",
        )

    def handle(self, *args, **options):
        if not options["no_checkpoint"]:
            # The signed head of every audit chain lands in the dump (audit/anchor.py).
            call_command("audit_checkpoint", stdout=self.stdout)
        try:
            target = backup(options["to"])
        except BackupError as e:
            raise CommandError(str(e)) from e
        self.stdout.write(str(target))
        # Law No. 58: backups expire on the retention schedule, as the content they hold.
        for path in prune(target.parent):
            self.stdout.write(f"removed {path}")
