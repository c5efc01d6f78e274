"""The reminder sweep at national scale: 2,000 schools, each with a responsible person, and
APPEALS letters (200,000) of which about 1 % are due — the next working day or overdue and
not flagged yet — then `notify.tasks.remind` timed twice: the first run selects what is due
and queues its notices and mails (selection and enqueueing; the outbox sweep sends them), the
second finds nothing left to do.
DATABASE_URL is required and must name a scratch database (it is created if missing; its
public schema is dropped and recreated).
Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/ishenim_bench_sweep \\
     .venv/bin/python bench/sweep.py [appeals] [schools] [--json]
"""

import datetime
import io
import json
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
os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"

import psycopg  # noqa: E402

ARGS = [a for a in sys.argv[1:] if not a.startswith("--")]
APPEALS = int(ARGS[0]) if ARGS else 200_000
SCHOOLS = int(ARGS[1]) if len(ARGS) > 1 else 2_000
TODAY = datetime.date(2025, 10, 15)  # a Wednesday: no school's review day (Saturday)
NEXT_DAY = datetime.date(2025, 10, 16)
NULL = "\\N"


def ensure_database():
    base, name = url.rsplit("/", 1)
    name = name.split("?")[0]
    if not name or name in ("postgres", "template0", "template1", "ishenim"):
        sys.exit("name a scratch database in DATABASE_URL, e.g. .../ishenim_bench_sweep")
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


def build():
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    with connection.cursor() as cur:
        cur.execute(
            "INSERT INTO schools_district (name_ky, name_ru) "
            "SELECT 'Район ' || g, 'Район ' || g FROM generate_series(1, 100) g"
        )
        cur.execute(
            "INSERT INTO schools_school (slug, name_ky, name_ru, district_id, address, phone, "
            "email, answer_days, review_weekday, working_week, urgent_alert_emails, public_key, "
            "recovery_salt, recovery_wrapped_key, recovery_opslimit, recovery_memlimit, "
            "receipt_salt, created_at, decision_cutoff, retention_years) "
            "SELECT 'school-' || g, 'Мектеп №' || g, 'Школа №' || g, "
            "(SELECT min(id) FROM schools_district) + g %% 100, '', '', '', 5, 5, "
            "CASE WHEN g %% 10 = 0 THEN 6 ELSE 5 END, '', "
            "'\\x00'::bytea, '\\x00'::bytea, '\\x00'::bytea, 1, 8192, '\\x00'::bytea, now(), "
            "'18:00', 3 FROM generate_series(1, %s) g",
            [SCHOOLS],
        )
        cur.execute(
            "INSERT INTO auth_user (password, is_superuser, username, first_name, last_name, "
            "email, is_staff, is_active, date_joined) "
            "SELECT '!', false, 'responsible-' || s.id, '', '', 'r' || s.id || '@example.org', "
            "false, true, now() FROM schools_school s"
        )
        cur.execute(
            "INSERT INTO accounts_membership (user_id, school_id, role) "
            "SELECT u.id, s.id, 'responsible' FROM schools_school s "
            "JOIN auth_user u ON u.username = 'responsible-' || s.id"
        )
        cur.execute("SELECT id FROM schools_school ORDER BY id")
        schools = [r[0] for r in cur.fetchall()]
    rng = random.Random(2026)
    columns = (
        "school_id, tag, channel, author_kind, is_anonymous, status, category, urgency, "
        "triage_rules, suggested_category, suggested_urgency, received_on, created_at, "
        "due_on, answered_on, referred_to, also_reported_elsewhere, possible_flood, "
        "erased_at_authors_request"
    )
    due = 0
    raw = connection.connection
    with raw.cursor() as cur, cur.copy(f"COPY journal_appeal ({columns}) FROM STDIN") as copy:
        buf = io.StringIO()
        for i in range(APPEALS):
            r = rng.random()
            if r < 0.005:  # due the next working day
                due_on, answered, status = NEXT_DAY, None, "in_work"
                due += 1
            elif r < 0.01:  # overdue, not flagged yet
                due_on, answered, status = TODAY - datetime.timedelta(days=1), None, "in_work"
                due += 1
            elif r < 0.2:  # open, due later
                due_on = TODAY + datetime.timedelta(days=rng.randrange(2, 8))
                answered, status = None, "registered"
            else:  # answered long ago
                due_on = TODAY - datetime.timedelta(days=rng.randrange(10, 400))
                answered, status = due_on, "answered"
            received = due_on - datetime.timedelta(days=7)
            buf.write(
                f"{schools[i % len(schools)]}\tT{i}\tonline\tpupil\tt\t{status}\tstudy\tnormal\t"
                f"[]\t\t\t{received}\t{received} 06:00:00+00\t{due_on}\t{answered or NULL}\t"
                "\tf\tf\tf\n"
            )
        copy.write(buf.getvalue())
    raw.commit()
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    return due, time.perf_counter() - t0


def main():
    from notify.models import Notice, OutgoingMail
    from notify.tasks import remind

    due, built = build()
    # The worker is a long-running process: warm what a first call loads once (the Kyrgyz
    # catalog, the URL map, the holiday tables) with a run four weeks earlier, when nothing
    # in this data is due.
    from django.urls import reverse
    from django.utils import translation

    with translation.override("ky"):
        translation.gettext("New appeal %(tag)s")
        reverse("journal:home")
    remind(TODAY - datetime.timedelta(days=28), deliver_now=False)
    assert Notice.objects.count() == 0
    start = time.perf_counter()
    remind(TODAY, deliver_now=False)  # selection and enqueueing; the outbox sends
    first = time.perf_counter() - start
    notices, mails = Notice.objects.count(), OutgoingMail.objects.count()
    start = time.perf_counter()
    remind(TODAY, deliver_now=False)
    second = time.perf_counter() - start
    figures = {
        "schools": SCHOOLS,
        "appeals": APPEALS,
        "due": due,
        "notices": notices,
        "mails_queued": mails,
        "sweep_ms": round(first * 1000),
        "sweep_again_ms": round(second * 1000),
        "build_s": round(built, 1),
    }
    print(json.dumps(figures) if "--json" in sys.argv else json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
