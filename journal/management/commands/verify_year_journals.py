"""Check every frozen school-year journal: its sealed PDF against the checksum kept beside it
and the one recorded in the audit chain. Exits with an error when anything was changed."""

from django.core.management.base import BaseCommand, CommandError

from journal.closing import verify_year
from schools.models import SchoolYear


class Command(BaseCommand):
    help = "Verify the checksums of the frozen school-year journals (PDF)."

    def add_arguments(self, parser):
        parser.add_argument("--school", help="the school's slug (all schools when omitted)")

    def handle(self, *args, **options):
        years = SchoolYear.objects.filter(closed_at__isnull=False).select_related("school")
        if options["school"]:
            years = years.filter(school__slug=options["school"])
        problems, checked = [], 0
        for year in years.order_by("school__slug", "starts_on"):
            found = verify_year(year)
            problems += found
            checked += 1
            if not found:
                self.stdout.write(f"ok  {year.school.slug} {year} v{year.pdf_version}")
        for line in problems:
            self.stderr.write(f"BAD {line}")
        if any("not frozen yet" not in p for p in problems):
            raise CommandError(f"{len(problems)} problem(s) in {checked} closed year(s)")
        self.stdout.write(f"{checked} closed year(s) checked")
