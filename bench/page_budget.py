"""Page budget of the author's pages: no script, no third party, ≤ 20 KB gzip, ≤ 3 requests.

Renders each page through the real stack (middleware, templates, static files) on a
throw-away SQLite database and prints one line per page. Exit status 1 if over budget.
Run: .venv/bin/python bench/page_budget.py
"""

import gzip
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ishenim.settings")
os.environ["VAR_DIR"] = tempfile.mkdtemp(prefix="ishenim-budget-")
os.environ["VAULT_OPSLIMIT"] = "1"
os.environ["VAULT_MEMLIMIT"] = "8192"
os.environ["RECEIPT_OPSLIMIT"] = "1"
os.environ["RECEIPT_MEMLIMIT"] = "8192"
os.environ["HUEY_IMMEDIATE"] = "1"

import django  # noqa: E402

django.setup()

from django.test.utils import setup_test_environment  # noqa: E402

setup_test_environment()  # the test client's host name, and response.context

from django.contrib.staticfiles import finders  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

BUDGET_BYTES = 20 * 1024
BUDGET_REQUESTS = 3


def main():
    call_command("migrate", verbosity=0)
    from ishenim.testing import make_school
    from journal.sealing import add_staff_message, create_appeal

    school, _key, _ = make_school()
    appeal, code = create_appeal(
        school, text="Мени класста шылдыңдашат. " * 10, author_kind="pupil", is_anonymous=True
    )
    from django.contrib.auth.models import User

    add_staff_message(appeal, User.objects.create(username="x"), "Эртең келиңиз. " * 10)
    client = Client()
    pages = [
        ("school page", "get", "/s/demo/", None),
        ("first step", "get", "/s/demo/write/", None),
        ("anonymous form", "get", "/s/demo/write/anonymous/", None),
        ("signed form", "get", "/s/demo/write/signed/", None),
    ]
    rows, failed = [], False
    client.post(
        "/s/demo/write/anonymous/",
        {"author_kind": "pupil", "text": "Салам", "token": "b" * 32},
    )
    pages.append(("receipt", "get", "/s/demo/receipt/", None))
    pages.append(("check", "get", "/s/demo/check/", None))
    for name, _method, url, _data in pages:
        rows.append(measure(client, name, url))
    client.post("/s/demo/check/", {"code": code})
    pages.append(("conversation", "get", "/s/demo/conversation/", None))
    rows.append(measure(client, "conversation", "/s/demo/conversation/"))
    # The same pages in Uzbek: its words are longer, and the budget holds for them too.
    client.cookies["lang"] = "uz"
    for name, _method, url, _data in pages:
        rows.append(measure(client, f"{name} (uz)", url))
    print(
        f"{'page':<20}{'html gz':>9}{'css gz':>9}{'total gz':>10}{'requests':>10}{'scripts':>9}"
        f"{'3rd party':>11}  verdict"
    )
    for r in rows:
        ok = (
            r["total"] <= BUDGET_BYTES
            and r["requests"] <= BUDGET_REQUESTS
            and r["scripts"] == 0
            and r["third"] == 0
        )
        failed |= not ok
        print(
            f"{r['name']:<20}{r['html']:>9}{r['css']:>9}{r['total']:>10}{r['requests']:>10}"
            f"{r['scripts']:>9}{r['third']:>11}  {'ok' if ok else 'OVER BUDGET'}"
        )
    print(
        f"budget: ≤ {BUDGET_BYTES} bytes gzip (HTML + CSS), ≤ {BUDGET_REQUESTS} requests, "
        "no script, no third-party request"
    )
    return 1 if failed else 0


def measure(client, name, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    html = response.content
    text = html.decode()
    links = re.findall(r'<link[^>]+href="([^"]+)"', text) + re.findall(
        r'<img[^>]+src="([^"]+)"', text
    )
    fetched = [u for u in links if not u.startswith("data:")]
    css = 0
    for u in fetched:
        if u.startswith("/static/"):
            path = finders.find(u[len("/static/") :])
            css += len(gzip.compress(Path(path).read_bytes()))
    third = sum(1 for u in fetched if re.match(r"(https?:)?//", u))
    return {
        "name": name,
        "html": len(gzip.compress(html)),
        "css": css,
        "total": len(gzip.compress(html)) + css,
        "requests": 1 + len(fetched),
        "scripts": text.count("<script"),
        "third": third,
    }


if __name__ == "__main__":
    sys.exit(main())
