#!/usr/bin/env python3
"""Smoke test of the deployment: the same gunicorn.conf.py and production settings as
deploy/systemd/, on PostgreSQL and huey on Redis, driven over HTTP like a browser behind nginx.

  .venv/bin/python deploy/smoke.py

Needs PostgreSQL (SMOKE_ADMIN_URL, default postgres://postgres@127.0.0.1:5432/postgres; the
database `ishenim_smoke` is dropped and made fresh) and Redis (SMOKE_REDIS_URL, default
redis://127.0.0.1:6379/5; that Redis database is emptied). Exits non-zero on any failure.

nginx terminates TLS and tells the app so with `X-Forwarded-Proto: https`, which production
settings trust (SECURE_PROXY_SSL_HEADER) and gunicorn accepts from loopback
(forwarded_allow_ips). The client here sends that header as nginx would, and sends cookies
back although they are marked Secure (nginx forwards them as they come) — production
settings are not weakened for the test.
"""

import gzip
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).parent / "gunicorn")
HOST = "ishenim.example.org"
DB_NAME = "ishenim_smoke"
SLUG = "smoke-school"
STAFF, PASSWORD = "smoke-responsible", "smoke-password-0123"
LETTER = "Ашканада орун жетишпейт, эки смена кылса болобу? Smoke test."


class SmokeFailure(Exception):
    pass


def check(condition, what):
    if not condition:
        raise SmokeFailure(what)
    print(f"  ok  {what}")


class Browser:
    """A tiny HTTP client: cookies kept, redirects followed, headers as nginx would send."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def request(self, method, path, form=None, headers=None, proxy=True, follow=True):
        for _ in range(10):
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            h = {"Host": HOST, "Accept-Language": "ky"}
            if proxy:
                h["X-Forwarded-Proto"] = "https"
            if self.cookies:
                h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            body = None
            if form is not None:
                body = urlencode(form, doseq=True)
                h["Content-Type"] = "application/x-www-form-urlencoded"
                h["Origin"] = f"https://{HOST}"
                h["Referer"] = f"https://{HOST}{path}"
            h.update(headers or {})
            conn.request(method, path, body=body, headers=h)
            r = conn.getresponse()
            data = r.read()
            conn.close()
            for raw in r.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(raw).items():
                    if morsel.value and morsel["max-age"] != "0":
                        self.cookies[name] = morsel.value
                    else:
                        self.cookies.pop(name, None)
            if follow and r.status in (301, 302, 303) and proxy:
                method, form = "GET", None
                path = urlsplit(r.headers["Location"]).path
                continue
            return r, data
        raise SmokeFailure(f"too many redirects at {path}")

    def get(self, path, **kw):
        r, data = self.request("GET", path, **kw)
        return r, self.text(r, data)

    def post(self, path, form, **kw):
        r, data = self.request("POST", path, form=form, **kw)
        return r, self.text(r, data)

    @staticmethod
    def text(r, data):
        if r.getheader("Content-Encoding") == "gzip":
            data = gzip.decompress(data)
        return data.decode("utf-8", "replace")


def hidden(html, name):
    m = re.search(rf'name="{name}" value="([^"]*)"', html) or re.search(
        rf'value="([^"]*)" name="{name}"', html
    )
    if not m:
        raise SmokeFailure(f"no hidden field {name!r} in the form")
    return m.group(1)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, procs, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        for p in procs:
            if p.poll() is not None:
                raise SmokeFailure(f"{p.args[0]} exited with {p.returncode} while starting")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise SmokeFailure("gunicorn did not start listening")


def fresh_database(admin_url):
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB_NAME}")


def drop_database(admin_url):
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")


def start_deployment(env, var, procs, logs):
    """gunicorn with the repository's gunicorn.conf.py and the huey worker, as systemd runs
    them; their output goes to `var`. Appends to `procs` and `logs` (the caller stops them
    with stop_deployment, also after a failure half-way)."""
    for name, cmd in [
        ("gunicorn", [GUNICORN, "-c", "gunicorn.conf.py"]),
        ("huey", [PYTHON, "manage.py", "run_huey"]),
    ]:
        logs[name] = open(var / f"{name}.log", "w+")
        procs.append(
            subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=logs[name], stderr=subprocess.STDOUT)
        )


def stop_deployment(procs):
    for p in procs:
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
    for p in procs:
        try:
            p.wait(timeout=30)
        except subprocess.TimeoutExpired:
            p.kill()


def manage(env, *args):
    r = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if r.returncode:
        raise SmokeFailure(f"manage.py {args[0]} failed:\n{r.stdout}\n{r.stderr}")
    return r.stdout


def scenario(port, db_url):
    import psycopg

    b = Browser(port)
    print("author: write a letter")
    r, _ = b.get(f"/s/{SLUG}/", proxy=False, follow=False)
    check(
        r.status == 301 and r.getheader("Location", "").startswith("https://"),
        "plain HTTP is sent to HTTPS",
    )
    r, html = b.get(f"/s/{SLUG}/write/anonymous/")
    check(r.status == 200 and 'name="text"' in html, "the write form opens")
    check("secure" in (r.getheader("Set-Cookie") or "").lower(), "cookies are marked Secure")
    form = {
        "csrfmiddlewaretoken": hidden(html, "csrfmiddlewaretoken"),
        "token": hidden(html, "token"),
        "author_kind": "pupil",
        "text": LETTER,
    }
    r, html = b.post(f"/s/{SLUG}/write/anonymous/", form)
    m = re.search(r'class="code"[^>]*>\s*(\d{4} \d{4} \d{4} \d{4})\s*<', html)
    check(r.status == 200 and m, "the receipt page shows a code")
    code = m.group(1)
    check(r.getheader("Content-Encoding") is None, "the receipt page is not compressed (BREACH)")
    r, html = b.get(f"/s/{SLUG}/conversation/")
    check(LETTER in html, "the conversation shows the letter")

    print("author: check my appeal with the code, in a new session")
    b2 = Browser(port)
    r, html = b2.get(f"/s/{SLUG}/check/")
    check(r.status == 200, "the check form opens")
    form = {"csrfmiddlewaretoken": hidden(html, "csrfmiddlewaretoken"), "code": code}
    r, html = b2.post(f"/s/{SLUG}/check/", form)
    check(r.status == 200 and LETTER in html, "the code opens the conversation")
    form = {"csrfmiddlewaretoken": hidden(html, "csrfmiddlewaretoken"), "code": "0" * 16}
    b3 = Browser(port)
    r, html = b3.get(f"/s/{SLUG}/check/")
    form["csrfmiddlewaretoken"] = hidden(html, "csrfmiddlewaretoken")
    r, html = b3.post(f"/s/{SLUG}/check/", form)
    check(r.status == 200 and LETTER not in html, "a wrong code opens nothing")

    print("worker: the new-appeal notice is made by huey on Redis")
    deadline = time.time() + 30
    notices = 0
    while time.time() < deadline and not notices:
        with psycopg.connect(db_url) as conn:
            notices = conn.execute("SELECT count(*) FROM notify_notice").fetchone()[0]
        time.sleep(0.5)
    check(notices >= 1, "the worker ran the new-appeal task")

    print("staff: log in and open the journal")
    s = Browser(port)
    r, html = s.get("/staff/login/")
    form = {
        "csrfmiddlewaretoken": hidden(html, "csrfmiddlewaretoken"),
        "username": STAFF,
        "password": PASSWORD,
    }
    r, html = s.post("/staff/login/", form)
    check(r.status == 200 and "sessionid" in s.cookies, "the staff member logs in")
    r, html = s.get("/staff/")
    check(r.status == 200 and LETTER[:40] in html, "the journal shows the opened letter")
    check(r.getheader("Content-Encoding") is None, "the journal is not compressed (BREACH)")

    print("static files and compression")
    r, html = b.get(f"/s/{SLUG}/", headers={"Accept-Encoding": "gzip"})
    check(r.getheader("Content-Encoding") == "gzip", "the school page is compressed")
    css = re.search(r'href="(/static/[^"]+\.css)"', html)
    check(css and re.search(r"\.[0-9a-f]{12}\.css$", css.group(1)), "static names carry hashes")
    r, _ = b.request("GET", css.group(1), headers={"Accept-Encoding": "gzip"})
    check(r.status == 200 and r.getheader("Content-Encoding") == "gzip", "CSS comes gzipped")


def main():
    admin_url = os.environ.get("SMOKE_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    db_url = admin_url.rsplit("/", 1)[0] + "/" + DB_NAME
    redis_url = os.environ.get("SMOKE_REDIS_URL", "redis://127.0.0.1:6379/5")
    port = free_port()
    var = Path(tempfile.mkdtemp(prefix="ishenim-smoke-"))
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "ISHENIM_PRODUCTION": "1",
        "SECRET_KEY": "smoke-test-only-secret-key-not-for-any-real-server-0123456789abcdef",
        "ALLOWED_HOSTS": HOST,
        "SITE_URL": f"https://{HOST}",
        "DATABASE_URL": db_url,
        "HUEY_REDIS_URL": redis_url,
        "VAR_DIR": str(var),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
    }
    import redis

    started = time.time()
    procs, logs = [], {}
    failed = True
    try:
        print(f"setup: database {DB_NAME}, Redis {redis_url}, var {var}")
        fresh_database(admin_url)
        redis.Redis.from_url(redis_url).flushdb()
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        manage(
            env,
            *("create_school", "--slug", SLUG, "--name-ky", "Smoke мектеби"),
            *("--name-ru", "Школа Smoke", "--district-ky", "Smoke району"),
            *("--district-ru", "Smoke район", "--username", STAFF, "--password", PASSWORD),
        )
        start_deployment(env, var, procs, logs)
        print(f"setup done in {time.time() - started:.0f} s")
        wait_for_port(port, procs)
        print(f"gunicorn listening after {time.time() - started:.0f} s")
        scenario(port, db_url)
        failed = False
    except SmokeFailure as e:
        print(f"SMOKE TEST FAILED: {e}")
    finally:
        stop_deployment(procs)
        for name, f in logs.items():
            f.seek(0)
            text = f.read()
            f.close()
            if "127.0.0.1" in text or "Traceback" in text:
                print(f"SMOKE TEST FAILED: the {name} log has an address or an error")
                failed = True
            if failed:
                print(f"--- {name} log ---\n{text}")
        try:
            drop_database(admin_url)
            redis.Redis.from_url(redis_url).flushdb()
        except Exception as e:  # noqa: BLE001 — cleanup must not hide the result
            print(f"cleanup: {e}")
        shutil.rmtree(var, ignore_errors=True)
    print(f"smoke test {'FAILED' if failed else 'passed'} in {time.time() - started:.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
