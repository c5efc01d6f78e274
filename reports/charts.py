"""Charts drawn on the server: one layout, three renderers (SVG for pages, fpdf2 shapes for
the PDF, a Pillow PNG for the DOCX). No script, no chart library: a chart here is a handful
of labelled horizontal bars, which read well on a 360 px phone and on paper alike.

The layout is a list of shapes in abstract units (400 wide); each renderer scales it."""

from dataclasses import dataclass, field
from functools import lru_cache
from io import BytesIO
from xml.sax.saxutils import escape

from ishenim.documents import FONTS_DIR

WIDTH = 400
COLOURS = ["#1f5fa8", "#8aa9cf", "#c9ced8"]  # this period, the previous, a year before
INK, MUTED = "#1d2330", "#4a5263"
LABEL, VALUE = 16, 14  # font sizes in layout units


@dataclass
class Chart:
    title: str
    items: list  # [(label, [value, value...])]
    series: list = field(default_factory=list)  # legend labels when more than one series

    @property
    def empty(self):
        return not any(v for _, values in self.items for v in values)


@lru_cache(maxsize=8)
def _font(size):
    from PIL import ImageFont

    return ImageFont.truetype(str(FONTS_DIR / "DejaVuSans.ttf"), size)


def text_width(text, size):
    """Width of `text` in layout units, measured with the font every renderer draws with, so
    that a legend or a label never runs into the next shape (issue 15)."""
    return _font(size).getlength(text)


def layout(chart: Chart):
    """[("text", x, y, size, text, colour) | ("rect", x, y, w, h, colour)], height.

    A series with no value at all (a quarter before the school used Ishenim) is left out with
    its legend entry: a row of zero bars says nothing the table does not."""
    shapes, y = [], 0
    n = max((len(v) for _, v in chart.items), default=1)
    used = [k for k in range(n) if k == 0 or any(v[k] for _, v in chart.items if len(v) > k)]
    items = [(label, [values[k] for k in used if k < len(values)]) for label, values in chart.items]
    if chart.series and len(used) > 1:
        x = 0
        for k in used:
            name = chart.series[k] if k < len(chart.series) else ""
            width = 20 + text_width(name, VALUE) + 16
            if x and x + width > WIDTH:
                x, y = 0, y + 20
            shapes.append(("rect", x, y + 3, 14, 14, COLOURS[k % len(COLOURS)]))
            shapes.append(("text", x + 20, y + 15, VALUE, name, MUTED))
            x += width
        y += 26
    top = max((v for _, values in items for v in values), default=0) or 1
    bar_h = 18 if len(used) == 1 else 13
    longest = max((text_width(label, LABEL) for label, _ in items), default=0)
    inline = longest <= WIDTH * 0.5  # short labels sit beside their bars, long ones above
    left = longest + 10 if inline else 0
    room = WIDTH - left - 10 - text_width(str(top), VALUE)  # the value after the longest bar
    for label, values in items:
        if inline:
            shapes.append(("text", 0, y + bar_h - 3, LABEL, label, INK))
        else:
            shapes.append(("text", 0, y + 15, LABEL, label, INK))
            y += 21
        for k, v in zip(used, values, strict=False):
            w = room * v / top
            if v:
                shapes.append(("rect", left, y, max(w, 2), bar_h, COLOURS[k % len(COLOURS)]))
            shapes.append(("text", left + max(w, 2) + 5, y + bar_h - 3, VALUE, str(v), INK))
            y += bar_h + 2
        y += 4 if inline else 8
    return shapes, y


def height_mm(chart: Chart, width_mm: float = 95, title: bool = True) -> float:
    """The chart's height on paper, with its title line and the space after it."""
    return layout(chart)[1] * width_mm / WIDTH + 5 + (6 if title else 0)


def svg(chart: Chart) -> str:
    """Inline SVG that scales to its container; the figures are also in a table beside it."""
    shapes, height = layout(chart)
    out = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-label="{escape(chart.title, {chr(34): "&quot;"})}" '
        f'xmlns="http://www.w3.org/2000/svg" font-family="system-ui, DejaVu Sans, sans-serif">'
        f"<title>{escape(chart.title)}</title>"
    ]
    for shape in shapes:
        if shape[0] == "rect":
            _, x, y, w, h, colour = shape
            out.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h}" fill="{colour}"/>'
            )
        else:
            _, x, y, size, text, colour = shape
            out.append(
                f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="{colour}">'
                f"{escape(text)}</text>"
            )
    out.append("</svg>")
    return "".join(out)


def draw_pdf(pdf, chart: Chart, width_mm: float = 95, title: bool = True):
    """Draw the chart with fpdf2's own shapes at the current position (vector, DejaVu text)."""
    from ishenim.documents import FAMILY

    shapes, height = layout(chart)
    scale = width_mm / WIDTH
    if pdf.y + height_mm(chart, width_mm, title) > pdf.page_break_trigger:
        pdf.add_page()  # a chart is never split across pages
    if title:
        pdf.set_font(FAMILY, "B", 11)
        pdf.multi_cell(0, 6, chart.title, new_x="LMARGIN", new_y="NEXT")
    x0, y0 = pdf.l_margin, pdf.y + 1
    for shape in shapes:
        if shape[0] == "rect":
            _, x, y, w, h, colour = shape
            pdf.set_fill_color(*_rgb(colour))
            pdf.rect(x0 + x * scale, y0 + y * scale, w * scale, h * scale, style="F")
        else:
            _, x, y, size, text, colour = shape
            pdf.set_font(FAMILY, "", size * scale / 0.3528)
            pdf.set_text_color(*_rgb(colour))
            pdf.text(x0 + x * scale, y0 + y * scale, text)
    pdf.set_text_color(0)
    pdf.set_fill_color(255)  # fpdf2 keeps the fill colour: tables after this stay white
    pdf.set_font(FAMILY, "", 11)
    pdf.set_y(y0 + height * scale + 4)


def png(chart: Chart, scale: float = 2.0) -> bytes:
    """The chart as a PNG (for the DOCX, which schools edit in Word)."""
    from PIL import Image, ImageDraw, ImageFont

    shapes, height = layout(chart)
    title_h = 30
    image = Image.new("RGB", (int(WIDTH * scale), int((height + title_h) * scale)), "white")
    draw = ImageDraw.Draw(image)
    bold = ImageFont.truetype(str(FONTS_DIR / "DejaVuSans-Bold.ttf"), int(16 * scale))
    draw.text((0, 4 * scale), chart.title, font=bold, fill=INK)
    fonts = {}
    for shape in shapes:
        if shape[0] == "rect":
            _, x, y, w, h, colour = shape
            y += title_h
            draw.rectangle([x * scale, y * scale, (x + w) * scale, (y + h) * scale], fill=colour)
        else:
            _, x, y, size, text, colour = shape
            font = fonts.setdefault(
                size, ImageFont.truetype(str(FONTS_DIR / "DejaVuSans.ttf"), int(size * scale))
            )
            y += title_h
            draw.text((x * scale, y * scale), text, font=font, fill=colour, anchor="ls")
    stream = BytesIO()
    image.save(stream, "PNG", optimize=True)
    return stream.getvalue()


def _rgb(colour: str):
    return tuple(int(colour[k : k + 2], 16) for k in (1, 3, 5))
