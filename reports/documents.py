"""The quarterly report as PDF (charts drawn with fpdf2's shapes), DOCX (editable in Word;
charts as PNG pictures made with Pillow) and XLSX (the tables), and the district statistics
as XLSX and CSV. Only counts and the responsible person's own text go in: no appeal text, no
identity. Words come from gettext in the active language (the view sets it)."""

import csv
import io
from contextlib import contextmanager

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from docx.shared import Mm, Pt
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from ishenim.documents import (
    FAMILY,
    PT,
    Document,
    docx_document,
    line_height,
    save_bytes,
    xlsx_workbook,
)
from reports import charts
from reports.labels import column_names, comparison, quarter_name, sections, zeros_line


def _d(value):
    return date_format(value, "d.m.Y") if value else ""


def report_title():
    return _("Analytical report on the appeals received through the trust mailbox")


def summary_lines(report):
    """The key figures in sentences; an empty quarter says so (regulation B 4.6, "if any")."""
    f = report.figures
    if not f.get("total"):
        return [_("No appeals were received through the trust mailbox in this quarter.")]
    lines = [
        _("Appeals received: %(n)d.") % {"n": f["total"]},
        _("Answered within the deadline: %(n)d; overdue: %(overdue)d.")
        % {"n": f.get("answered_in_time", 0), "overdue": f.get("overdue", 0)},
    ]
    days = f.get("answer_days") or {}
    if days.get("count"):
        lines.append(
            _("Time to answer in working days: median %(median)s, longest %(longest)s.")
            % {"median": _number(days["median"]), "longest": days["longest"]}
        )
    return lines


def _number(x):
    return str(int(x)) if float(x).is_integer() else f"{x:.1f}".replace(".", ",")


def discussion_line(report):
    line = _discussion(report)
    if report.version > 1 or report.is_frozen:
        # Which version is printed: the frozen one is what the meeting discussed.
        line += " " + _("Version %(version)d of the report.") % {"version": report.version}
    return line


def _discussion(report):
    if report.discussed and report.meeting_id:
        return _("Discussed at the commission's meeting %(meeting)s on %(date)s.") % {
            "meeting": report.meeting,
            "date": _d(report.discussed_on or report.meeting.held_on),
        }
    if report.discussed:
        return _("Discussed at the commission's meeting on %(date)s.") % {
            "date": _d(report.discussed_on)
        }
    return _("Not yet discussed at a meeting of the commission.")


def period_line(report):
    return _("%(quarter)s: from %(start)s to %(end)s") % {
        "quarter": quarter_name(report.year, report.quarter),
        "start": _d(report.starts_on),
        "end": _d(report.ends_on),
    }


def _table_rows(rows, with_compare):
    return [
        [label, value, *(["" if x is None else x for x in (prev, before)] if with_compare else [])]
        for label, value, prev, before in rows
    ]


# -- PDF -----------------------------------------------------------------------------------


def report_pdf(report, lang) -> bytes:
    pdf = Document(
        report_title(),
        lang=lang,
        page_label=_("Page {n} of {total}"),
        running_head=f"{report.school.name} — {quarter_name(report.year, report.quarter)}",
    )
    pdf.add_page()
    pdf.paragraph(report.school.name, size=12, align="C", bold=True)
    pdf.heading(report_title(), level=1, align="C")
    pdf.paragraph(period_line(report), size=12, align="C")
    pdf.ln(2)
    for line in summary_lines(report):
        pdf.paragraph(line, size=12)
    f = report.figures
    names = column_names(f)
    rows, chart = comparison(f)
    if f.get("total") or any(r[2] or r[3] for r in rows):
        _pdf_section(
            pdf,
            _("Comparison"),
            [_("Figure"), *names],
            _table_rows(rows, True),
            chart,
            chart_title=True,
        )
    if f.get("total"):
        # A quarter compared with that had no letter at all (before the school used the
        # mailbox) is a column of zeros in every table: it stays in the comparison above only.
        compared = f.get("compare", {})
        columns = [0] + [
            k for k, label in ((1, "previous"), (2, "year_before")) if _had_letters(compared, label)
        ]
        for section in sections(f):
            cols = columns if section["compare"] else [0]
            _pdf_section(
                pdf,
                section["title"],
                [section["title"], *(names[k] for k in cols)],
                [[r[0], *(_cell(r[1 + k]) for k in cols)] for r in section["shown"]],
                section["chart"],
                note=zeros_line(section),
            )
    pdf.heading(_("Conclusions"), level=2)
    pdf.paragraph(report.conclusions or "—")
    pdf.heading(_("Proposals"), level=2)
    pdf.paragraph(report.proposals or "—")
    pdf.ln(2)
    pdf.paragraph(discussion_line(report), size=11)
    pdf.signature_lines([_("Responsible person (social pedagogue):")])
    return pdf.pdf_bytes()


def _had_letters(compared, label):
    return bool((compared.get(label) or {}).get("total"))


def _cell(value):
    return "" if value is None else value


TABLE_SIZE, TABLE_PADDING, NOTE_SIZE = 9, 1.5, 10
CHART_MM, SIDE_GAP = 110, 8


def _widths(columns):
    return [3, 1.2, 1.2, 1.2][:columns]


def _worth_a_chart(chart):
    """A chart of one bar says no more than the table's one row beside it."""
    return not chart.empty and len(chart.items) > 1


def _pdf_section(pdf, title, heads, rows, chart, note="", chart_title=False):
    """Heading, table, chart and the folded zeros, kept on one page: a heading is never left at
    the foot of a page and a chart is never split from its table (issue 15). A two-column
    table has its chart beside it, so that the quarter fits on three pages."""
    widths = _widths(len(heads))
    with_chart = _worth_a_chart(chart)
    beside = with_chart and len(heads) == 2
    table_w = pdf.epw * (0.5 if len(heads) == 2 else 1)
    chart_w = pdf.epw - table_w - SIDE_GAP if beside else CHART_MM
    table_h = _table_height(pdf, heads, rows, widths, table_w) + 3
    chart_h = charts.height_mm(chart, chart_w, title=chart_title) if with_chart else 0
    need = _heading_height(pdf, title) + _paragraph_height(pdf, note, NOTE_SIZE)
    need += max(table_h, chart_h) if beside else table_h + chart_h
    body = pdf.page_break_trigger - pdf.t_margin
    if pdf.y + need > pdf.page_break_trigger and need <= body:
        pdf.add_page()
    pdf.heading(title, level=2)
    top = pdf.y
    if rows:
        with _columns(pdf, 0, table_w):
            pdf.table(
                heads,
                rows,
                widths,
                size=TABLE_SIZE,
                padding=TABLE_PADDING,
                align=["L"] + ["R"] * (len(widths) - 1),
                table_align="LEFT",
            )
            pdf.ln(3)
    below_table = pdf.y
    if with_chart:
        if beside:
            pdf.set_y(top)
            with _columns(pdf, table_w + SIDE_GAP, chart_w):
                charts.draw_pdf(pdf, chart, width_mm=chart_w, title=chart_title)
            pdf.set_y(max(below_table, pdf.y))
        else:
            charts.draw_pdf(pdf, chart, width_mm=chart_w, title=chart_title)
    if note:
        pdf.paragraph(note, size=NOTE_SIZE)


@contextmanager
def _columns(pdf, left, width):
    """Draw in a column `width` mm wide starting `left` mm into the text area."""
    l_margin, r_margin = pdf.l_margin, pdf.r_margin
    pdf.set_left_margin(l_margin + left)
    pdf.set_right_margin(pdf.w - (l_margin + left + width))
    pdf.set_x(pdf.l_margin)
    try:
        yield
    finally:
        pdf.set_left_margin(l_margin)
        pdf.set_right_margin(r_margin)
        pdf.set_x(l_margin)


def _heading_height(pdf, text, size=14):
    pdf.set_font(FAMILY, "B", size)
    lines = pdf.multi_cell(0, line_height(size, 1.25), text, dry_run=True, output="LINES")
    return len(lines) * line_height(size, 1.25) + size * PT * 0.6


def _paragraph_height(pdf, text, size):
    if not text:
        return 0
    pdf.set_font(FAMILY, "", size)
    lines = pdf.multi_cell(0, line_height(size), text, dry_run=True, output="LINES")
    return len(lines) * line_height(size) + size * PT * 0.5


def _table_height(pdf, heads, rows, widths, width):
    if not rows:
        return 0
    lh = line_height(TABLE_SIZE, 1.25)
    columns = [width * w / sum(widths) for w in widths]

    def row_height(cells, style):
        pdf.set_font(FAMILY, style, TABLE_SIZE)
        lines = [
            pdf.multi_cell(w, lh, str(c), dry_run=True, output="LINES", padding=TABLE_PADDING)
            for c, w in zip(cells, columns, strict=True)
        ]
        return max(len(ls) or 1 for ls in lines) * lh + 2 * TABLE_PADDING

    total = row_height(heads, "B") + sum(row_height(r, "") for r in rows)
    pdf.set_font(FAMILY, "", 11)
    return total


# -- DOCX ----------------------------------------------------------------------------------


def report_docx(report) -> bytes:
    document = docx_document(report_title())
    style = document.styles["Normal"]
    style.font.name = "DejaVu Sans"
    style.font.size = Pt(11)
    document.add_paragraph(report.school.name).runs[0].bold = True
    document.add_heading(report_title(), level=1)
    document.add_paragraph(period_line(report))
    for line in summary_lines(report):
        document.add_paragraph(line)
    f = report.figures
    names = column_names(f)
    rows, chart = comparison(f)

    def table(heads, body):
        t = document.add_table(rows=1, cols=len(heads))
        t.style = "Table Grid"
        for cell, text in zip(t.rows[0].cells, heads, strict=True):
            cell.text = str(text)
            cell.paragraphs[0].runs[0].bold = True
        for row in body:
            cells = t.add_row().cells
            for cell, text in zip(cells, row, strict=True):
                cell.text = str(text)

    def picture(c):
        if not c.empty:
            document.add_picture(io.BytesIO(charts.png(c)), width=Mm(150))

    if f.get("total") or any(r[2] or r[3] for r in rows):
        document.add_heading(_("Comparison"), level=2)
        table([_("Figure"), *names], _table_rows(rows, True))
        picture(chart)
    if f.get("total"):
        for section in sections(f):
            document.add_heading(section["title"], level=2)
            heads = [section["title"], *(names if section["compare"] else names[:1])]
            table(heads, _table_rows(section["shown"], section["compare"]))
            if zeros_line(section):
                document.add_paragraph(zeros_line(section))
            picture(section["chart"])
    document.add_heading(_("Conclusions"), level=2)
    for paragraph in (report.conclusions or "—").split("\n"):
        document.add_paragraph(paragraph)
    document.add_heading(_("Proposals"), level=2)
    for paragraph in (report.proposals or "—").split("\n"):
        document.add_paragraph(paragraph)
    document.add_paragraph(discussion_line(report))
    document.add_paragraph(_("Responsible person (social pedagogue):") + " " + "_" * 30)
    return save_bytes(document)


# -- XLSX ----------------------------------------------------------------------------------


def report_xlsx(report) -> bytes:
    workbook = xlsx_workbook(report_title())
    sheet = workbook.active
    sheet.title = _("Report")[:31]
    f = report.figures
    names = column_names(f)
    sheet.append([report.school.name])
    sheet.append([report_title()])
    sheet.append([period_line(report)])
    sheet["A1"].font = sheet["A2"].font = Font(bold=True, size=13)
    for line in summary_lines(report):
        sheet.append([line])
    sheet.append([])
    rows, _chart = comparison(f)
    blocks = [(_("Comparison"), rows, True)]
    if f.get("total"):
        blocks += [(s["title"], s["rows"], s["compare"]) for s in sections(f)]
    for title, body, with_compare in blocks:
        sheet.append([title, *(names if with_compare else names[:1])])
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        for row in _table_rows(body, with_compare):
            sheet.append([None if x == "" else x for x in row])
        sheet.append([])
    sheet.append([_("Conclusions")])
    sheet[sheet.max_row][0].font = Font(bold=True)
    sheet.append([report.conclusions])
    sheet.append([_("Proposals")])
    sheet[sheet.max_row][0].font = Font(bold=True)
    sheet.append([report.proposals])
    sheet.append([discussion_line(report)])
    for row in sheet.iter_rows():
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 55
    for col in range(2, 5):
        sheet.column_dimensions[get_column_letter(col)].width = 18
    return save_bytes(workbook)


# -- district ------------------------------------------------------------------------------


def district_rows(table):
    """Flat rows of every group's table: [group, school, value label..., total]."""
    out = []
    for group in table["groups"]:
        out.append([group["title"], *group["columns"], _("total")])
        for name, cells, total in group["rows"]:
            out.append([name, *cells, total])
        out.append([_("District total"), *group["total_row"], table["total_shown"]])
        out.append([])
    return out


def district_xlsx(table) -> bytes:
    workbook = xlsx_workbook(table["title"])
    sheet = workbook.active
    sheet.title = _("District")[:31]
    sheet.append([table["title"]])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([table["period"]])
    sheet.append([table["legend"]])
    sheet.append([])
    for row in district_rows(table):
        sheet.append(row)
        if row and row[0] in {g["title"] for g in table["groups"]}:
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 40
    return save_bytes(workbook)


def district_csv(table) -> bytes:
    stream = io.StringIO()
    writer = csv.writer(stream)
    writer.writerow([table["title"]])
    writer.writerow([table["period"]])
    writer.writerow([table["legend"]])
    for row in district_rows(table):
        writer.writerow(row)
    return ("\ufeff" + stream.getvalue()).encode()  # BOM: Excel opens Cyrillic CSV right
