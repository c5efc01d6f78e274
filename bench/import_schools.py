"""National onboarding: 2,000 schools imported from one CSV, then the same file again.

Generates N (2,000) rows in 100 districts, imports them with `manage.py import_schools` into a
throw-away SQLite database (or the PostgreSQL database given by DATABASE_URL: it must be a
scratch one, tables are created), runs the same file a second time (nothing changes) and
prints the figures. Goal (issue 16): under a minute.
Run: .venv/bin/python bench/import_schools.py [N] [--json]
"""

import json
import os
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ishenim.settings")
os.environ.setdefault("VAR_DIR", tempfile.mkdtemp(prefix="ishenim-bench-"))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

REGIONS = ["Чүй", "Ысык-Көл", "Нарын", "Талас", "Жалал-Абад", "Ош", "Баткен"]


def rows(n):
    yield (
        "code,name_ky,name_ru,district_ky,district_ru,region,language,regulation,"
        "responsible_email,director_email"
    )
    for i in range(1, n + 1):
        d = i % 100
        yield (
            f"KG-{i:05d},№{i} Өрүк мектеби,Школа №{i} Урюк,Район-{d} району,Район-{d} район,"
            f"{REGIONS[d % len(REGIONS)]},{('ky', 'ru', 'uz')[i % 3]},{'AB'[i % 2]},"
            f"social{i}@school{i}.edu.kg,{'' if i % 7 == 0 else f'director{i}@school{i}.edu.kg'}"
        )


def timed_import(path):
    out = StringIO()
    start = time.perf_counter()
    call_command("import_schools", str(path), stdout=out)
    return time.perf_counter() - start, out.getvalue().strip()


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 2000
    call_command("migrate", verbosity=0)
    path = Path(tempfile.mkdtemp(prefix="ishenim-import-")) / "schools.csv"
    path.write_text("\n".join(rows(n)) + "\n", encoding="utf-8")
    first, first_out = timed_import(path)
    second, second_out = timed_import(path)
    figures = {
        "schools": n,
        "first_run_s": round(first, 2),
        "second_run_s": round(second, 2),
        "database": django.db.connection.vendor,
    }
    if "--json" in sys.argv:
        print(json.dumps(figures))
    else:
        print(first_out)
        print(second_out)
        for k, v in figures.items():
            print(f"{k}: {v}")


if __name__ == "__main__":
    main()
