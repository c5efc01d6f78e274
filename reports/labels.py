"""Figures → titled rows with labels in the user's language, shared by the page, the PDF, the
DOCX, the XLSX and the district tables (so all of them say the same thing)."""

from django.utils.translation import gettext as _

from journal.models import REFERRAL_CHOICES, Appeal
from reports.charts import Chart


def group_titles():
    return {
        "channel": _("By channel"),
        "author_kind": _("By author"),
        "anonymity": _("Anonymous and signed"),
        "category": _("By category"),
        "urgency": _("By urgency"),
        "deadline": _("Answers and deadlines"),
        "referral": _("Measures: referrals by kind"),
    }


def value_labels():
    return {
        "channel": dict(Appeal.CHANNEL_CHOICES),
        "author_kind": dict(Appeal.AUTHOR_CHOICES),
        "anonymity": {"anonymous": _("anonymous"), "signed": _("signed")},
        "category": {**dict(Appeal.CATEGORY_CHOICES), "none": _("no category")},
        "urgency": dict(Appeal.URGENCY_CHOICES),
        "deadline": {
            "in_time": _("answered within the deadline"),
            "late": _("answered after the deadline"),
            "overdue_open": _("not answered, deadline passed"),
            "open": _("not answered yet, deadline not passed"),
            "closed": _("closed without a date of the answer"),
        },
        "referral": {**dict(REFERRAL_CHOICES), "none": _("not referred")},
    }


def compare_labels():
    return {
        "total": _("appeals received"),
        "answered_in_time": _("answered within the deadline"),
        "overdue": _("overdue (answered late or not answered in time)"),
    }


def quarter_name(year, quarter):
    return _("Quarter %(quarter)s of %(year)s") % {"quarter": quarter, "year": year}


def sections(figures):
    """[{"key", "title", "rows": [(label, value, previous, year_before)], "chart": Chart}]."""
    compare = figures.get("compare", {})
    previous, before = compare.get("previous", {}), compare.get("year_before", {})
    titles, labels = group_titles(), value_labels()
    out = []
    for key, title in titles.items():
        values = figures.get(key, {})
        rows = []
        for value_key, label in labels[key].items():
            rows.append(
                (
                    str(label),
                    values.get(value_key, 0),
                    previous.get(key, {}).get(value_key) if key in previous else None,
                    before.get(key, {}).get(value_key) if key in before else None,
                )
            )
        # Rows with no letter in any column are folded into one line ("no letters about …")
        # in the printed report, so that the tables hold what happened (issue 15).
        shown = [r for r in rows if r[1] or r[2] or r[3]]
        with_compare = key in previous
        chart = Chart(
            title,
            [(r[0], [r[1], r[2] or 0, r[3] or 0] if with_compare else [r[1]]) for r in shown],
            series_names(figures) if with_compare else [],
        )
        out.append(
            {
                "key": key,
                "title": title,
                "rows": rows,
                "shown": shown,
                "zeros": [r[0] for r in rows if r not in shown],
                "compare": with_compare,
                "chart": chart,
            }
        )
    return out


def zeros_line(section):
    """One line for a section's values with no letters, or "" when there is none."""
    if not section["zeros"]:
        return ""
    names = ", ".join(section["zeros"])
    if section["key"] == "category":
        return _("No letters about: %(names)s.") % {"names": names}
    return _("No letters: %(names)s.") % {"names": names}


def series_names(figures):
    compare = figures.get("compare", {})
    names = [_("this quarter")]
    for label in ("previous", "year_before"):
        c = compare.get(label)
        if c:
            names.append(f"{c['quarter']}/{c['year']}")
    return names


def comparison(figures):
    """Rows (label, this quarter, previous, year before) and a chart of them."""
    compare = figures.get("compare", {})
    rows = [
        (
            str(label),
            figures.get(key, 0),
            compare.get("previous", {}).get(key),
            compare.get("year_before", {}).get(key),
        )
        for key, label in compare_labels().items()
    ]
    chart = Chart(
        _("Compared with the previous quarter and the same quarter a year before"),
        [(r[0], [r[1], r[2] or 0, r[3] or 0]) for r in rows],
        series_names(figures),
    )
    return rows, chart


def column_names(figures):
    compare = figures.get("compare", {})
    names = [_("this quarter")]
    prev, before = compare.get("previous"), compare.get("year_before")
    if prev:
        names.append(
            _("previous quarter (%(q)s/%(y)s)") % {"q": prev["quarter"], "y": prev["year"]}
        )
    if before:
        names.append(
            _("a year before (%(q)s/%(y)s)") % {"q": before["quarter"], "y": before["year"]}
        )
    return names
