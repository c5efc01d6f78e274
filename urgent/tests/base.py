"""An urgent letter at a fixed moment, and what each person was alerted about."""

import datetime

from django.core import mail
from django.utils import timezone

from ishenim.testing import BaseTestCase
from journal.models import Appeal
from notify.models import Notice, OutgoingMail
from urgent import ladder, tasks

# A Tuesday morning in Bishkek, a working day with no holiday.
T0 = timezone.make_aware(datetime.datetime(2026, 11, 10, 9, 0))


def minutes(n):
    return T0 + datetime.timedelta(minutes=n)


class LaneTestCase(BaseTestCase):
    def urgent_letter(self, at=T0, **kwargs):
        appeal, code = self.submit("Үйдө мени урушат, коркуп жатам.", **kwargs)
        Appeal.objects.filter(pk=appeal.pk).update(urgency=Appeal.URGENT, created_at=at)
        appeal.refresh_from_db()
        return appeal

    def tick(self, at):
        # Mails go to the server when the wave's transaction commits.
        with self.captureOnCommitCallbacks(execute=True):
            return tasks.tick(now=at)

    def alerted(self, appeal):
        """{username: number of urgent notices} for this letter's waves."""
        counts = {}
        for n in Notice.objects.filter(key__startswith=f"urgent:{appeal.pk}:w"):
            counts[n.user.username] = counts.get(n.user.username, 0) + 1
        return counts

    def waves_to(self, user, appeal):
        return sorted(
            n.key for n in Notice.objects.filter(user=user, key__startswith=f"urgent:{appeal.pk}:w")
        )

    def mails_to(self, address):
        return [m for m in mail.outbox if address in m.to]

    def outbox_rows(self):
        return OutgoingMail.objects.count()

    def open_case(self, appeal, at=T0):
        return ladder.open_case(appeal, now=at)
