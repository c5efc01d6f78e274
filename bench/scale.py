"""National scale on PostgreSQL, in one command: the 100,000-letter school and the 2,000-school
district, then the figures of issue 16.

1. One school with LETTERS (100,000) sealed letters in one school year, every letter in the
   sealed search's blind index (search/index.py) — built in bulk: a pool of sealed texts, the
   index rows copied in. A responsible person logs in and, through the whole Django stack:
   - the journal, 50 rows per page, every row opened: the first page, page 100, and a
     status + date-range filter → `journal_p95_ms`;
   - the search, over 20 fixed queries (common words, rare words, two words, Kyrgyz stems with
     other suffixes, Russian forms, no match), each REPEAT times → `search_p95_ms`, and the
     growth of this process's resident memory over all of them → `search_rss_growth_mb` (after
     one warm-up search: the Russian dictionary is loaded once per worker, by the triage too).
2. A district of 200 schools and one of SCHOOLS (2,000) with DISTRICT_LETTERS (1,000,000)
   letters in the measured quarter (plain metadata, copied in), and the district table —
   one grouped SQL query and the small-number suppression, what the district page shows →
   `district_200_ms`, `district_2000_ms` (the median of three).
3. The reminder sweep over 2,000 schools with 1 % of letters due: bench/sweep.py in its own
   scratch database (DATABASE_URL + "_sweep") → `sweep_ms`.

DATABASE_URL is required and names a scratch database: it is created if missing and its
public schema is dropped and recreated.
Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/ishenim_scale \\
     .venv/bin/python bench/scale.py [--json] [--letters 100000] [--schools 2000]
     [--district-letters 1000000] [--repeat 5] [--no-sweep]
"""

import argparse
import datetime
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ishenim.settings")
os.environ.setdefault("VAR_DIR", tempfile.mkdtemp(prefix="ishenim-bench-"))
os.environ["VAULT_OPSLIMIT"] = "1"  # the staff login's key derivation is not what is measured
os.environ["VAULT_MEMLIMIT"] = "8192"
os.environ["HUEY_IMMEDIATE"] = "1"
NULL = "\\N"
YEAR_START = datetime.date(2030, 9, 1)
QUARTER = (2030, 4)  # October–December 2030
STATUSES = ["new"] * 2 + ["registered"] * 5 + ["in_work"] * 5 + ["answered"] * 6 + ["closed"] * 2
CATEGORIES = ["bullying", "study", "family", "suggestion", "violence", "other"]

# The letters' words: every letter has a few common ones; the rest are drawn from the lists, so
# each word is in a share of the letters; RARE words are in one pool text only.
COMMON = "Мен мектепте окуйм, класста".split(", ")
KY_PHRASES = [
    "мени класста шылдыңдашат",
    "сумкамды ыргытып салышты",
    "балдар мени сабашты",
    "телефонумду алып коюшту",
    "ашканада тамак суук",
    "мугалим бизге кыйкырат",
    "үй тапшырма өтө көп",
    "дааратканада суу жок",
    "акча талап кылышат",
    "досум менен урушуп калдык",
    "атам ичип келет",
    "спорт залда топ жок",
]
RU_PHRASES = [
    "меня избили после уроков",
    "в столовой не хватает мест",
    "учитель кричит на нас",
    "у меня отобрали телефон",
    "прошу поставить камеры",
]
RARE = ["жирафтын", "балалайка", "кызгалдактар", "вертолетом"]
QUERIES = [
    "мектеп",  # common: every letter
    "класста",
    "мени",
    "тамак",  # a word in a share of the letters
    "мугалим",
    "акча",
    "урушат",  # Kyrgyz stems with other suffixes than the letters have
    "сабашат",
    "телефонум",
    "ыргытышты",
    "избить",  # a Russian lemma of «избили»
    "столовая",
    "ашкана суук",  # two words
    "балдар сабашты",
    "телефон алып",
    "жираф",  # rare words
    "балалайка",
    "кызгалдак",
    "космонавт",  # no match
    "пингвиндер",
]
POOL = 512


def pool_texts(rng):
    texts = []
    for i in range(POOL):
        words = [" ".join(COMMON)]
        words += rng.sample(KY_PHRASES, 3) + rng.sample(RU_PHRASES, 1)
        if i < len(RARE):
            words.append(RARE[i])
        texts.append(". ".join(words) + ".")
    return texts


def ensure_database(url):
    """Create the scratch database if missing, then drop its public schema: never another DB."""
    import psycopg

    base, name = url.rsplit("/", 1)
    name = name.split("?")[0]
    if not name or name in ("postgres", "template0", "template1"):
        sys.exit("name a scratch database in DATABASE_URL, e.g. .../ishenim_scale")
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")


def copy_rows(table, columns, rows):
    """COPY rows (tuples of text values, NULL as \\N) into a table, 50,000 at a time."""
    from django.db import connection

    raw = connection.connection
    with raw.cursor() as cur, cur.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        buf, count = io.StringIO(), 0
        for row in rows:
            buf.write("\t".join(row) + "\n")
            count += 1
            if count % 50_000 == 0:
                copy.write(buf.getvalue())
                buf = io.StringIO()
        copy.write(buf.getvalue())
    raw.commit()


def build_school(n):
    """The school of part 1: N sealed letters in one school year, all in the search index."""
    from django.db import connection

    from accounts.models import Membership
    from ishenim.testing import make_school
    from journal.models import Appeal, JournalCounter
    from schools.models import SchoolYear
    from schools.setup import add_staff
    from search.index import stems
    from vault import author_key, new_receipt_code, seal_text
    from vault.blind import index_key, key_id, token

    rng = random.Random(16)
    school, key, _ = make_school("scale", "Масштаб мектеби")
    add_staff(
        school, key, username="bench", password="bench-password-1", role=Membership.RESPONSIBLE
    )
    year = SchoolYear.objects.create(
        school=school, starts_on=YEAR_START, ends_on=datetime.date(2031, 5, 31)
    )
    days = (year.ends_on - year.starts_on).days + 1
    author = author_key(new_receipt_code(), school.receipt_salt)  # one slow hash for all
    texts = pool_texts(rng)
    summaries_plain = [f"Кыскача: {rng.choice(KY_PHRASES)}" for _ in range(64)]
    bodies = [seal_text(school.public_key, t) for t in texts]
    for_author = [seal_text(author.public_key, t) for t in texts]
    summaries = [seal_text(school.public_key, t) for t in summaries_plain]
    measures = seal_text(school.public_key, "Сүйлөшүү өткөрүлдү")
    secret = index_key(key)
    body_tokens = [{token(secret, s) for s in stems(t)} for t in texts]
    summary_tokens = [{token(secret, s) for s in stems(t)} for t in summaries_plain]

    def appeal_rows():
        for i in range(n):
            received = year.starts_on + datetime.timedelta(days=i * days // n)
            status = STATUSES[i % len(STATUSES)]
            answered = received + datetime.timedelta(days=5)
            yield (
                str(school.pk),
                str(year.pk),
                str(i + 1),
                f"S{i:08d}",
                "online",
                "pupil",
                "t",
                status,
                CATEGORIES[i % len(CATEGORIES)],
                "urgent" if i % 37 == 0 else ("attention" if i % 11 == 0 else "normal"),
                "[]",
                "",
                "",
                "f",
                str(received),
                f"{received} 12:00:00+00",
                str(received + datetime.timedelta(days=10)),
                str(answered) if status in ("answered", "closed") else NULL,
                "",
                "f",
                "\\\\x" + summaries[i % 64].hex(),
                "\\\\x" + measures.hex(),
                "\\\\x" + author.public_key.hex(),
                "f",
            )

    copy_rows(
        "journal_appeal",
        "school_id, school_year_id, number, tag, channel, author_kind, is_anonymous, status, "
        "category, urgency, triage_rules, suggested_category, suggested_urgency, possible_flood, "
        "received_on, created_at, due_on, answered_on, referred_to, also_reported_elsewhere, "
        "sealed_summary, sealed_measures, author_public_key, erased_at_authors_request",
        appeal_rows(),
    )
    JournalCounter.objects.create(school_year=year, last_number=n)
    ids = list(Appeal.objects.filter(school=school).order_by("number").values_list("id", flat=True))
    copy_rows(
        "journal_message",
        "appeal_id, sender, channel, body_for_school, body_for_author, urgency, triage_rules, "
        "created_at",
        (
            (
                str(pk),
                "author",
                "",
                "\\\\x" + bodies[i % POOL].hex(),
                "\\\\x" + for_author[i % POOL].hex(),
                "normal",
                "[]",
                "2030-09-01 12:00:00+00",
            )
            for i, pk in enumerate(ids)
        ),
    )
    kid = str(key_id(secret))
    copy_rows(
        "search_term",
        "appeal_id, token",
        (
            (str(pk), str(t))
            for i, pk in enumerate(ids)
            for t in body_tokens[i % POOL] | summary_tokens[i % 64]
        ),
    )
    copy_rows(
        "search_indexedletter",
        "appeal_id, school_id, key_id",
        ((str(pk), str(school.pk), kid) for pk in ids),
    )
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE")
    return year


def percentile(values, share):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * share))]


def rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def measure_school(year, repeat):
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # response.context
    client = Client()
    r = client.post("/staff/login/", {"username": "bench", "password": "bench-password-1"})
    assert r.status_code == 302, r.status_code
    cases = [
        {},
        {"page": "100"},
        {"status": "registered", "date_from": "2030-11-01", "date_to": "2030-12-31"},
    ]
    journal, journal_cpu = [], []
    for params in cases:
        for i in range(repeat + 1):
            t, c = time.perf_counter(), time.process_time()
            r = client.get("/staff/", params)
            if i:  # the first request warms the caches
                journal.append((time.perf_counter() - t) * 1000)
                journal_cpu.append((time.process_time() - c) * 1000)
            assert r.status_code == 200
            assert all(not row["locked"] for row in r.context["rows"]), "rows not opened"
    client.get("/staff/", {"q": "окуйм"})  # warm-up: the Russian dictionary, once per worker
    before, peak = rss_mb(), 0.0
    search, search_cpu, matches = [], [], {}
    for _ in range(repeat):
        for query in QUERIES:
            t, c = time.perf_counter(), time.process_time()
            r = client.get("/staff/", {"q": query})
            search.append((time.perf_counter() - t) * 1000)
            search_cpu.append((time.process_time() - c) * 1000)
            assert r.status_code == 200
            matches[query] = r.context["page"].paginator.count
            peak = max(peak, rss_mb())
    return {
        "journal_p95_ms": round(percentile(journal, 0.95), 1),
        "search_p95_ms": round(percentile(search, 0.95), 1),
        # CPU of this process (Django; not the PostgreSQL server): on a shared machine the
        # wall-clock figures include waiting for a core.
        "journal_cpu_p95_ms": round(percentile(journal_cpu, 0.95), 1),
        "search_cpu_p95_ms": round(percentile(search_cpu, 0.95), 1),
        "search_rss_growth_mb": round(peak - before, 1),
        "search_matches": matches,
    }


def build_districts(big, letters):
    """Two districts: 200 schools and `big` schools; `letters` in the big one and a share of
    them in the small one, all received in the measured quarter."""
    from django.db import connection

    from reports.figures import calendar_quarter
    from schools.models import District, School

    small_d = District.objects.create(name_ky="200 мектеп", name_ru="200 школ")
    big_d = District.objects.create(name_ky="Чоң район", name_ru="Большой район")
    blank = {
        "public_key": b"\0",
        "recovery_salt": b"\0",
        "recovery_wrapped_key": b"\0",
        "recovery_opslimit": 1,
        "recovery_memlimit": 8192,
        "receipt_salt": b"\0",
    }
    School.objects.bulk_create(
        [
            School(
                slug=f"d{d.pk}-{i}",
                name_ky=f"Мектеп №{i}",
                name_ru=f"Школа №{i}",
                district=d,
                **blank,
            )
            for d, count in ((small_d, 200), (big_d, big))
            for i in range(count)
        ],
        batch_size=1000,
    )
    small = list(School.objects.filter(district=small_d).values_list("id", flat=True))
    large = list(School.objects.filter(district=big_d).values_list("id", flat=True))
    start, end = calendar_quarter(*QUARTER)
    span = (end - start).days + 1
    rng = random.Random(2000)
    channels = ["online"] * 7 + ["paper"] * 3
    authors = ["pupil"] * 7 + ["parent"] * 2 + ["teacher", "other"]
    categories = ["study"] * 8 + ["bullying"] * 6 + ["suggestion"] * 5 + ["other"] * 3
    categories += ["violence", "family", "teacher_conduct", "substances", "extortion", ""]
    referrals = [""] * 40 + ["psychologist", "social_services", "juvenile_inspector", "police"]

    def rows():
        for i in range(letters + letters // 10):
            pool = large if i < letters else small
            # Schools differ in size: a third of the letters go to a tenth of the schools.
            school = pool[rng.randrange(len(pool) // 10)] if i % 3 == 0 else rng.choice(pool)
            received = start + datetime.timedelta(days=rng.randrange(span))
            r = rng.random()
            status = "answered" if r < 0.75 else ("closed" if r < 0.85 else "in_work")
            answered = received + datetime.timedelta(days=rng.randrange(1, 10))
            yield (
                str(school),
                f"D{i}",
                rng.choice(channels),
                rng.choice(authors),
                "t" if rng.random() < 0.6 else "f",
                status,
                rng.choice(categories),
                "urgent" if rng.random() < 0.03 else "normal",
                "[]",
                "",
                "",
                "f",
                str(received),
                f"{received} 12:00:00+00",
                str(received + datetime.timedelta(days=7)),
                str(answered) if status == "answered" else NULL,
                rng.choice(referrals),
                "f",
                "f",
            )

    copy_rows(
        "journal_appeal",
        "school_id, tag, channel, author_kind, is_anonymous, status, category, urgency, "
        "triage_rules, suggested_category, suggested_urgency, possible_flood, received_on, "
        "created_at, due_on, answered_on, referred_to, also_reported_elsewhere, "
        "erased_at_authors_request",
        rows(),
    )
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE")  # as autovacuum would, after a bulk load
    return small_d, big_d


def measure_district(district):
    """The median of three: (wall-clock ms, of it in this process's CPU ms, letters counted)."""
    from reports.district import district_table

    today = datetime.date(2031, 1, 15)
    times, cpu = [], []
    for _ in range(3):
        t, c = time.perf_counter(), time.process_time()
        table = district_table(district, *QUARTER, today=today)
        times.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    assert table["count"] >= 200
    return round(sorted(times)[1], 1), round(sorted(cpu)[1], 1), table["total"]


def run_sweep(url):
    base, name = url.rsplit("/", 1)
    env = dict(os.environ, DATABASE_URL=f"{base}/{name.split('?')[0]}_sweep")
    env.pop("VAR_DIR", None)
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "sweep.py"), "--json"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--json", action="store_true")
    p.add_argument("--letters", type=int, default=100_000)
    p.add_argument("--schools", type=int, default=2_000)
    p.add_argument("--district-letters", type=int, default=1_000_000)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--no-sweep", action="store_true")
    args = p.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("DATABASE_URL=postgres://... is required (a scratch database: tables are dropped)")
    ensure_database(url)

    import logging

    import django

    django.setup()
    from django.core.management import call_command

    logging.disable(logging.WARNING)
    call_command("migrate", verbosity=0)
    figures = {"letters": args.letters, "schools": args.schools}
    t = time.perf_counter()
    year = build_school(args.letters)
    figures["school_build_s"] = round(time.perf_counter() - t, 1)
    figures.update(measure_school(year, args.repeat))
    t = time.perf_counter()
    small, big = build_districts(args.schools, args.district_letters)
    figures["district_build_s"] = round(time.perf_counter() - t, 1)
    figures["district_200_ms"], figures["district_200_cpu_ms"], _ = measure_district(small)
    (
        figures["district_2000_ms"],
        figures["district_2000_cpu_ms"],
        figures["district_2000_letters"],
    ) = measure_district(big)
    with open("/proc/loadavg") as f:
        figures["load_average"] = float(f.read().split()[0])  # the machine is shared
    if not args.no_sweep:
        print(json.dumps(figures, ensure_ascii=False), file=sys.stderr)  # kept if the sweep fails
        try:
            sweep = run_sweep(url)
        except subprocess.CalledProcessError as e:
            figures["sweep_error"] = (e.stderr or "").strip().splitlines()[-1:]
        else:
            figures["sweep_ms"] = sweep["sweep_ms"]
            figures["sweep_due"] = sweep["due"]
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))
    else:
        print(json.dumps(figures, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
