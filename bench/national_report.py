"""National scale: 1,000 schools in 40 districts with 1,000,000 appeals in PostgreSQL, then the
time of the district report and of the national report — the same aggregation functions the
pages use (reports.district), one grouped SQL query each.

DATABASE_URL is required and must name a scratch database (it is created if missing; the
project's tables in it are dropped and recreated). Only plain metadata is generated: sealed
fields stay NULL, as no page of the reports ever reads them.
Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/ishenim_bench \\
     .venv/bin/python bench/national_report.py [appeals] [schools]
"""

import datetime
import io
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
url = os.environ.get("DATABASE_URL", "")
if not url.startswith("postgres"):
    sys.exit("DATABASE_URL=postgres://... is required (a scratch database: tables are dropped)")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ishenim.settings")
os.environ.setdefault("VAR_DIR", tempfile.mkdtemp(prefix="ishenim-bench-"))

import psycopg  # noqa: E402

APPEALS = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
SCHOOLS = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000
DISTRICTS = 40
NULL = "\\N"  # COPY's text format
YEAR, QUARTER = 2025, 2


def ensure_database():
    """Create the scratch database if missing, then drop its public schema: never another DB."""
    base, name = url.rsplit("/", 1)
    name = name.split("?")[0]
    if not name or name in ("postgres", "template0", "template1"):
        sys.exit("name a scratch database in DATABASE_URL, e.g. .../ishenim_bench")
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")


ensure_database()

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

CHANNELS = ["online"] * 7 + ["paper"] * 3
AUTHORS = ["pupil"] * 7 + ["parent"] * 2 + ["teacher", "other"]
CATEGORIES = (
    ["study"] * 8 + ["bullying"] * 6 + ["suggestion"] * 5 + ["gratitude"] * 3 + ["other"] * 3
) + ["violence", "family", "teacher_conduct", "substances", "extortion", "self_harm", ""]
REFERRALS = [""] * 40 + ["psychologist", "social_services", "juvenile_inspector", "police"]


def build():
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    with connection.cursor() as cur:
        cur.execute(
            "INSERT INTO schools_district (name_ky, name_ru) "
            "SELECT 'Район ' || g, 'Район ' || g FROM generate_series(1, %s) g",
            [DISTRICTS],
        )
        cur.execute("SELECT id FROM schools_district ORDER BY id")
        districts = [r[0] for r in cur.fetchall()]
    # Through the model, so every column the schema has gets its default.
    from schools.models import School

    blank = {"public_key": b"\0", "recovery_salt": b"\0", "recovery_wrapped_key": b"\0",
             "receipt_salt": b"\0", "recovery_opslimit": 1, "recovery_memlimit": 8192}  # fmt: skip
    School.objects.bulk_create(
        [
            School(
                slug=f"school-{g}",
                name_ky=f"Мектеп №{g}",
                name_ru=f"Школа №{g}",
                district_id=districts[g % len(districts)],
                **blank,
            )  # fmt: skip
            for g in range(1, SCHOOLS + 1)
        ],
        batch_size=1000,
    )
    with connection.cursor() as cur:
        cur.execute("SELECT id FROM schools_school ORDER BY id")
        schools = [r[0] for r in cur.fetchall()]
    t1 = time.perf_counter()
    rng = random.Random(2026)
    start = datetime.date(2024, 1, 1)
    span = (datetime.date(2025, 12, 31) - start).days
    columns = (
        "school_id, tag, channel, author_kind, is_anonymous, status, category, urgency, "
        "triage_rules, suggested_category, suggested_urgency, received_on, created_at, "
        "due_on, answered_on, referred_to, also_reported_elsewhere, possible_flood, "
        "erased_at_authors_request"
    )
    raw = connection.connection  # the psycopg connection under Django's
    with raw.cursor() as cur, cur.copy(f"COPY journal_appeal ({columns}) FROM STDIN") as copy:
        buf = io.StringIO()
        for i in range(APPEALS):
            school = schools[rng.randrange(len(schools)) if i % 3 else rng.randrange(50)]
            received = start + datetime.timedelta(days=rng.randrange(span))
            due = received + datetime.timedelta(days=7)
            r = rng.random()
            if r < 0.75:
                answered = received + datetime.timedelta(days=rng.randrange(1, 10))
                status = "answered"
            elif r < 0.85:
                answered, status = None, "closed"
            else:
                answered, status = None, "in_work"
            urgency = "urgent" if rng.random() < 0.03 else ("attention" if r < 0.1 else "normal")
            buf.write(
                f"{school}\tT{i}\t{rng.choice(CHANNELS)}\t{rng.choice(AUTHORS)}\t"
                f"{'t' if rng.random() < 0.6 else 'f'}\t{status}\t{rng.choice(CATEGORIES)}\t"
                f"{urgency}\t[]\t\t\t{received}\t{received} 12:00:00+00\t{due}\t"
                f"{answered or NULL}\t{rng.choice(REFERRALS)}\tf\tf\tf\n"
            )
            if i % 50_000 == 49_999:
                copy.write(buf.getvalue())
                buf = io.StringIO()
        copy.write(buf.getvalue())
    raw.commit()
    t2 = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute("ANALYZE journal_appeal")
    print(f"built {len(schools)} schools in {len(districts)} districts: {t1 - t0:.1f} s")
    print(f"copied {APPEALS:,} appeals: {t2 - t1:.1f} s")


def timed(label, fn, repeat=3):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    print(f"{label}: best {min(times) * 1000:.0f} ms, first {times[0] * 1000:.0f} ms")
    return result


def main():
    from reports.district import district_table, national_table
    from schools.models import District

    build()
    district = District.objects.order_by("id").first()
    table = timed("district report (25 schools)", lambda: district_table(district, YEAR, QUARTER))
    print(f"  {table['title']}: {table['total']:,} appeals in {table['count']} schools")
    national = timed("national report (40 districts)", lambda: national_table(YEAR, QUARTER))
    print(f"  {national['total']:,} appeals in {national['count']} districts, {QUARTER}Q{YEAR}")
    for group in national["groups"]:
        if group["key"] in ("channel", "urgency", "deadline"):
            pairs = ", ".join(
                f"{c}={v}" for c, v in zip(group["columns"], group["total_row"], strict=True)
            )
            print(f"  {group['key']}: {pairs}")
    hidden = sum(
        v in ("<5", "x") for group in table["groups"] for _n, row, _t in group["rows"] for v in row
    )
    print(f"  district table: {hidden} cells suppressed")
    with connection.cursor() as cur:
        from reports.figures import calendar_quarter

        s, e = calendar_quarter(YEAR, QUARTER)
        cur.execute(
            "EXPLAIN ANALYZE SELECT s.district_id, count(*) FROM journal_appeal a "
            "JOIN schools_school s ON s.id = a.school_id "
            "WHERE a.received_on BETWEEN %s AND %s GROUP BY 1",
            [s, e],
        )
        plan = [r[0] for r in cur.fetchall()]
    print("  plan (count only):", plan[-1].strip())


if __name__ == "__main__":
    main()
