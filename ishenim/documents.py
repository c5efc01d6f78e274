"""Shared base for the project's printable documents (journal, board, act, minutes, report...).

Every PDF the school prints must render Kyrgyz (ө ү ң) and Russian, so the base class registers
DejaVu Sans once; the helpers keep page-break and footer logic in one place so each document
module only describes its content. PDFs are returned as bytes: nothing is written to disk, since
the content is confidential (regulation B, 5.1) and is streamed straight to the staff member.
"""

import logging
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import docx
import openpyxl
from docx.shared import Mm
from fpdf import FPDF, FontFace
from fpdf.enums import TableHeadingsDisplay

FONTS_DIR = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVu"
PT = 25.4 / 72  # millimetres per typographic point

# fpdf2 subsets the fonts with fontTools, which logs every glyph list at INFO: hundreds of lines
# per PDF in the server log, naming the letters used in confidential text.
logging.getLogger("fontTools").setLevel(logging.WARNING)


def line_height(size_pt: float, leading: float = 1.3) -> float:
    """Height in mm of one line of text set at `size_pt`."""
    return size_pt * PT * leading


@dataclass
class Part:
    """One run of text inside a framed block; `right` is a short note set flush right on the
    first line (e.g. a date beside a tag)."""

    text: str
    size: float = 12
    bold: bool = False
    spacing: float = 0
    right: str = ""
    gap: float = 1.5
    right_size: float = 11


class Document(FPDF):
    """A4 PDF with DejaVu Sans, margins, automatic page breaks and a "page N of M" footer.

    `page_label` is the footer in the document's language, with `{n}` and `{total}`, e.g.
    "Бет {n} / {total}" or "Стр. {n} из {total}". `footer_note` is printed above it on every
    page (the board uses it for help-line numbers); `running_head` is a small line at the top
    of every page but the first, so a loose sheet still says which document it belongs to.
    """

    def __init__(
        self,
        title: str,
        *,
        lang: str = "ky",
        page_label: str = "{n} / {total}",
        orientation: str = "portrait",
        footer_note: str = "",
        footer_note_size: float = 9,
        running_head: str = "",
        margin: float = 15,
    ):
        super().__init__(orientation=orientation, unit="mm", format="A4")
        self.add_font(FAMILY, "", FONTS_DIR / "DejaVuSans.ttf")
        self.add_font(FAMILY, "B", FONTS_DIR / "DejaVuSans-Bold.ttf")
        self.set_title(title)
        self.set_lang(lang)
        self.set_creator("Ishenim")
        self.page_label = page_label
        self.footer_note = footer_note
        self.footer_note_size = footer_note_size
        self.running_head = running_head
        self.set_margins(left=margin, top=margin, right=margin)
        self.set_auto_page_break(True, margin=12 + self._footer_note_height() + 4)
        self.set_font(FAMILY, size=11)

    # -- page furniture -------------------------------------------------------------------

    def _footer_note_height(self) -> float:
        """Height of the footer note, wrapped by hand: multi_cell cannot measure before the
        first page exists, and the page-break margin has to be known by then."""
        if not self.footer_note:
            return 0
        self.set_font(FAMILY, "B", self.footer_note_size)
        count = 0
        for paragraph in self.footer_note.split("\n"):
            count, line = count + 1, ""
            for word in paragraph.split(" "):
                candidate = f"{line} {word}" if line else word
                if line and self.get_string_width(candidate) > self.epw - 2 * self.c_margin:
                    count, line = count + 1, word
                else:
                    line = candidate
        return count * line_height(self.footer_note_size) + 2

    def header(self):
        if self.running_head and self.page_no() > 1:
            self.set_font(FAMILY, "", 8)
            self.set_text_color(110)
            self.set_y(self.t_margin - 8)
            self.cell(0, 4, self.running_head, align="L")
            self.set_text_color(0)
            self.set_y(self.t_margin)

    def footer(self):
        note_h = self._footer_note_height()
        self.set_y(-(10 + note_h))
        if self.footer_note:
            self.set_font(FAMILY, "B", self.footer_note_size)
            self.multi_cell(
                0,
                line_height(self.footer_note_size),
                self.footer_note,
                align="C",
                border="T",
                new_x="LMARGIN",
                new_y="NEXT",
            )
        self.set_font(FAMILY, "", 8)
        self.set_text_color(90)
        self.set_y(-10)
        label = self.page_label.format(n=self.page_no(), total=self.str_alias_nb_pages)
        self.cell(0, 5, label, align="C")
        self.set_text_color(0)

    # -- text -----------------------------------------------------------------------------

    def heading(self, text: str, level: int = 1, align: str = "L"):
        size = {1: 18, 2: 14, 3: 12}.get(level, 12)
        self.set_font(FAMILY, "B", size)
        self.multi_cell(
            0, line_height(size, 1.25), text, align=align, new_x="LMARGIN", new_y="NEXT"
        )
        self.ln(size * PT * 0.6)
        self.set_font(FAMILY, "", 11)

    def paragraph(self, text: str, size: float = 11, align: str = "L", bold: bool = False):
        self.set_font(FAMILY, "B" if bold else "", size)
        self.multi_cell(0, line_height(size), text, align=align, new_x="LMARGIN", new_y="NEXT")
        self.ln(size * PT * 0.5)
        self.set_font(FAMILY, "", 11)

    def signature_lines(self, labels: list[str], size: float = 11, gap: float = 9):
        """Label followed by a line to sign on, reaching the right margin (never shorter than
        60 mm: a long label puts its line on the next row)."""
        self.set_font(FAMILY, "", size)
        right = self.w - self.r_margin
        for label in labels:
            self.ln(gap)
            self.set_x(self.l_margin)
            width = self.get_string_width(label) + 3
            if right - (self.l_margin + width) < 60:
                self.multi_cell(
                    0, line_height(size), label, align="L", new_x="LMARGIN", new_y="NEXT"
                )
                self.ln(gap - 2)
                width = 0
            elif label:
                self.cell(width, line_height(size), label)
            base = self.y + line_height(size) * 0.8
            self.line(self.l_margin + width, base, right, base)
            self.set_xy(self.l_margin, self.y + line_height(size))

    # -- tables ---------------------------------------------------------------------------

    def table(
        self,
        headers=None,
        rows=None,
        widths=None,
        *,
        size: float = 9,
        align=None,
        padding: float = 1.5,
        markdown: bool = False,
        table_align: str = "CENTER",
        **kwargs,
    ):
        """Bordered table through fpdf2's `table()`: long cell text wraps, the header row is
        repeated on every page and a row never splits across pages. fpdf2 refuses a row taller
        than a page, so such a row is first cut here into continuation rows, which repeat the
        first column when it is one line (the entry's number).

        `widths` are relative (mm or fractions of the page width), `align` an optional
        per-column sequence of "L"/"C"/"R". Called without `headers` (as fpdf2's own HTML
        rendering does) it is FPDF.table()."""
        if headers is None:
            return super().table(**kwargs)
        lh = line_height(size, 1.25)
        col_mm = [self.epw * w / sum(widths) for w in widths]
        align = align or ["L"] * len(widths)

        def measure(cells, style):
            self.set_font(FAMILY, style, size)
            return [
                self.multi_cell(w, lh, c, dry_run=True, output="LINES", padding=padding) or [""]
                for c, w in zip(cells, col_mm, strict=True)
            ]

        head_h = max(len(ls) for ls in measure(headers, "B")) * lh + 2 * padding
        body = self.page_break_trigger - self.t_margin
        max_lines = max(1, int((body - head_h - 2 * padding - 1) // lh))

        heading = FontFace(emphasis="BOLD", fill_color=235, size_pt=size)
        self.set_font(FAMILY, "", size)  # fpdf2 takes the body style from the font at row one
        with super().table(
            col_widths=widths,
            width=self.epw,
            align=table_align,  # "LEFT" keeps a narrowed table in its column
            line_height=lh,
            padding=padding,
            v_align="TOP",
            text_align="LEFT",
            headings_style=heading,
            repeat_headings=TableHeadingsDisplay.ON_TOP_OF_EVERY_PAGE,
            markdown=markdown,  # "~~old~~": a corrected journal entry, struck through
        ) as tbl:
            head = tbl.row()
            for text in headers:
                head.cell(text, align="C", v_align="M")
            for cells in rows:
                cells = ["" if c is None else str(c) for c in cells]
                lines = measure(cells, "")
                n = max(len(ls) for ls in lines)
                pieces = (
                    [cells]
                    if n <= max_lines
                    else [
                        ["\n".join(ls[k : k + max_lines]) for ls in lines]
                        for k in range(0, n, max_lines)
                    ]
                )
                for piece in pieces[1:]:  # continuation rows repeat a one-line key (the №)
                    piece[0] = cells[0] if len(lines[0]) == 1 else piece[0]
                self.set_font(FAMILY, "", size)
                for piece in pieces:
                    row = tbl.row()
                    for text, a in zip(piece, align, strict=True):
                        row.cell(text, align=a)
        self.set_font(FAMILY, "", 11)

    # -- framed blocks ----------------------------------------------------------------------

    def framed_block(self, parts: list[Part], pad: float = 4, gap_after: float = 5):
        """A rounded frame around some text runs, kept on one page when it fits on one; a block
        taller than a page continues on the next page in a new frame."""
        inner = self.epw - 2 * pad
        lines = self._block_lines(parts, inner)
        height = sum(h for _, _, h in lines) + 2 * pad
        body = self.page_break_trigger - self.t_margin
        room = self.page_break_trigger - self.y
        # Move to a new page if the block would fit there but not here, or, for a block longer
        # than a page, if less than a third of this page is left.
        if height > room and (height <= body or room < body / 3):
            self.add_page()

        top = self.y
        self.y += pad
        first = {}
        for text, part, lh in lines:
            if self.y + lh + pad > self.page_break_trigger and self.y > top + pad:
                self._frame(top, self.y + pad)
                self.add_page()
                top = self.y
                self.y += pad
            self.set_font(FAMILY, "B" if part.bold else "", part.size)
            self.set_char_spacing(part.spacing)
            self.set_x(self.l_margin + pad)
            y = self.y
            self.cell(inner, line_height(part.size), text)
            self.set_char_spacing(0)
            if part.right and id(part) not in first:
                first[id(part)] = True
                self.set_font(FAMILY, "", part.right_size)
                self.set_xy(self.l_margin + pad, y)
                self.cell(inner, line_height(part.size), part.right, align="R")
            self.set_xy(self.l_margin, y + lh)
        self._frame(top, self.y + pad)
        self.y += pad + gap_after
        self.set_font(FAMILY, "", 11)

    def block_height(self, parts: list[Part], pad: float = 4) -> float:
        """The height framed_block() gives these parts (without the gap after it)."""
        return sum(h for _, _, h in self._block_lines(parts, self.epw - 2 * pad)) + 2 * pad

    def _block_lines(self, parts, inner):
        lines = []  # [text, part, height]
        for part in parts:
            self.set_font(FAMILY, "B" if part.bold else "", part.size)
            self.set_char_spacing(part.spacing)
            lh = line_height(part.size)
            for text in self.multi_cell(inner, lh, part.text, dry_run=True, output="LINES"):
                lines.append([text, part, lh])
            lines[-1][2] += part.gap
        self.set_char_spacing(0)
        return lines

    def _frame(self, top: float, bottom: float):
        self.set_line_width(0.5)
        self.rect(self.l_margin, top, self.epw, bottom - top, round_corners=True, corner_radius=2)
        self.set_line_width(0.2)

    def pdf_bytes(self) -> bytes:
        return bytes(self.output())


# -- DOCX and XLSX -------------------------------------------------------------------------


def docx_document(title: str = "") -> docx.document.Document:
    """A python-docx document on A4 with 2 cm margins (python-docx defaults to US Letter)."""
    document = docx.Document()
    document.core_properties.title = title
    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(20)
        section.top_margin = section.bottom_margin = Mm(20)
    return document


def xlsx_workbook(title: str = "") -> openpyxl.Workbook:
    """An empty workbook carrying the document title in its properties."""
    workbook = openpyxl.Workbook()
    workbook.properties.title = title
    workbook.properties.creator = "Ishenim"
    return workbook


# A cell that starts with one of these is a formula (or becomes one when edited) in Excel and
# LibreOffice: a letter's summary "=HYPERLINK(...)" must stay text (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_formulas(workbook: openpyxl.Workbook) -> None:
    """Every text cell that could be read as a formula becomes plain text, shown unchanged:
    the string data type plus Excel's own quote prefix (as if typed with a leading ')."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, str) and value.startswith(FORMULA_STARTS):
                    cell.data_type = "s"
                    cell.quotePrefix = True


def save_bytes(document) -> bytes:
    """Bytes of a python-docx document or an openpyxl workbook (both have `.save(stream)`).
    Every XLSX export passes here, so no user-typed cell leaves as a formula."""
    if isinstance(document, openpyxl.Workbook):
        escape_formulas(document)
    stream = BytesIO()
    document.save(stream)
    return stream.getvalue()
