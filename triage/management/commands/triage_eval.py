"""python manage.py triage_eval FILE [--format json]

Reads a JSONL file of labelled appeals (keys: text, urgent, category) and prints n, urgent
recall, urgent precision, top-1 category accuracy and the confusion of categories. Needs no
database content and no network.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from triage.evaluation import EvaluationError, evaluate, format_report, load_jsonl


class Command(BaseCommand):
    help = "Evaluate the triage rules on a JSONL file of labelled appeals."
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("file", help="JSONL with keys text, urgent, category")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, **options):
        try:
            rows = load_jsonl(options["file"])
        except OSError as exc:
            raise CommandError(f"cannot read {options['file']}: {exc.strerror}") from exc
        except EvaluationError as exc:
            raise CommandError(str(exc)) from exc
        report = evaluate(rows)
        if options["format"] == "json":
            self.stdout.write(json.dumps(report, ensure_ascii=False, sort_keys=True))
        else:
            self.stdout.write(format_report(report))
