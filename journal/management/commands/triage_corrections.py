"""How the triage's suggestions compare with what staff decided (their corrections count).

Reads plain metadata only: the suggestion kept at submission and the urgency and category
after staff work. Prints the same figures as triage_eval, on real appeals.
"""

import json
from collections import Counter

from django.core.management.base import BaseCommand

from journal.models import Appeal


def correction_figures(appeals):
    rows = list(
        appeals.exclude(suggested_category="").values_list(
            "suggested_category", "suggested_urgency", "category", "urgency"
        )
    )
    n = len(rows)
    tp = sum(1 for _sc, su, _c, u in rows if su == "urgent" and u == "urgent")
    fn = sum(1 for _sc, su, _c, u in rows if su != "urgent" and u == "urgent")
    fp = sum(1 for _sc, su, _c, u in rows if su == "urgent" and u != "urgent")
    same = sum(1 for sc, _su, c, _u in rows if sc == c)
    changes = Counter((sc, c) for sc, _su, c, _u in rows if sc != c)
    return {
        "n": n,
        "corrected": sum(1 for sc, su, c, u in rows if sc != c or su != u),
        "urgent_recall": tp / (tp + fn) if tp + fn else None,
        "urgent_precision": tp / (tp + fp) if tp + fp else None,
        "category_accuracy": same / n if n else None,
        "category_corrections": {f"{a} → {b}": k for (a, b), k in changes.most_common(20)},
    }


class Command(BaseCommand):
    help = "Compare the triage's suggestions with staff decisions (corrections)."

    def add_arguments(self, parser):
        parser.add_argument("--school", help="a school's slug (default: all)")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, **options):
        appeals = Appeal.objects.all()
        if options["school"]:
            appeals = appeals.filter(school__slug=options["school"])
        figures = correction_figures(appeals)
        if options["format"] == "json":
            self.stdout.write(json.dumps(figures, ensure_ascii=False))
            return
        fmt = lambda v: "—" if v is None else f"{v:.3f}"  # noqa: E731
        self.stdout.write(f"appeals with a suggestion  {figures['n']}")
        self.stdout.write(f"corrected by staff         {figures['corrected']}")
        self.stdout.write(f"urgent recall              {fmt(figures['urgent_recall'])}")
        self.stdout.write(f"urgent precision           {fmt(figures['urgent_precision'])}")
        self.stdout.write(f"category accuracy          {fmt(figures['category_accuracy'])}")
        for change, count in figures["category_corrections"].items():
            self.stdout.write(f"  {change}: {count}")
