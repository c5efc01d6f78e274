"""The urgent lane under load: the real worker, PostgreSQL, Redis and a local SMTP server.

200 schools (a responsible person, a commission member and a director each, ladders of
1-minute steps); 1,000 urgent letters submitted at 5 a second through the same code the
letter form runs; a random half confirmed by the responsible person 1–3 minutes later; the
worker's sweep every minute. Prints one JSON object:

  schools, letters, first_alert_p50_s, first_alert_p95_s (submission → first alert received
  by SMTP), lost_alerts (an alert that fell due and never reached SMTP), duplicate_alerts (a
  second delivery of the same letter, wave, recipient and channel), tick_p95_s (one pass of
  the escalation sweep: selection and enqueueing), ticks, mails.

Run by hand (about 8 minutes): .venv/bin/python bench/urgent_lane.py --json
Needs PostgreSQL on 127.0.0.1:5432 (trust) and Redis on 6379. Uses the scratch database
ishenim_bench_urgent and Redis database 7, both emptied first.
"""

import argparse
import asyncio
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from email import message_from_bytes
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB = "ishenim_bench_urgent"
ENV = {
    "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB}",
    "HUEY_REDIS_URL": "redis://127.0.0.1:6379/7",
    "VAULT_OPSLIMIT": "1",
    "VAULT_MEMLIMIT": "8192",
    "RECEIPT_OPSLIMIT": "1",
    "RECEIPT_MEMLIMIT": "8192",
    "EMAIL_HOST": "127.0.0.1",
    "EMAIL_TIMEOUT": "5",
    "DJANGO_SETTINGS_MODULE": "ishenim.settings",
    "VAR_DIR": tempfile.mkdtemp(prefix="ishenim-bench-"),
    "HUEY_WORKERS": "4",
}


class Recorder:
    """An SMTP server that notes when each message arrived, its Message-ID and recipients."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.received = []
        recorder = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                msg = message_from_bytes(envelope.content)
                recorder.received.append((time.time(), msg["Message-ID"], tuple(envelope.rcpt_tos)))
                return "250 OK"

        # aiosmtpd checks its own server by connecting to the port, so it needs a real one.
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        self.controller.stop()


def sh(*args, env=None):
    subprocess.run(args, check=True, env=env, cwd=ROOT, capture_output=True)


def prepare():
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", DB], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DB], check=True)
    import redis

    redis.Redis.from_url(ENV["HUEY_REDIS_URL"]).flushdb()
    sh(sys.executable, "manage.py", "migrate", "--noinput", env=os.environ)


def build(n_schools):
    from accounts.models import Membership
    from schools.setup import add_staff, create_school
    from urgent.models import LadderStep

    staff = {}
    for i in range(n_schools):
        school, key, _ = create_school(
            slug=f"s{i}",
            name_ky=f"Мектеп {i}",
            name_ru=f"Школа {i}",
            district_ky=f"Район {i % 20}",
            district_ru=f"Район {i % 20}",
        )
        people = []
        for role in (Membership.RESPONSIBLE, Membership.MEMBER, Membership.DIRECTOR):
            people.append(
                add_staff(
                    school,
                    key,
                    username=f"{role[:3]}{i}",
                    password="bench-password-0",
                    role=role,
                    email=f"{role[:3]}{i}@example.org",
                )
            )
        for position, user in enumerate(people, start=1):
            step = LadderStep.objects.create(school=school, position=position, minutes=1)
            step.staff.set([user])
        staff[school.pk] = (school, people[0])
    return staff


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--schools", type=int, default=200)
    parser.add_argument("--letters", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=5.0)
    parser.add_argument("--tail", type=int, default=240, help="seconds to run after the last")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    smtp = Recorder()
    ENV["EMAIL_PORT"] = str(smtp.port)
    os.environ.update(ENV)
    sys.path.insert(0, str(ROOT))
    prepare()
    import django

    django.setup()
    from django.utils import timezone

    from journal.models import Appeal
    from journal.sealing import create_appeal
    from notify.models import OutgoingMail
    from notify.tasks import enqueue
    from urgent import ladder
    from urgent.models import UrgentCase
    from urgent.tasks import letter_arrived

    staff = build(args.schools)
    log = open(Path(ENV["VAR_DIR"]) / "worker.log", "w")
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "run_huey", "--workers", ENV["HUEY_WORKERS"]],
        cwd=ROOT,
        env=os.environ,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    time.sleep(3)
    rng = random.Random(7)
    submitted = {}
    timers = []
    schools = list(staff.values())
    start = time.time()
    for i in range(args.letters):
        due = start + i / args.rate
        time.sleep(max(0.0, due - time.time()))
        school, responsible = schools[i % len(schools)]
        appeal, _code = create_appeal(
            school,
            text="Мен мындан ары жашагым келбейт. Бүгүн кечинде баарын бүтүрөм.",
            author_kind="pupil",
            is_anonymous=True,
        )
        Appeal.objects.filter(pk=appeal.pk).update(urgency=Appeal.URGENT)
        submitted[appeal.pk] = time.time()
        enqueue(letter_arrived, appeal.pk)
        if rng.random() < 0.5:

            def confirm(pk=appeal.pk, user=responsible):
                case = UrgentCase.objects.filter(appeal_id=pk).first()
                if case:
                    ladder.acknowledge(case, user)
                from django.db import connection

                connection.close()

            t = threading.Timer(rng.uniform(60, 180), confirm)
            t.start()
            timers.append(t)
    last = time.time()
    time.sleep(max(0, last + args.tail - time.time()))
    end = timezone.now()
    for t in timers:
        t.join()
    # Let the last minute's wave reach SMTP before counting.
    time.sleep(20)
    worker.terminate()
    worker.wait(30)
    smtp.stop()
    log.close()

    # --- figures
    by_id = {}
    for at, mid, rcpts in smtp.received:
        for r in rcpts:
            by_id.setdefault((mid, r), []).append(at)
    duplicates = sum(len(v) - 1 for v in by_id.values() if len(v) > 1)
    import hashlib

    def mid_of(key):
        return f"<{hashlib.sha256(key.encode()).hexdigest()[:32]}@ishenim>"

    first = {}
    lost = 0
    rows = OutgoingMail.objects.filter(key__startswith="urgent:").values_list(
        "key", "to", "created_at"
    )
    grace = end - timezone.timedelta(seconds=30)
    for key, to, created in rows:
        got = by_id.get((mid_of(key), to))
        pk = int(key.split(":")[1])
        if got:
            first[pk] = min(first.get(pk, got[0]), min(got))
        elif created < grace:
            lost += 1
    # A wave that fell due (more than a sweep and a margin ago) and was never sent.
    overdue = UrgentCase.objects.filter(
        acknowledged_at__isnull=True,
        next_alert_at__lt=end - timezone.timedelta(seconds=90),
    ).count()
    lost += overdue
    never = [pk for pk in submitted if pk not in first]
    lost += len(never)
    waits = sorted(first[pk] - submitted[pk] for pk in first)
    ticks = [
        float(m.group(1))
        for m in re.finditer(r"urgent tick: \d+ waves in ([0-9.]+) s", Path(log.name).read_text())
    ]

    def p(values, q):
        if not values:
            return None
        return (
            round(statistics.quantiles(values, n=100)[q - 1], 3) if len(values) > 1 else values[0]
        )

    result = {
        "schools": args.schools,
        "letters": len(submitted),
        "first_alert_p50_s": p(waits, 50),
        "first_alert_p95_s": p(waits, 95),
        "lost_alerts": lost,
        "duplicate_alerts": duplicates,
        "tick_p95_s": p(ticks, 95),
        "ticks": len(ticks),
        "mails": len(smtp.received),
        "confirmed": UrgentCase.objects.filter(acknowledged_at__isnull=False).count(),
        "run_s": round(time.time() - start, 1),
    }
    print(json.dumps(result) if args.json else json.dumps(result, indent=2))


if __name__ == "__main__":
    asyncio.set_event_loop(asyncio.new_event_loop())
    main()
