from django.core.management.base import BaseCommand, CommandError

from backups.lib import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup folder (made by `backup`) into the configured database, which must be "
        "new and empty, and its sealed files into MEDIA_ROOT. Every file is checked first."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder")

    def handle(self, *args, **options):
        try:
            manifest = restore(options["folder"])
        except BackupError as e:
            raise CommandError(str(e)) from e
        self.stdout.write(
            f"restored the {manifest['engine']} backup made at {manifest['made_at']}; "
            "run `migrate` if this code is newer than the backup"
        )
