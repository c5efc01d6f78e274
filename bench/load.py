"""Open-loop load against the real deployment: letters and receipt checks at a fixed rate.

Starts what deploy/ and CI run — gunicorn with the repository's gunicorn.conf.py (2 workers),
production settings, PostgreSQL, huey on Redis, the cache (rate limits) on Redis — then sends
RATE letters a second for SECONDS seconds, each from a new session and a distinct source
address (as nginx's X-Real-IP would give), with as many receipt checks a second alongside
(each in a new session, with a code an earlier letter got). Requests are started on
schedule whatever the server's answers (open loop), so a slow server shows as latency, not
as a lower rate. After the run it counts the letters in the database: `lost` is letters
that showed a receipt but are not stored.

Needs PostgreSQL (LOAD_ADMIN_URL, default postgres://postgres@127.0.0.1:5432/postgres; the
database `ishenim_load` is dropped and made fresh) and Redis (LOAD_REDIS_URL, default
redis://127.0.0.1:6379/8 for the queue and /9 for the cache; both are emptied). Beside another
run: LOAD_DB_NAME (default ishenim_load) and LOAD_REDIS_DBS (default "8,9") set them apart.
Run: .venv/bin/python bench/load.py [--rate 20] [--seconds 60] [--json]
"""

import argparse
import json
import os
import random
import re
import shutil
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "deploy"))

from smoke import (  # noqa: E402
    HOST,
    Browser,
    free_port,
    hidden,
    manage,
    start_deployment,
    stop_deployment,
    wait_for_port,
)

DB_NAME = os.environ.get("LOAD_DB_NAME", "ishenim_load")  # runs side by side: one each
SLUG = "load-school"
TEXTS = [
    "Ашканада орун жетишпейт, эки смена кылса болобу?",
    "Мени класста шылдыңдашат, сумкамды ыргытып салышат.",
    "Здравствуйте, в спортзале холодно, можно починить окна?",
    "Математикадан үй тапшырма өтө көп берилет.",
]
CODE = re.compile(r'class="code"[^>]*>\s*(\d{4} \d{4} \d{4} \d{4})\s*<')


def cpu_seconds(pid):
    """CPU time of a process and all its children, dead (waited for) or alive, from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return 0.0
    own = sum(int(v) for v in fields[11:15]) / tick  # utime, stime, cutime, cstime
    return own + sum(cpu_seconds(int(c)) for c in children)


def p95(values):
    if not values:
        return None
    values = sorted(values)
    return round(values[min(len(values) - 1, int(0.95 * len(values)))] * 1000, 1)


class Load:
    def __init__(self, port):
        self.port = port
        self.lock = threading.Lock()
        self.submit_ms, self.check_ms = [], []
        self.codes, self.errors, self.error_kinds = [], 0, {}
        self.late_starts = 0

    def _source(self):
        return {
            "X-Real-IP": f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"
        }

    def _error(self, what):
        with self.lock:
            self.errors += 1
            self.error_kinds[what] = self.error_kinds.get(what, 0) + 1

    def letter(self, i):
        b, source = Browser(self.port), self._source()
        try:
            r, html = b.get(f"/s/{SLUG}/write/anonymous/", headers=source)
            if r.status != 200:
                return self._error(f"write form {r.status}")
            form = {
                "csrfmiddlewaretoken": hidden(html, "csrfmiddlewaretoken"),
                "token": hidden(html, "token"),
                "author_kind": "pupil",
                "signed": "0",
                "text": f"{TEXTS[i % len(TEXTS)]} ({i})",
            }
            start = time.perf_counter()
            r, html = b.post(f"/s/{SLUG}/write/anonymous/", form, headers=source)
            elapsed = time.perf_counter() - start
            m = CODE.search(html)
            if r.status != 200 or not m:
                return self._error(f"submit {r.status}")
            with self.lock:
                self.submit_ms.append(elapsed)
                self.codes.append(m.group(1))
        except Exception as e:  # noqa: BLE001 — counted, the run goes on
            self._error(type(e).__name__)

    def check(self, i):
        with self.lock:
            code = random.choice(self.codes) if self.codes else None
        if code is None:
            return
        b, source = Browser(self.port), self._source()
        try:
            r, html = b.get(f"/s/{SLUG}/check/", headers=source)
            if r.status != 200:
                return self._error(f"check form {r.status}")
            form = {"csrfmiddlewaretoken": hidden(html, "csrfmiddlewaretoken"), "code": code}
            start = time.perf_counter()
            r, html = b.post(f"/s/{SLUG}/check/", form, headers=source)
            elapsed = time.perf_counter() - start
            if r.status != 200 or "conversation" not in html:
                return self._error(f"check {r.status}")
            with self.lock:
                self.check_ms.append(elapsed)
        except Exception as e:  # noqa: BLE001
            self._error(type(e).__name__)

    def run(self, rate, seconds):
        """Start letter i and check i at i / rate seconds, whatever came back before."""
        # A few letters first, not timed, so the first checks have codes to use.
        for i in range(5):
            self.letter(-1 - i)
        self.submit_ms, self.errors, self.error_kinds = [], 0, {}
        pool = ThreadPoolExecutor(max_workers=max(64, rate * 8))
        begin = time.perf_counter()
        futures = []
        for i in range(int(rate * seconds)):
            due = begin + i / rate
            delay = due - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            elif delay < -0.05:
                self.late_starts += 1
            futures.append(pool.submit(self.letter, i))
            futures.append(pool.submit(self.check, i))
        sent_for = time.perf_counter() - begin
        for f in futures:
            f.result()
        pool.shutdown()
        return sent_for, time.perf_counter() - begin


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=int, default=20, help="letters (and checks) a second")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    import psycopg
    import redis

    admin_url = os.environ.get("LOAD_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    db_url = admin_url.rsplit("/", 1)[0] + "/" + DB_NAME
    redis_base = os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/8").rsplit("/", 1)[0]
    queue_db, cache_db = os.environ.get("LOAD_REDIS_DBS", "8,9").split(",")
    queue_url, cache_url = f"{redis_base}/{queue_db}", f"{redis_base}/{cache_db}"
    port = free_port()
    var = Path(tempfile.mkdtemp(prefix="ishenim-load-"))
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "ISHENIM_PRODUCTION": "1",
        "SECRET_KEY": "load-test-only-secret-key-not-for-any-real-server-0123456789abcdef",
        "ALLOWED_HOSTS": HOST,
        "SITE_URL": f"https://{HOST}",
        "DATABASE_URL": db_url,
        "HUEY_REDIS_URL": queue_url,
        "CACHE_URL": cache_url,
        "SOURCE_ADDRESS_HEADER": "HTTP_X_REAL_IP",
        "VAR_DIR": str(var),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    }
    log = (lambda *a: None) if args.json else (lambda *a: print(*a, file=sys.stderr))
    procs, logs, figures = [], {}, {}
    try:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {DB_NAME}")
        for url in (queue_url, cache_url):
            redis.Redis.from_url(url).flushdb()
        log("setup: migrate, collectstatic, a school with a responsible person")
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        manage(
            env,
            *("create_school", "--slug", SLUG, "--name-ky", "Load мектеби"),
            *("--name-ru", "Школа Load", "--district-ky", "Load району"),
            *("--district-ru", "Load район", "--username", "load-responsible"),
            *("--password", "load-password-0123", "--email", "load@example.org"),
        )
        start_deployment(env, var, procs, logs)
        wait_for_port(port, procs)
        log(f"load: {args.rate} letters and {args.rate} checks a second for {args.seconds} s")
        load = Load(port)
        cpu_before = {p.args[0]: cpu_seconds(p.pid) for p in procs}
        sent_for, total = load.run(args.rate, args.seconds)
        cpu = {Path(p.args[0]).name: cpu_seconds(p.pid) - cpu_before[p.args[0]] for p in procs}
        with psycopg.connect(db_url) as conn:
            stored = conn.execute(
                "SELECT count(*) FROM journal_appeal a JOIN schools_school s ON s.id = a.school_id"
                " WHERE s.slug = %s",
                [SLUG],
            ).fetchone()[0]
        flows = len(load.submit_ms) + len(load.check_ms)
        figures = {
            # Letters stored per second of the whole run, until the last answer came back: the
            # rate the deployment sustained, not the rate offered.
            "letters_per_s": round(len(load.submit_ms) / total, 2),
            "checks_per_s": round(len(load.check_ms) / total, 2),
            "offered_per_s": args.rate,
            "seconds": round(total, 1),
            "sending_seconds": round(sent_for, 1),
            # Server CPU per author visit (form + post + page), letters and checks together:
            # what the 2 cores can carry whatever else the machine runs meanwhile.
            "gunicorn_cpu_ms_per_visit": round(cpu.get("gunicorn", 0) * 1000 / max(flows, 1), 1),
            "huey_cpu_s": round(cpu.get("python", cpu.get("python3", 0)), 1),
            "load_average_1m": round(os.getloadavg()[0], 1),
            "letters": len(load.submit_ms),  # and 5 untimed ones before the run
            "checks": len(load.check_ms),
            "submit_p95_ms": p95(load.submit_ms),
            "check_p95_ms": p95(load.check_ms),
            "errors": load.errors,
            "error_kinds": load.error_kinds,
            "late_starts": load.late_starts,
            "stored": stored,
            "lost": len(load.codes) - stored,
        }
    finally:
        stop_deployment(procs)
        for name, f in logs.items():
            f.seek(0)
            text = f.read()
            f.close()
            if "Traceback" in text or re.search(r"\b10\.\d+\.\d+\.\d+\b", text):
                figures.setdefault("log_problems", []).append(name)
                log(f"--- {name} log ---\n{text[-3000:]}")
        try:
            with psycopg.connect(admin_url, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
            for url in (queue_url, cache_url):
                redis.Redis.from_url(url).flushdb()
        except Exception as e:  # noqa: BLE001 — cleanup must not hide the result
            log(f"cleanup: {e}")
        shutil.rmtree(var, ignore_errors=True)
    print(json.dumps(figures) if args.json else json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
