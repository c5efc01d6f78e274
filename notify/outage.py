"""Is e-mail failing, since when, and how many alerts wait? For the staff banner and /health/.

"Since" is the first failure after the last success (ChannelState), so a server that fails,
recovers and fails again shows the start of the current outage, not of the first one.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from notify.models import RETRY_DAYS, ChannelState, OutgoingMail


@dataclass(frozen=True)
class MailOutage:
    failing: bool
    since: datetime.datetime | None
    waiting: int  # mails not yet sent and still being retried
    given_up: int  # mails given up after RETRY_DAYS, in the last RETRY_DAYS

    def since_text(self, now=None):
        """The start in local time (TIME_ZONE): the time alone today, with the date before."""
        if self.since is None:
            return ""
        local = timezone.localtime(self.since)
        if local.date() == timezone.localdate(now or timezone.now()):
            return date_format(local, "H:i")
        return date_format(local, "d.m.Y H:i")

    def sentences(self, now=None):
        """What a person reads: short sentences in the active language, no codes."""
        out = []
        if self.failing:
            out.append(
                _("E-mail has been failing since %(since)s; alerts waiting: %(count)d.")
                % {"since": self.since_text(now), "count": self.waiting}
            )
        if self.given_up:
            out.append(
                _("Alerts that could not be sent by e-mail in 7 days of trying: %(count)d.")
                % {"count": self.given_up}
            )
        return out


def mail_outage(now=None):
    """Three small indexed queries; no mail content, address or school is read."""
    now = now or timezone.now()
    since = ChannelState.failing_since_of(ChannelState.EMAIL)
    waiting = OutgoingMail.objects.waiting().count()
    given_up = OutgoingMail.objects.filter(
        failed_at__gte=now - datetime.timedelta(days=RETRY_DAYS)
    ).count()
    return MailOutage(failing=since is not None, since=since, waiting=waiting, given_up=given_up)
