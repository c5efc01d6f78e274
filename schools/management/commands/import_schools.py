import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from schools.models import Enrolment, Regulation
from schools.onboarding import COLUMNS, import_schools, read_rows
from schools.setup import choose_regulation


class Command(BaseCommand):
    help = (
        "Import the national list of schools from a CSV file (UTF-8; comma, semicolon or tab; "
        f"columns: {', '.join(COLUMNS)}; director_email may be empty; language ky, ru or uz; "
        "regulation A or B). All or nothing: every bad line is listed and nothing is imported "
        "until the file is clean. Idempotent: schools are matched by code, so a second run "
        "changes nothing. "
        "NO SCHOOL KEY IS MADE: each school's responsible person gets an invitation by "
        "e-mail (and its director too, when director_email is given); at their first login they make the school's key and print its recovery-key "
        "sheet, so the national operator never holds a school's key."
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
        if not dry_run:
            self.copy_regulations(text)
        if result.created == result.updated == 0:
            self.stdout.write(
                f"{file}: nothing to change, all {result.unchanged} schools are already imported"
            )
            return
        prefix = "dry run, would have " if dry_run else ""
        self.stdout.write(
            f"{file}: {prefix}created {result.created}, updated {result.updated}, "
            f"unchanged {result.unchanged}; invitations sent {result.invited} "
            "(to responsible persons and directors; no school key was made: each is made at the "
            "responsible person's first login)"
        )

    def copy_regulations(self, text):
        """A school already made from its enrolment works from today under the regulation the
        national file gives it, if it does not already."""
        today = datetime.date.today()
        codes = [row["code"].upper() for _line, row in read_rows(text)]
        enrolments = Enrolment.objects.filter(code__in=codes, school__isnull=False)
        for enrolment in enrolments.select_related("school"):
            in_force = Regulation.objects.in_force(enrolment.school, today)
            if in_force is None or in_force.kind != enrolment.regulation:
                choose_regulation(enrolment.school, enrolment.regulation, today)
                self.stdout.write(
                    f"{enrolment.code}: regulation {enrolment.regulation} from {today}"
                )
