"""The quarter's figures, counted in the database (regulation B 4.6: the analytic report).

Every count here is one SQL aggregate over plain metadata (channel, author kind, category,
urgency, status, dates): sealed fields are never read. `COUNTS` is a dict of named
`Count(filter=...)` expressions; the same dict serves one school (`aggregate`), a district
grouped by school and the country grouped by district (`values(...).annotate`), so the pages,
the exports and the national benchmark run the very same SQL.

Time to answer in working days needs each school's calendar (its week, holidays, days off),
so it is computed in Python, and only for one school's quarter (a few dozen rows). District
and national tables do not carry it.
"""

import datetime
import statistics

from django.db import connection, transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from journal.models import REFERRAL_CHOICES, Appeal

OPEN = Q(status__in=Appeal.OPEN_STATUSES, answered_on__isnull=True)

# Each group is a partition of the quarter's appeals: its values add up to the total, so a
# district table of any group has the school's total as its row total.
STATIC_GROUPS = {
    "channel": [(k, Q(channel=k)) for k, _ in Appeal.CHANNEL_CHOICES],
    "author_kind": [(k, Q(author_kind=k)) for k, _ in Appeal.AUTHOR_CHOICES],
    "anonymity": [("anonymous", Q(is_anonymous=True)), ("signed", Q(is_anonymous=False))],
    "category": [(k, Q(category=k)) for k, _ in Appeal.CATEGORY_CHOICES]
    + [("none", Q(category=""))],
    "urgency": [(k, Q(urgency=k)) for k, _ in Appeal.URGENCY_CHOICES],
    # Measures by kind: the referrals (the measures' own text is sealed and stays so).
    "referral": [(k, Q(referred_to=k)) for k, _ in REFERRAL_CHOICES]
    + [("none", Q(referred_to=""))],
}
GROUP_ORDER = ["channel", "author_kind", "anonymity", "category", "urgency", "deadline", "referral"]


def deadline_group(today):
    """Regulation A: the answer within the school's working days (5 by default)."""
    answered = Q(answered_on__isnull=False)
    unanswered_open = Q(answered_on__isnull=True, status__in=Appeal.OPEN_STATUSES)
    return [
        ("in_time", answered & (Q(due_on__isnull=True) | Q(answered_on__lte=F("due_on")))),
        ("late", answered & Q(answered_on__gt=F("due_on"))),
        ("overdue_open", unanswered_open & Q(due_on__lt=today)),
        ("open", unanswered_open & (Q(due_on__isnull=True) | Q(due_on__gte=today))),
        # Closed or referred with no date of an answer in the journal.
        ("closed", Q(answered_on__isnull=True) & ~Q(status__in=Appeal.OPEN_STATUSES)),
    ]


def groups(today):
    found = dict(STATIC_GROUPS)
    found["deadline"] = deadline_group(today)
    return {name: found[name] for name in GROUP_ORDER}


def count_expressions(today):
    """{"total": Count, "channel__online": Count(filter=...), ...}: one column per figure."""
    exprs = {"total": Count("id")}
    for name, values in groups(today).items():
        for key, condition in values:
            exprs[f"{name}__{key}"] = Count("id", filter=condition)
    return exprs


# Each group's keys, in order (the deadline group's keys do not depend on the day): nest() runs
# once per school of a national table, so it must not build the groups' conditions each time.
GROUP_KEYS = {
    name: [key for key, _ in values] for name, values in groups(datetime.date(2000, 1, 1)).items()
}


def nest(row, today=None):
    """A flat aggregate row → {"total": n, "channel": {"online": n, ...}, ...}."""
    out = {"total": row.get("total") or 0}
    for name, keys in GROUP_KEYS.items():
        out[name] = {key: row.get(f"{name}__{key}") or 0 for key in keys}
    d = out["deadline"]
    out["overdue"] = d["late"] + d["overdue_open"]
    out["answered_in_time"] = d["in_time"]
    return out


def appeals_between(start, end):
    # Figures are about distinct events: an appeal also reported through the national e-diary
    # is still the school's appeal, so it is counted here (DESIGN §5 concerns national sums).
    # A voided entry (a duplicate or a mistake) keeps its journal number but is no appeal.
    return Appeal.objects.filter(received_on__gte=start, received_on__lte=end).exclude(
        status=Appeal.VOIDED
    )


def quarter_figures(schools_qs, start, end, today=None, *, answer_days=True, visible_to=None):
    """The figures of the appeals received from `start` to `end` (inclusive) in these schools,
    in one SQL query. With one school, `answer_days` adds the median and longest time to
    answer in the school's working days. `visible_to`: leave out the letters the author kept
    from this user (their dashboard)."""
    today = today or timezone.localdate()
    appeals = appeals_between(start, end).filter(school__in=schools_qs)
    if visible_to is not None:
        appeals = appeals.exclude(excluded_staff=visible_to)
    figures = nest(appeals.aggregate(**count_expressions(today)), today)
    figures["start"], figures["end"] = start.isoformat(), end.isoformat()
    schools = list(schools_qs[:2]) if answer_days else []
    if len(schools) == 1:
        figures["answer_days"] = answer_days_of(schools[0], appeals)
    return figures


def answer_days_of(school, appeals):
    """Median and longest time to answer, in the school's working days (answered ones only)."""
    calendar = school.calendar()
    days = [
        calendar.working_days_between(received, answered)
        for received, answered in appeals.filter(answered_on__isnull=False).values_list(
            "received_on", "answered_on"
        )
    ]
    if not days:
        return {"count": 0, "median": None, "longest": None}
    return {"count": len(days), "median": statistics.median(days), "longest": max(days)}


def figures_by(appeals_filter, start, end, by, today=None):
    """One row of figures per value of `by` ("school" or "school__district"), one query:
    {id: figures}. Rows with no appeals are absent (the caller fills in zeros)."""
    today = today or timezone.localdate()
    rows = (
        appeals_between(start, end)
        .filter(**appeals_filter)
        .order_by()
        .values(by)
        .annotate(**count_expressions(today))
    )
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # PostgreSQL would compile this one query's 35 counts to machine code (JIT) when a
            # national table makes it look costly: measured at 2,000 schools / 1,000,000
            # letters, the compilation alone took ~290 ms of a 1.4 s query, and saved less.
            with connection.cursor() as cur:
                cur.execute("SET LOCAL jit = off")
        rows = list(rows)
    return {row[by]: nest(row) for row in rows}


def empty_figures(today=None):
    return nest({}, today or timezone.localdate())


def add_figures(a, b):
    """Sum of two figure dicts (the district total as the sum of its schools)."""
    out = {}
    for key, value in a.items():
        if isinstance(value, dict):
            out[key] = add_figures(value, b.get(key, {}))
        elif isinstance(value, int) and not isinstance(value, bool):
            out[key] = value + (b.get(key) or 0)
        else:
            out[key] = value
    return out


# -- quarters ------------------------------------------------------------------------------


def calendar_quarter(year, quarter):
    first = datetime.date(year, 3 * quarter - 2, 1)
    after = datetime.date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1)
    return first, after - datetime.timedelta(days=1)


def quarter_of(day):
    return day.year, (day.month - 1) // 3 + 1


def previous_quarter(year, quarter):
    return (year, quarter - 1) if quarter > 1 else (year - 1, 4)


def next_quarter(year, quarter):
    return (year, quarter + 1) if quarter < 4 else (year + 1, 1)


def quarter_bounds(school, year, quarter):
    """The school's own dates for the quarter if it set them, else the calendar quarter."""
    from reports.models import ReportPeriod

    own = ReportPeriod.objects.filter(school=school, year=year, quarter=quarter).first()
    if own:
        return own.starts_on, own.ends_on
    return calendar_quarter(year, quarter)


COMPARED = ["total", "overdue", "answered_in_time"]


def report_figures(school, year, quarter, today=None):
    """The snapshot kept in a QuarterlyReport: this quarter, the previous one and the same
    quarter a year before (each with the school's own dates if it set them)."""
    today = today or timezone.localdate()
    schools = type(school).objects.filter(pk=school.pk)
    start, end = quarter_bounds(school, year, quarter)
    figures = quarter_figures(schools, start, end, today)
    compare = {}
    for label, (y, q) in (
        ("previous", previous_quarter(year, quarter)),
        ("year_before", (year - 1, quarter)),
    ):
        s, e = quarter_bounds(school, y, q)
        other = quarter_figures(schools, s, e, today, answer_days=False)
        compare[label] = {
            "year": y,
            "quarter": q,
            "start": s.isoformat(),
            "end": e.isoformat(),
            **{k: other[k] for k in COMPARED},
            **{g: other[g] for g in ("channel", "urgency", "category")},
        }
    figures["compare"] = compare
    figures["computed_on"] = today.isoformat()
    return figures
