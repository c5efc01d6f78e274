"""Tasks: staff notices and mails. Mails never carry appeal content (DESIGN.md §4)."""

import datetime
import hashlib
import logging
import zoneinfo
from collections import defaultdict
from typing import NamedTuple

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import CharField, Count, Exists, OuterRef, Q, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task, db_task, lock_task

from accounts.models import Membership
from ishenim.lib.urls import absolute_url
from journal.models import Appeal
from notify.models import ChannelState, Notice, OutgoingMail
from schools.calendar import WorkingCalendar
from schools.models import DayOff, School, rules_for

log = logging.getLogger(__name__)


def enqueue(task, *args):
    """Queue a task; if the queue itself fails, the sweep below still finds the work."""
    try:
        task(*args)
    except Exception:  # noqa: BLE001 — the appeal is stored; the notice can wait
        log.exception("could not queue %s", task.name)


def _recipients(appeal, roles=(Membership.RESPONSIBLE,)):
    users = {
        m.user
        for m in Membership.objects.filter(school=appeal.school, role__in=roles).select_related(
            "user"
        )
        if m.user.is_active
    }
    excluded = set(appeal.excluded_staff.all())
    return [u for u in users if u not in excluded]


def notify_appeal(appeal):
    """Notices and mails for a new appeal. Idempotent: running it twice sends nothing twice.
    Urgent letters are the urgent lane's (urgent/ladder.py): it alerts step by step until
    someone confirms, so they get no plain "new appeal" notice here."""
    if appeal.urgency == Appeal.URGENT:
        return
    kind = Notice.NEW_APPEAL
    if appeal.possible_flood:
        _notify_flood(appeal, kind)
        return
    with translation.override("ky"):
        subject = _("New appeal %(tag)s") % {"tag": appeal.tag}
        body = _(
            "A new appeal has come to %(school)s. Log in to read it:\n%(url)s\n\n"
            "For confidentiality this mail does not contain the text."
        ) % {
            "school": appeal.school.name_ky,
            "url": absolute_url(reverse("journal:appeal", args=[appeal.pk])),
        }
    for user in _recipients(appeal):
        _notice(user, appeal, kind, f"{kind}:{appeal.pk}")
        if user.email:
            queue_mail(f"{kind}:{appeal.pk}:{user.pk}", user.email, subject, body)


def _notify_flood(appeal, kind):
    """A letter marked as a possible flood: its in-app notice as usual, but one mail per hour
    and school for all of them, so a prankster cannot fill the social pedagogue's inbox."""
    hour = timezone.localtime(appeal.created_at).strftime("%Y%m%d%H")
    with translation.override("ky"):
        subject = _("Many letters in a short time")
        body = _(
            "Many letters have come to %(school)s in a short time. They are marked in the "
            "journal as a possible flood; urgent ones are alerted as always. Log in:\n%(url)s"
            "\n\nFor confidentiality this mail does not contain the texts."
        ) % {"school": appeal.school.name_ky, "url": absolute_url(reverse("journal:home"))}
    for user in _recipients(appeal):
        _notice(user, appeal, kind, f"{kind}:{appeal.pk}")
        if user.email:
            queue_mail(f"flood:{appeal.school_id}:{hour}:{user.pk}", user.email, subject, body)


def _notice(user, appeal, kind, key, school=None):
    # ON CONFLICT DO NOTHING: a notice made before is skipped without a failed insert (which
    # PostgreSQL would write to its log as an error on every sweep).
    Notice.objects.bulk_create(
        [Notice(user=user, appeal=appeal, school=school, kind=kind, key=key)],
        ignore_conflicts=True,
    )


def queue_mail(key, to, subject, body):
    mail, created = OutgoingMail.objects.get_or_create(
        key=key, defaults={"to": to, "subject": subject, "body": body}
    )
    if created and not email_failing():
        deliver(mail)
    return mail


def message_for(mail):
    """The mail with a Message-ID made from its key: a second attempt of the same mail carries
    the same id, so mail clients show it once and a count of deliveries can tell repeats."""
    digest = hashlib.sha256(mail.key.encode()).hexdigest()[:32]
    return EmailMessage(
        mail.subject, mail.body, None, [mail.to], headers={"Message-ID": f"<{digest}@ishenim>"}
    )


def deliver(mail, now=None):
    """Send one queued mail if this worker wins its lease. Returns True when sent (now or
    before), False when the attempt failed (the mail waits its back-off), None when it is not
    this worker's to send (held by another worker, backing off, or given up)."""
    if mail.sent_at:
        return True
    now = now or timezone.now()
    if not mail.claim(now):
        return None
    # The lease is ours: read what other workers may have recorded since `mail` was loaded.
    mail.refresh_from_db(fields=["attempts", "sent_at", "created_at"])
    try:
        message_for(mail).send()
    except Exception as exc:  # noqa: BLE001 — any transport error: retry later
        mail.record_failure(now, type(exc).__name__)
        ChannelState.failed(ChannelState.EMAIL, now)
        log.warning("mail %s not sent (%s); will retry", mail.pk, type(exc).__name__)
        return False
    mail.record_success(now)
    ChannelState.succeeded(ChannelState.EMAIL, now)
    return True


def email_failing():
    """True while the last mail attempt failed: new mails then wait for the minute's sweep
    instead of each waiting for the server's timeout."""
    return ChannelState.failing_since_of(ChannelState.EMAIL) is not None


OUTBOX_BATCH = 500


def send_outbox(now=None):
    """Send what is due in both outboxes: one indexed query each. During an outage the mail
    server gets one probe a run, not a timeout per mail; a failed probe moves to the back of
    the queue (its back-off), so a mail the server refuses for good blocks nothing."""
    from notify import telegram

    now = now or timezone.now()
    OutgoingMail.give_up_stale(now)
    sent = 0
    for mail in OutgoingMail.objects.due(now).order_by("next_attempt_at", "pk")[:OUTBOX_BATCH]:
        result = deliver(mail, now)
        if result is False:
            break
        sent += bool(result)
    return sent + telegram.send_due(now)


@db_task(retries=3, retry_delay=30)
def appeal_received(appeal_id):
    appeal = Appeal.objects.filter(pk=appeal_id).select_related("school").first()
    if appeal:
        notify_appeal(appeal)


@db_task(retries=3, retry_delay=30)
def author_wrote(appeal_id):
    appeal = Appeal.objects.filter(pk=appeal_id).first()
    if appeal is None:
        return
    count = appeal.messages.filter(sender="author").count()
    for user in _recipients(appeal):
        _notice(user, appeal, Notice.AUTHOR_WROTE, f"wrote:{appeal.pk}:{count}")


# --- Reminders: deadlines and the weekly digest --------------------------------------------

REMIND_HOUR = 7  # local time (TIME_ZONE, Asia/Bishkek): before the school day starts
# An appeal is "due on the next working day" at most this far ahead. Only a school closed
# for longer than this from tomorrow on would miss the reminder (the overdue notice remains).
LOOKAHEAD_DAYS = 21
OPEN = Q(status__in=Appeal.OPEN_STATUSES, answered_on__isnull=True)
DIGEST_ROLES = (Membership.RESPONSIBLE, Membership.MEMBER, Membership.DIRECTOR, Membership.ADMIN)


def _crontab_hour(local_hour):
    """huey matches crontabs against UTC (djhuey keeps huey's utc=True unless HUEY["utc"] is
    False): 07:00 in Bishkek (UTC+6 all year, no summer time) is 01:00 UTC."""
    if not HUEY.utc:
        return str(local_hour)  # the consumer's clock: Django sets the process TZ to TIME_ZONE
    offset = datetime.datetime.now(zoneinfo.ZoneInfo(settings.TIME_ZONE)).utcoffset()
    return str(int(local_hour - offset.total_seconds() // 3600) % 24)


class Person(NamedTuple):
    """A recipient of a run: what a notice and a mail need of a user, without a model object
    for each of thousands of memberships."""

    pk: int
    email: str


class SchoolName(NamedTuple):
    pk: int
    name_ky: str


class Due(NamedTuple):
    """An appeal whose deadline a run reminds of: the few fields the notice and mail name."""

    pk: int
    tag: str
    school_id: int
    due_on: datetime.date
    school: SchoolName | None = None


class _Run:
    """One reminder run: staff looked up once per run, and the outbox."""

    def load_staff(self, school_ids, roles=None):
        """{school_id: {Person: {roles}}} of active staff, in one query."""
        staff = defaultdict(lambda: defaultdict(set))
        memberships = Membership.objects.filter(school_id__in=school_ids, user__is_active=True)
        if roles:
            memberships = memberships.filter(role__in=roles)
        for school_id, user_id, email, role in memberships.values_list(
            "school_id", "user_id", "user__email", "role"
        ):
            staff[school_id][Person(user_id, email)].add(role)
        return staff

    def send(self, jobs, deliver_now=True):
        """jobs: (user, kind, key, appeal, school, make_mail). Queues what an earlier run did
        not, in a few bulk statements for the whole run (ON CONFLICT DO NOTHING covers a run
        beside it), then delivers the new mails; once the server has failed in this run the
        rest wait in the outbox for the sweep rather than a timeout each."""
        keys = {job[2] for job in jobs}
        noticed = _existing(Notice.objects.values_list("user_id", "key"), "key", keys)
        mailed = _existing(
            OutgoingMail.objects.values_list("key", flat=True),
            "key",
            {f"{key}:{user.pk}" for user, _k, key, *_r in jobs},
        )
        notices, mails = [], {}
        with translation.override("ky"):  # once for the run, not once per mail
            for user, kind, key, appeal, school, make_mail in jobs:
                if (user.pk, key) not in noticed:
                    notices.append(
                        Notice(
                            user_id=user.pk,
                            appeal_id=appeal and appeal.pk,
                            school_id=school and school.pk,
                            kind=kind,
                            key=key,
                        )
                    )
                    noticed.add((user.pk, key))
                mail_key = f"{key}:{user.pk}"
                if user.email and mail_key not in mailed and mail_key not in mails:
                    subject, body = make_mail(user)
                    mails[mail_key] = OutgoingMail(
                        key=mail_key, to=user.email, subject=subject, body=body
                    )
        Notice.objects.bulk_create(notices, batch_size=1000, ignore_conflicts=True)
        OutgoingMail.objects.bulk_create(mails.values(), batch_size=1000, ignore_conflicts=True)
        if deliver_now:
            for mail in _in_chunks(OutgoingMail.objects.filter(sent_at=None), "key", mails):
                if deliver(mail) is False:
                    break


def _chunks(values, size=500):
    for i in range(0, len(values), size):
        yield values[i : i + size]


def _in_chunks(queryset, field, values, chunk=500):
    values = sorted(values)
    for i in range(0, len(values), chunk):
        yield from queryset.filter(**{f"{field}__in": values[i : i + chunk]}).order_by("pk")


def _existing(queryset, field, values, chunk=500):
    values, found = sorted(values), set()
    for i in range(0, len(values), chunk):
        found.update(queryset.filter(**{f"{field}__in": values[i : i + chunk]}))
    return found


def remind(today=None, deliver_now=True):
    """Deadline reminders, overdue notices and the weekly digests due on `today` (local date).
    Idempotent: every notice and mail has a key, so a second run sends nothing twice.
    `deliver_now=False` leaves the mails to the outbox's minute sweep (the benchmark)."""
    today = today or timezone.localdate()
    run = _Run()
    run.send(_deadline_jobs(run, today) + _digest_jobs(run, today), deliver_now)


def _next_working_days(today, horizon):
    """{school_id: its next working day after `today`} for every school, in two queries: the
    day depends only on the school's week, the public holidays and its own days off."""
    days_off = defaultdict(set)
    for school_id, day in DayOff.objects.filter(date__gt=today, date__lte=horizon).values_list(
        "school_id", "date"
    ):
        days_off[school_id].add(day)
    by_week, next_day = {}, {}
    for pk, week in School.objects.order_by().values_list("pk", "working_week"):
        if pk in days_off:
            calendar = WorkingCalendar(School(pk=pk, working_week=week), days_off=days_off[pk])
            next_day[pk] = calendar.next_working_day(today)
            continue
        if week not in by_week:
            calendar = WorkingCalendar(School(pk=pk, working_week=week), days_off=())
            by_week[week] = calendar.next_working_day(today)
        next_day[pk] = by_week[week]
    return next_day


def _noticed(prefix):
    """Whether the appeal's notice for its current due date exists (its key, as made below:
    "<prefix>:<appeal id>:<due date, ISO>", found by the notice_key index)."""
    key = Concat(
        Value(f"{prefix}:"),
        Cast(OuterRef("pk"), CharField()),
        Value(":"),
        Cast(OuterRef("due_on"), CharField()),
        output_field=CharField(),
    )
    return Exists(Notice.objects.filter(key=key))


def _deadline_jobs(run, today):
    """Only what is due (issue 16): appeals due on a next working day (a few dates, found by
    the open-deadline index, then matched to their school's calendar) and overdue appeals,
    each without its notice for that due date yet; a repeat run selects nothing."""
    horizon = today + datetime.timedelta(days=LOOKAHEAD_DAYS)
    next_day = _next_working_days(today, horizon)
    appeals = [
        Due(*row)
        for row in Appeal.objects.filter(OPEN)
        .annotate(soon_done=_noticed("due_soon"), overdue_done=_noticed("overdue"))
        .filter(
            Q(due_on__in=set(next_day.values()), soon_done=False)
            | Q(due_on__lt=today, overdue_done=False)
        )
        .order_by("due_on", "pk")
        .values_list("pk", "tag", "school_id", "due_on")
        if row[3] < today or row[3] == next_day.get(row[2])
    ]
    school_ids = {a.school_id for a in appeals}
    if not appeals:
        return []
    # The authors' exclusions as plain ids in one query (a prefetch builds a queryset and a
    # user object per letter: a fifth of the run at 2,000 letters).
    excluded = defaultdict(set)
    for chunk in _chunks(sorted(a.pk for a in appeals)):
        for appeal_id, user_id in Appeal.excluded_staff.through.objects.filter(
            appeal_id__in=chunk
        ).values_list("appeal_id", "user_id"):
            excluded[appeal_id].add(user_id)
    # Each school's name once (the mails name it), not per appeal.
    schools = {
        pk: SchoolName(pk, name)
        for chunk in _chunks(sorted(school_ids))
        for pk, name in School.objects.filter(pk__in=chunk).values_list("pk", "name_ky")
    }
    appeals = [a._replace(school=schools[a.school_id]) for a in appeals]
    staff = run.load_staff(school_ids)

    jobs = []
    for appeal in appeals:
        if appeal.due_on < today:
            # Overdue is flagged on any day, weekends included: once per appeal and due date.
            kind, roles = Notice.OVERDUE, (Membership.RESPONSIBLE, Membership.DIRECTOR)
            key = f"overdue:{appeal.pk}:{appeal.due_on}"
        elif appeal.due_on == next_day[appeal.school_id]:
            # Not only on working days: from a Friday and from the Saturday after it the next
            # working day is the same Monday, so the key makes it one reminder, and a worker
            # that was down on Friday, or an appeal that came on the weekend, is still covered.
            kind, roles = Notice.DUE_TOMORROW, (Membership.RESPONSIBLE,)
            key = f"due_soon:{appeal.pk}:{appeal.due_on}"
        else:
            continue
        people = _deadline_recipients(staff[appeal.school_id], excluded[appeal.pk], roles)
        for user, can_read in people:
            jobs.append(
                (user, kind, key, appeal, appeal.school, _deadline_mail(appeal, kind, can_read))
            )
    return jobs


def _deadline_recipients(staff, excluded, roles):
    """[(user, can_read)]: the given roles minus the staff the author excluded (DESIGN §4);
    `excluded`: the ids of the users the author excluded."""
    allowed = {u: r for u, r in staff.items() if u.pk not in excluded}
    chosen = {u for u, r in allowed.items() if r & set(roles)}
    if not any(Membership.RESPONSIBLE in r for r in allowed.values()):
        # The author excluded every responsible person (a complaint about her): the commission
        # members keep the deadline instead, so the appeal does not slip.
        chosen |= {u for u, r in allowed.items() if Membership.MEMBER in r}
    return [
        (u, bool(allowed[u] & set(Membership.READERS))) for u in sorted(chosen, key=lambda u: u.pk)
    ]


def _appeal_path(pk):
    """reverse("journal:appeal", args=[pk]), resolved once per process: a run builds one link
    for each of thousands of mails."""
    global _APPEAL_PATH
    if _APPEAL_PATH is None:
        marker = 987654321
        _APPEAL_PATH = reverse("journal:appeal", args=[marker]).replace(str(marker), "{}")
    return _APPEAL_PATH.format(pk)


_APPEAL_PATH = None


def _deadline_mail(appeal, kind, can_read):
    # The director reads no letters (Membership.READERS): she gets the list, not the appeal.
    path = _appeal_path(appeal.pk) if can_read else reverse("journal:home")

    def make(user):
        values = {
            "tag": appeal.tag,
            "school": appeal.school.name_ky,
            "date": f"{appeal.due_on:%d.%m.%Y}",
            "url": absolute_url(path),
        }
        if kind == Notice.OVERDUE:
            subject = _("Appeal %(tag)s: the answer is overdue")
            body = _(
                "School: %(school)s\n"
                "The answer to appeal %(tag)s was due on %(date)s and has not been given yet.\n"
                "Log in to see it:\n%(url)s\n\n"
                "For confidentiality this mail does not contain the text."
            )
        else:
            subject = _("Appeal %(tag)s: the answer is due on %(date)s")
            body = _(
                "School: %(school)s\n"
                "The answer to appeal %(tag)s is due on %(date)s, the next working day.\n"
                "Log in to see it:\n%(url)s\n\n"
                "For confidentiality this mail does not contain the text."
            )
        return subject % values, body % values

    return make


def _digest_jobs(run, today):
    """Regulation A: the commission reads the week's letters on the review day. Every staff
    member of the school gets the figures that morning; never a letter's content."""
    schools = {s.pk: s for s in School.objects.filter(review_weekday=today.weekday())}
    # Only a school whose regulation collects weekly has a review day (schools.Regulation).
    rules = rules_for(schools.values(), today)
    schools = {pk: s for pk, s in schools.items() if rules[pk].weekly_collection}
    if not schools:
        return []
    # The seven days before the review day: each day falls in exactly one week's digest.
    week = Q(received_on__gte=today - datetime.timedelta(days=7), received_on__lt=today)
    counts = {
        row["school_id"]: row
        for row in Appeal.objects.filter(school_id__in=schools)
        .filter(week | OPEN)
        .values("school_id")
        .annotate(
            received=Count("pk", filter=week),
            open=Count("pk", filter=OPEN),
            overdue=Count("pk", filter=OPEN & Q(due_on__lt=today)),
            urgent=Count("pk", filter=OPEN & Q(urgency=Appeal.URGENT)),
        )
        .order_by()
    }
    empty = {"received": 0, "open": 0, "overdue": 0, "urgent": 0}
    staff = run.load_staff(schools, roles=DIGEST_ROLES)
    jobs = []
    for school_id, school in schools.items():
        figures = {k: counts.get(school_id, empty)[k] for k in empty}
        key = f"digest:{school_id}:{today.isoformat()}"
        make = _digest_mail(school, today, figures)
        for user in sorted(staff[school_id], key=lambda u: u.pk):
            jobs.append((user, Notice.DIGEST, key, None, school, make))
    return jobs


def _digest_mail(school, today, figures):
    def make(user):
        values = dict(
            figures,
            school=school.name_ky,
            date=f"{today:%d.%m.%Y}",
            url=absolute_url(reverse("journal:home")),
        )
        subject = _("Trust mail, %(school)s: the week's figures")
        body = _(
            "School: %(school)s\n"
            "Review day: %(date)s\n\n"
            "Received in the past 7 days: %(received)d\n"
            "Open: %(open)d\n"
            "Overdue: %(overdue)d\n"
            "Urgent, not answered: %(urgent)d\n\n"
            "The list of appeals:\n%(url)s\n\n"
            "For confidentiality this mail contains figures only."
        )
        return subject % values, body % values

    return make


@db_periodic_task(crontab(hour=_crontab_hour(REMIND_HOUR), minute="0"))
def remind_daily():
    """Every morning at 07:00 in Bishkek."""
    remind()


@db_periodic_task(crontab(minute="*/5"))
def sweep():
    """Every 5 minutes: notices for appeals a failed queue missed, reminders a worker that was
    down at 07:00 missed, and the outbox (which also has its own minute task)."""
    since = timezone.now() - timezone.timedelta(days=2)
    # Only letters whose "new appeal" notices are missing (a queue that failed): the sweep's
    # cost follows the work left, not the letters of two days.
    noticed = Notice.objects.filter(appeal=OuterRef("pk"), kind=Notice.NEW_APPEAL)
    missed = (
        Appeal.objects.filter(created_at__gte=since)
        .exclude(urgency=Appeal.URGENT)
        .exclude(Exists(noticed))
        .select_related("school")
    )
    for appeal in missed:
        notify_appeal(appeal)
    # From an hour after the daily run, so the two never run side by side; before 07:00 the
    # day's reminders are not due yet (they would reach staff at midnight).
    if timezone.localtime().hour >= REMIND_HOUR + 1:
        remind()
    send_outbox()


@db_periodic_task(crontab(minute="*"))
def outbox_sweep():
    """Every minute: mails and Telegram messages whose back-off is over (cheap when idle)."""
    send_outbox()


@db_periodic_task(crontab(minute="*"))
def telegram_poll():
    """Every minute: link codes sent to the bot (nothing when Telegram is not configured).
    One poll at a time: two would fetch the same updates and count a wrong code twice."""
    from notify import telegram

    with lock_task("telegram-poll"):
        telegram.poll()
