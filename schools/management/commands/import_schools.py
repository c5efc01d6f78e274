from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from schools.onboarding import COLUMNS, import_schools


class Command(BaseCommand):
    help = (
        "Import the national list of schools from a CSV file (UTF-8; comma, semicolon or tab; "
        f"columns: {', '.join(COLUMNS)}; director_email may be empty; language ky, ru or uz; "
        "regulation A or B). All or nothing: every bad line is listed and nothing is imported "
        "until the file is clean. Idempotent: schools are matched by code, so a second run "
        "changes nothing. "
        "NO SCHOOL KEY IS MADE: the lines become enrolments, not working schools. A school's "
        "mailbox needs its key pair and recovery sheet, and today only `create_school` makes "
        "them (centrally, which the national operator must not do). The first-login flow in "
        "which the school's responsible person makes the key, and the invitations that lead "
        "to it, are not built yet."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="check and count, change nothing"
        )

    def handle(self, *args, file, dry_run, **options):
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"cannot read {file}: {error}") from None
        result = import_schools(text, dry_run=dry_run)
        if result.errors:
            raise CommandError(
                f"{file}: nothing imported, {len(result.errors)} problem(s):\n"
                + "\n".join(result.errors)
            )
        if result.created == result.updated == 0:
            self.stdout.write(
                f"{file}: nothing to change, all {result.unchanged} schools are already imported"
            )
            return
        prefix = "dry run, would have " if dry_run else ""
        self.stdout.write(
            f"{file}: {prefix}created {result.created}, updated {result.updated}, "
            f"unchanged {result.unchanged} (enrolments; no school key was made)"
        )
