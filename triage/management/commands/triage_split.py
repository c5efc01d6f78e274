"""python manage.py triage_split

Writes ``triage/data/split/{train,dev,test}.jsonl`` (the rows of the real corpus split by a hash
of their source page, see :mod:`triage.corpus`) and prints the counts. Deterministic: run it
again after adding rows and the old rows stay where they were.
"""

import json
from collections import Counter

from django.core.management.base import BaseCommand

from triage.corpus import SPLIT_DIR, SPLITS, base_lang, load_real, split_rows


class Command(BaseCommand):
    help = "Split the real triage corpus into train/dev/test by source page."
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="only print the counts")

    def handle(self, *args, **options):
        parts = split_rows(load_real())
        if not options["check"]:
            SPLIT_DIR.mkdir(parents=True, exist_ok=True)
            for name in SPLITS:
                with open(SPLIT_DIR / f"{name}.jsonl", "w", encoding="utf-8") as fh:
                    for row in parts[name]:
                        fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        for name in SPLITS:
            rows = parts[name]
            counts = Counter((base_lang(r.get("lang")), bool(r.get("urgent"))) for r in rows)
            pages = len({r.get("source") for r in rows})
            self.stdout.write(
                f"{name:<6} {len(rows):>5} rows {pages:>5} pages  "
                f"ky {counts['ky', True]:>3} urgent / {counts['ky', False]:>3} not  "
                f"ru {counts['ru', True]:>3} urgent / {counts['ru', False]:>3} not"
            )
