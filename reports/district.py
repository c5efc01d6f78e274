"""District (and national) tables: the quarter's figures per school, summed, with small numbers
suppressed (see reports.suppression). Counts only, one SQL query per table."""

from django.utils import timezone
from django.utils.translation import gettext as _

from reports.figures import GROUP_ORDER, calendar_quarter, empty_figures, figures_by
from reports.labels import group_titles, quarter_name, value_labels
from reports.suppression import suppressed_groups


def legend():
    return _(
        '"<5": from 1 to 4, hidden so that no child can be singled out; "x": hidden so that '
        "a small number cannot be worked out from the totals."
    )


def build_table(title, entities, per, year, quarter, today):
    """entities: [(id, name)]; per: {id: figures} from figures_by()."""
    start, end = calendar_quarter(year, quarter)
    titles, labels = group_titles(), value_labels()
    blank = empty_figures(today)
    figures = [per.get(pk, blank) for pk, _name in entities]
    out = {
        "title": title,
        "period": f"{quarter_name(year, quarter)} ({start:%d.%m.%Y} – {end:%d.%m.%Y})",
        "legend": legend(),
        "total": sum(f["total"] for f in figures),
        "count": len(entities),
        "groups": [],
    }
    keys = {group: list(labels[group]) for group in GROUP_ORDER}
    tables = [[[f[group][k] for k in keys[group]] for f in figures] for group in GROUP_ORDER]
    shown = suppressed_groups(tables) if figures else []
    for index, group in enumerate(GROUP_ORDER):
        if shown:
            rows, row_totals, total_row, grand = shown[index]
        else:
            rows, row_totals, total_row, grand = [], [], [0] * len(keys[group]), 0
        # The grand total is the same in every group: hidden in one, hidden in all.
        out["total_shown"] = grand
        out["groups"].append(
            {
                "key": group,
                "title": titles[group],
                "columns": [str(labels[group][k]) for k in keys[group]],
                "rows": [
                    (name, row, total)
                    for (_pk, name), row, total in zip(entities, rows, row_totals, strict=True)
                ],
                "total_row": total_row,
            }
        )
    return out


def district_table(district, year, quarter, today=None):
    today = today or timezone.localdate()
    start, end = calendar_quarter(year, quarter)
    schools = [(s.pk, s.name) for s in district.schools.order_by("name_ky")]
    # The schools' ids rather than a join on the district: the database then reads a small
    # district's letters through the school index instead of scanning the national table.
    per = figures_by({"school_id__in": [pk for pk, _name in schools]}, start, end, "school", today)
    return build_table(district.name, schools, per, year, quarter, today)


def national_table(year, quarter, today=None):
    from schools.models import District

    today = today or timezone.localdate()
    start, end = calendar_quarter(year, quarter)
    districts = [(d.pk, d.name) for d in District.objects.order_by("name_ky")]
    per = figures_by({}, start, end, "school__district", today)
    return build_table(_("All districts"), districts, per, year, quarter, today)
