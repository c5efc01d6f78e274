"""A worker process killed in the middle of a wave: the next pass sends what was not sent,
once, and skips no step. The kill is real (SIGKILL from inside the alert loop)."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.test import TransactionTestCase

from accounts.models import Membership
from ishenim.testing import PASSWORD, CastMixin
from journal.models import Appeal
from notify.models import Notice, OutgoingMail
from schools.setup import add_staff
from urgent import tasks
from urgent.models import UrgentCase
from urgent.tests.base import T0, minutes

CHILD = textwrap.dedent(
    """
    import datetime, os, signal, django
    django.setup()
    from django.utils import timezone
    import notify.channels as channels
    from urgent import ladder, tasks
    calls = {"n": 0}
    real = ladder.alert
    def dying_alert(user, alert):
        calls["n"] += 1
        if calls["n"] == 2:
            os.kill(os.getpid(), signal.SIGKILL)  # no cleanup, no rollback handler
        return real(user, alert)
    ladder.alert = dying_alert
    tasks.tick(now=datetime.datetime.fromisoformat(os.environ["AT"]))
    """
)


class KilledWorkerTests(CastMixin, TransactionTestCase):
    serialized_rollback = False

    def setUp(self):
        self.make_cast()
        # A second key holder on step 1, so the kill falls between two alerts of one wave.
        self.ulan = add_staff(
            self.school,
            self.key,
            username="ulan",
            password=PASSWORD,
            role=Membership.RESPONSIBLE,
            email="ulan@example.org",
        )

    def run_child(self, at):
        env = dict(os.environ)
        env.pop("DATABASE_URL", None)
        db = connection.settings_dict
        if connection.vendor == "sqlite":
            env["SQLITE_PATH"] = str(db["NAME"])
        else:
            env["DATABASE_URL"] = (
                f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
                f"/{db['NAME']}"
            )
        env["AT"] = at.isoformat()
        env["DJANGO_SETTINGS_MODULE"] = "ishenim.settings"
        env["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
        return subprocess.run(
            [sys.executable, "-c", CHILD],
            cwd=Path(settings.BASE_DIR),
            env=env,
            capture_output=True,
            timeout=120,
        )

    def test_killed_worker_leaves_no_duplicate_and_no_skipped_step(self):
        appeal, _code = self.submit("Үйдө мени урушат, коркуп жатам.")
        Appeal.objects.filter(pk=appeal.pk).update(urgency=Appeal.URGENT, created_at=T0)
        result = self.run_child(T0)
        self.assertEqual(result.returncode, -9, result.stderr.decode()[-2000:])
        # Nothing of the half-sent wave was committed: the case has not moved on.
        case = UrgentCase.objects.get(appeal=appeal)
        self.assertEqual(case.wave, 0)
        # The next pass (a restarted worker) sends the whole wave, once.
        tasks.tick(now=T0)
        tasks.tick(now=T0)
        notices = Notice.objects.filter(key=f"urgent:{appeal.pk}:w0")
        self.assertEqual(sorted(n.user.username for n in notices), ["aida", "ulan"])
        self.assertEqual(
            OutgoingMail.objects.filter(key__startswith=f"urgent:{appeal.pk}:w0").count(), 2
        )
        # The ladder goes on where it was: step 2 at +15 minutes.
        tasks.tick(now=minutes(15))
        self.assertTrue(Notice.objects.filter(user=self.bolot, key=f"urgent:{appeal.pk}:w1"))
