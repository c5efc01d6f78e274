"""The journal list of a school year with 10,000 entries: time per page and per search.

Builds one school with N sealed, registered appeals in a throw-away SQLite database (or the
PostgreSQL database given by DATABASE_URL: it must be a scratch one, tables are created),
then renders the staff journal page through the real stack and prints the figures.
Run: .venv/bin/python bench/journal_list.py [N]
"""

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ishenim.settings")
os.environ.setdefault("VAR_DIR", tempfile.mkdtemp(prefix="ishenim-bench-"))
os.environ["VAULT_OPSLIMIT"] = "1"
os.environ["VAULT_MEMLIMIT"] = "8192"
os.environ["RECEIPT_OPSLIMIT"] = "1"
os.environ["RECEIPT_MEMLIMIT"] = "8192"
os.environ["HUEY_IMMEDIATE"] = "1"

import django  # noqa: E402

django.setup()

from django.test.utils import setup_test_environment  # noqa: E402

setup_test_environment()  # the test client's host name, and response.context

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

TEXTS = [
    "Мени класста күн сайын шылдыңдашат, сумкамды ыргытып салышат.",
    "Здравствуйте, в столовой не хватает мест, можно две смены?",
    "Математикадан үй тапшырма өтө көп берилет.",
    "Спасибо за новый спортзал!",
]


def build(n):
    from accounts.models import Membership
    from ishenim.testing import make_school
    from journal.models import Appeal, JournalCounter, Message
    from schools.setup import add_staff
    from vault import author_key, new_receipt_code, seal_text

    school, key, _ = make_school()
    add_staff(
        school, key, username="bench", password="bench-password-1", role=Membership.RESPONSIBLE
    )
    year = school.current_school_year()
    code = new_receipt_code()
    author = author_key(code, school.receipt_salt)  # one slow hash; the rows share it
    appeals, messages = [], []
    for i in range(n):
        appeals.append(
            Appeal(
                school=school,
                school_year=year,
                number=i + 1,
                tag=f"B{i:08d}",
                author_kind="pupil",
                is_anonymous=True,
                status="registered",
                category="bullying",
                urgency="normal",
                receipt_hash=os.urandom(32),
                author_public_key=author.public_key,
                sealed_summary=seal_text(school.public_key, f"Кыскача мазмуну {i}"),
                sealed_measures=seal_text(school.public_key, "Сүйлөшүү өткөрүлдү"),
            )
        )
    with transaction.atomic():
        Appeal.objects.bulk_create(appeals, batch_size=1000)
        for a in Appeal.objects.filter(school=school).only("id"):
            text = TEXTS[a.pk % len(TEXTS)] + (" ашкана" if a.pk % 997 == 0 else "")
            messages.append(
                Message(
                    appeal_id=a.pk,
                    sender="author",
                    body_for_school=seal_text(school.public_key, text),
                    body_for_author=seal_text(author.public_key, text),
                )
            )
        Message.objects.bulk_create(messages, batch_size=1000)
        JournalCounter.objects.create(school_year=year, last_number=n)


def timed(client, url, params=None, repeat=3):
    best = None
    for _ in range(repeat):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as ctx:
            r = client.get(url, params or {})
        elapsed = time.perf_counter() - start
        assert r.status_code == 200, r.status_code
        best = elapsed if best is None else min(best, elapsed)
    return (
        best,
        len(ctx.captured_queries),
        len(r.context["rows"]),
        r.context["page"].paginator.count,
    )


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    call_command("migrate", verbosity=0)
    t = time.perf_counter()
    build(n)
    print(f"built {n} sealed appeals in {time.perf_counter() - t:.1f} s ({connection.vendor})")
    client = Client()
    r = client.post("/staff/login/", {"username": "bench", "password": "bench-password-1"})
    assert r.status_code == 302
    print(f"{'request':<34}{'best of 3':>11}{'queries':>9}{'rows':>7}{'matches':>9}")
    for label, params in [
        ("journal, first page (50 rows)", {}),
        ("journal, page 100", {"page": "100"}),
        ("filter: status + date range", {"status": "registered", "date_from": "2020-01-01"}),
        ("search inside sealed text", {"q": "ашкана"}),
    ]:
        elapsed, queries, rows, count = timed(client, "/staff/", params)
        print(f"{label:<34}{elapsed * 1000:>9.0f} ms{queries:>9}{rows:>7}{count:>9}")


if __name__ == "__main__":
    main()
