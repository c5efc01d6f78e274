"""The journal page at national scale: one school year with 10,000 and 100,000 letters.

For each database (SQLite in a throw-away file; PostgreSQL in a scratch database
`ishenim_bench` that is dropped and made fresh) and each size, builds one school with N
sealed letters spread over the school year (statuses, urgencies and dates mixed), logs in a
responsible person and renders the staff journal through the whole Django stack, 50 rows
per page, every row opened (decrypted): the first page, page 100, and a status + date-range
filter. Prints p50 and p95 over the repeats and the number of queries per page.

Run:  .venv/bin/python bench/journal_scale.py [--sizes 10000,100000] [--repeat 20]
      [--databases sqlite,postgres] [--json]
PostgreSQL: BENCH_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres), and
BENCH_DB_NAME (default ishenim_bench) so that runs side by side do not drop each other's.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB_NAME = os.environ.get("BENCH_DB_NAME", "ishenim_bench")  # a scratch database of its own
CASES = [
    ("first page", {}),
    ("page 100", {"page": "100"}),
    ("status + date range", {"status": "registered", "date_from": "", "date_to": ""}),
]


def orchestrate(args):
    admin_url = os.environ.get("BENCH_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    results = []
    for database in args.databases.split(","):
        for n in (int(s) for s in args.sizes.split(",")):
            env = dict(os.environ, VAR_DIR=tempfile.mkdtemp(prefix="ishenim-bench-"))
            env.pop("DATABASE_URL", None)
            if database == "postgres":
                import psycopg

                with psycopg.connect(admin_url, autocommit=True) as conn:
                    conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
                    conn.execute(f"CREATE DATABASE {DB_NAME}")
                env["DATABASE_URL"] = admin_url.rsplit("/", 1)[0] + "/" + DB_NAME
            cmd = [sys.executable, __file__, "--worker", str(n), "--repeat", str(args.repeat)]
            out = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True)
            if out.returncode:
                sys.exit(f"{database} {n}: failed\n{out.stdout}\n{out.stderr}")
            result = json.loads(out.stdout.strip().splitlines()[-1])
            results.append(result)
            if not args.json:
                print(
                    f"\n{result['database']}, {n:,} letters in one school year "
                    f"(built in {result['build_s']:.0f} s)"
                )
                print(
                    f"  {'page':<24}{'p50':>8}{'p95':>8}{'cpu p95':>9}"
                    f"{'queries':>9}{'rows':>6}{'matches':>9}"
                )
                for c in result["cases"]:
                    print(
                        f"  {c['case']:<24}{c['p50_ms']:>6.0f}ms{c['p95_ms']:>6.0f}ms"
                        f"{c['cpu_p95_ms']:>7.0f}ms"
                        f"{c['queries']:>9}{c['rows']:>6}{c['matches']:>9}"
                    )
            if database == "postgres":
                with psycopg.connect(admin_url, autocommit=True) as conn:
                    conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    if args.json:
        print(json.dumps(results))


# --- The worker: one database, one size, in its own process (settings are per process) ---

STATUSES = ["new"] * 2 + ["registered"] * 5 + ["in_work"] * 5 + ["answered"] * 6 + ["closed"] * 2
CATEGORIES = ["bullying", "study", "family", "suggestion", "violence", "other"]
TEXTS = [
    "Мени класста күн сайын шылдыңдашат, сумкамды ыргытып салышат.",
    "Здравствуйте, в столовой не хватает мест, можно две смены?",
    "Математикадан үй тапшырма өтө көп берилет.",
    "Спасибо за новый спортзал!",
]


def build(n):
    import datetime

    from accounts.models import Membership
    from ishenim.testing import make_school
    from journal.models import Appeal, JournalCounter, Message
    from schools.models import SchoolYear
    from schools.setup import add_staff
    from vault import author_key, new_receipt_code, seal_text

    school, key, _ = make_school()
    add_staff(
        school, key, username="bench", password="bench-password-1", role=Membership.RESPONSIBLE
    )
    year = SchoolYear.objects.create(
        school=school, starts_on=datetime.date(2030, 9, 1), ends_on=datetime.date(2031, 5, 31)
    )
    days = (year.ends_on - year.starts_on).days + 1
    author = author_key(new_receipt_code(), school.receipt_salt)  # one slow hash for all
    # Sealing is not what is measured: a pool of sealed texts, each opened when shown.
    pool = 64
    summaries = [seal_text(school.public_key, f"Кыскача мазмуну {i}") for i in range(pool)]
    measures = [seal_text(school.public_key, f"Сүйлөшүү өткөрүлдү {i}") for i in range(pool)]
    bodies = [seal_text(school.public_key, TEXTS[i % len(TEXTS)]) for i in range(pool)]
    for_author = [seal_text(author.public_key, TEXTS[i % len(TEXTS)]) for i in range(pool)]
    appeals = []
    for i in range(n):
        received = year.starts_on + datetime.timedelta(days=i * days // n)
        status = STATUSES[i % len(STATUSES)]
        appeals.append(
            Appeal(
                school=school,
                school_year=year,
                number=i + 1,
                tag=f"B{i:08d}",
                author_kind="pupil",
                status=status,
                category=CATEGORIES[i % len(CATEGORIES)],
                urgency="urgent" if i % 37 == 0 else ("attention" if i % 11 == 0 else "normal"),
                received_on=received,
                due_on=received + datetime.timedelta(days=10),
                answered_on=received + datetime.timedelta(days=5)
                if status in ("answered", "closed")
                else None,
                receipt_hash=os.urandom(32),
                author_public_key=author.public_key,
                sealed_summary=summaries[i % pool],
                sealed_measures=measures[i % pool],
            )
        )
    from django.db import transaction

    with transaction.atomic():
        Appeal.objects.bulk_create(appeals, batch_size=2000)
        ids = Appeal.objects.filter(school=school).values_list("id", flat=True)
        Message.objects.bulk_create(
            (
                Message(
                    appeal_id=pk,
                    sender="author",
                    body_for_school=bodies[pk % pool],
                    body_for_author=for_author[pk % pool],
                )
                for pk in ids.iterator()
            ),
            batch_size=2000,
        )
        JournalCounter.objects.create(school_year=year, last_number=n)
    return year


def worker(n, repeat):
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ishenim.settings")
    os.environ["VAULT_OPSLIMIT"] = "1"
    os.environ["VAULT_MEMLIMIT"] = "8192"
    os.environ["HUEY_IMMEDIATE"] = "1"
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's host name, and response.context

    import logging

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    logging.disable(logging.WARNING)
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    year = build(n)
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("VACUUM ANALYZE")
    else:
        with connection.cursor() as c:
            c.execute("ANALYZE")
    build_s = time.perf_counter() - started
    client = Client()
    r = client.post("/staff/login/", {"username": "bench", "password": "bench-password-1"})
    assert r.status_code == 302, r.status_code
    cases = []
    for label, params in CASES:
        params = dict(params)
        if "date_from" in params:  # two months in the middle of the year
            params["date_from"] = f"{year.starts_on.year}-11-01"
            params["date_to"] = f"{year.starts_on.year}-12-31"
        timings, cpu = [], []
        for i in range(repeat + 1):
            t, c = time.perf_counter(), time.process_time()
            with CaptureQueriesContext(connection) as ctx:
                r = client.get("/staff/", params)
            if i:  # the first request warms the caches
                timings.append((time.perf_counter() - t) * 1000)
                cpu.append((time.process_time() - c) * 1000)
            assert r.status_code == 200, r.status_code
        rows = r.context["rows"]
        assert all(not row["locked"] and row["summary"] for row in rows), "rows not opened"
        timings.sort()
        cpu.sort()
        cases.append(
            {
                "case": label,
                "p50_ms": round(timings[len(timings) // 2], 1),
                "p95_ms": round(timings[min(len(timings) - 1, int(len(timings) * 0.95))], 1),
                # CPU of this process (Django, and SQLite itself; not the PostgreSQL server):
                # on a shared machine the wall-clock figures include waiting for a core.
                "cpu_p95_ms": round(cpu[min(len(cpu) - 1, int(len(cpu) * 0.95))], 1),
                "queries": len(ctx.captured_queries),
                "rows": len(rows),
                "matches": r.context["page"].paginator.count,
            }
        )
    print(
        json.dumps(
            {"database": connection.vendor, "letters": n, "build_s": build_s, "cases": cases}
        )
    )


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="10000,100000")
    p.add_argument("--databases", default="sqlite,postgres")
    p.add_argument("--repeat", type=int, default=20)
    p.add_argument("--json", action="store_true")
    p.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.worker:
        worker(args.worker, args.repeat)
    else:
        orchestrate(args)


if __name__ == "__main__":
    main()
