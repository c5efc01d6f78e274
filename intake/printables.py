"""The paper that connects the school's real trust box to Ishenim: appeal forms with a tear-off
stub, and the poster for the foyer (regulation A: pupils and parents are told about the trust
mail at class hours, parents' meetings and on the school website).

Both are set in Kyrgyz AND Russian on the same sheet: a stack of forms lies beside one box and
is taken by pupils of both languages, and a poster in the foyer is read by everyone. The words
therefore live here in both languages (as in journal/documents.py), not in the gettext catalog.

Pure functions of plain data; the views decide the school, the URLs and the codes. QR codes
carry only public URLs, never a receipt code (DESIGN.md §4); they are drawn as vector squares
so they stay sharp at any printer resolution.
"""

import re

import segno

from ishenim.documents import FAMILY, Document, line_height

# (Kyrgyz, Russian) pairs; the glossary's words: кайрылуу / обращение, белги / метка...
FORM = {
    "title": ("Ишеним почтасы — кайрылуу", "Почта доверия — обращение"),
    "who": ("Сиз кимсиз?", "Кто вы?"),
    "kinds": (
        ("окуучу", "ученик"),
        ("ата-эне", "родитель"),
        ("мугалим", "учитель"),
        ("башка", "другое"),
    ),
    # Labels that fit one line carry both languages themselves.
    "name": "Аты-жөнү / Имя, фамилия:",
    "class": "Класс:",
    "contact": "Телефон же e-mail / Телефон или e-mail:",
    "optional": (
        "Бул саптарды бош калтырсаңыз болот: анда кайрылуу анонимдүү болот.",
        "Эти строки можно оставить пустыми: тогда обращение анонимное.",
    ),
    "letter": (
        "Катыңыз / Ваше письмо:",
        "(арткы бетине уланта берсеңиз болот / можно продолжить на обороте)",
    ),
    "form_code": "Форманын коду / Код бланка:",
    "stub_keep": ("Бул талонду ажыратып, сактап коюңуз", "Оторвите и сохраните этот талон"),
    "stub_code": "Кайрылуунун коду / Код обращения",
    "stub_ky": (
        "Катты кутучага салыңыз. Бул код менен QR-коддогу баракта жоопту окуйсуз; ошол жерде "
        "катыңыздын белгиси турат — стенддеги жооп ушул белги менен илинет. Кодду эч кимге "
        "көрсөтпөңүз."
    ),
    "stub_ru": (
        "Письмо опустите в ящик. С этим кодом на странице по QR-коду прочтёте ответ; там же — "
        "метка письма: ответ на стенде висит под этой меткой. Никому не показывайте код."
    ),
}

POSTER = {
    "title": ("ИШЕНИМ ПОЧТАСЫ", "ПОЧТА ДОВЕРИЯ"),
    "lead": (
        "Сизди тынчсыздандырган нерсе тууралуу жазыңыз: үйдө, мектепте, интернетте. "
        "Анонимдүү жазсаңыз да болот.",
        "Напишите о том, что вас тревожит: дома, в школе, в интернете. Можно анонимно.",
    ),
    "scan": (
        "Телефон менен QR-кодду окутуңуз же даректи териңиз:",
        "Наведите камеру на QR-код или наберите адрес:",
    ),
    "or_box": (
        "Же кагазга жазып, фойедогу ишеним кутучасына салыңыз.",
        "Или напишите на бумаге и опустите в ящик доверия в фойе.",
    ),
    "how": ("Катыңыз эмне болот?", "Что будет с письмом?"),
    "steps": (
        (
            "Жазыңыз — кол коюп же анонимдүү, онлайн же кагазга.",
            "Напишите — с подписью или анонимно, онлайн или на бумаге.",
        ),
        (
            "Кайрылуунун кодун аласыз. Аны сактаңыз: жооп ошол код менен окулат.",
            "Вы получите код обращения. Сохраните его: по нему читают ответ.",
        ),
        (
            "Катты мектептин ишеним комиссиясы гана окуйт.",
            "Письмо читает только комиссия школы по почте доверия.",
        ),
        ("{answer_ky}", "{answer_ru}"),
    ),
    "answer": (
        "{days} жумушчу күндүн ичинде жооп: стендде (белгиңиз менен), e-mail аркылуу, "
        "жеке сүйлөшүүдө же онлайн, код менен.",
        "Ответ в течение {days} {working_days}: на стенде (под вашей меткой), по e-mail, "
        "лично или онлайн по коду.",
    ),
    "secret": ("Купуялуулук", "Конфиденциальность"),
    "promises": (
        (
            "Ата-энеңизге эч нерсе өзүнөн-өзү жөнөтүлбөйт.",
            "Родителям ничего не сообщается автоматически.",
        ),
        (
            "Кат жөнөтүлөөр замат шифрленет; аны комиссия гана ача алат.",
            "Письмо шифруется сразу; открыть его может только комиссия.",
        ),
        (
            "Интернеттеги дарегиңиз (IP) жана телефонуңуздун маалыматтары сакталбайт.",
            "Ваш адрес в интернете (IP) и данные телефона не сохраняются.",
        ),
    ),
    "danger": ("Коркунучта болсоңуз — азыр чалыңыз:", "Если вы в опасности — звоните сейчас:"),
}

# The poster's second column for schools with many Uzbek-speaking pupils: Kyrgyz on the left,
# Uzbek (Latin, polite «siz», ʻ U+02BB in oʻ and gʻ, ʼ U+02BC for the tutuq) on the right;
# the same wording as the Uzbek catalog (locale/uz, see locale/wording.md).
POSTER_UZ = {
    "title": "ISHONCH POCHTASI",
    "lead": (
        "Sizni bezovta qilayotgan narsa haqida yozing: uyda, maktabda, internetda. "
        "Anonim yozsangiz ham boʻladi."
    ),
    "scan": "Telefon kamerasini QR-kodga qarating yoki manzilni yozing:",
    "or_box": "Yoki qogʻozga yozib, foyedagi ishonch qutisiga tashlang.",
    "how": "Xatingiz bilan nima boʻladi?",
    "steps": (
        "Yozing — ismingiz bilan yoki anonim, onlayn yoki qogʻozda.",
        "Murojaat kodini olasiz. Uni saqlang: javob shu kod bilan oʻqiladi.",
        "Xatni faqat maktabning ishonch komissiyasi oʻqiydi.",
        "{answer}",
    ),
    "answer": (
        "{days} ish kuni ichida javob: stendda (belgingiz ostida), elektron pochta orqali, "
        "yuzma-yuz yoki onlayn, kod bilan."
    ),
    "secret": "Maxfiylik",
    "promises": (
        "Ota-onangizga hech narsa oʻz-oʻzidan yuborilmaydi.",
        "Xat yuborilishi bilanoq shifrlanadi; uni faqat komissiya ocha oladi.",
        "Internetdagi manzilingiz (IP) va telefoningiz maʼlumotlari saqlanmaydi.",
    ),
    "danger": "Xavf ostida boʻlsangiz — hoziroq qoʻngʻiroq qiling:",
}
POSTER_LANGUAGES = ("ru", "uz")  # the right-hand column; Kyrgyz is always on the left


def poster_words(second: str = "ru") -> dict:
    """The poster's (Kyrgyz, second language) pairs: POSTER itself for Russian, or POSTER with
    its right-hand column in Uzbek."""
    if second == "ru":
        return POSTER
    words = {}
    for key, pair in POSTER.items():
        other = POSTER_UZ[key]
        if key in ("steps", "promises"):
            words[key] = tuple((ky, uz) for (ky, _ru), uz in zip(pair, other, strict=True))
        else:
            words[key] = (pair[0], other)
    return words


INK = 0
MUTED = 85
BRAND = (31, 95, 168)  # the site's --brand; prints as a dark grey on a black-and-white printer


def _ru_working_days(n: int) -> str:
    """Genitive after «в течение»: 1, 21, 31 рабочего дня; otherwise рабочих дней."""
    return "рабочего дня" if n % 10 == 1 and n % 100 != 11 else "рабочих дней"


def format_code(code: str) -> str:
    return " ".join(code[i : i + 4] for i in range(0, 16, 4))


def url_lines(pdf: Document, url: str, width: float) -> list[str]:
    """A URL cut after '/', '.' or '-' so that each line fits `width` at the current font (a URL has
    no spaces, and fpdf2 would otherwise cut it inside a word)."""
    pieces = re.findall(r"[^/.-]+[/.-]*|[/.-]+", url)
    lines, line = [], ""
    for piece in pieces:
        if line and pdf.get_string_width(line + piece) > width - 2 * pdf.c_margin:
            lines.append(line)
            line = piece
        else:
            line += piece
    return [*lines, line] if line else lines


def draw_qr(pdf: Document, data: str, x: float, y: float, size: float) -> None:
    """A QR code of `data` as one filled vector path (no seams between modules), `size` mm wide
    including a quiet zone of two modules; the page around it must be white."""
    qr = segno.make(data, error="m")
    border = 2
    modules = [list(row) for row in qr.matrix]
    count = len(modules) + 2 * border
    m = size / count
    pdf.set_fill_color(255)
    pdf.rect(x, y, size, size, style="F")
    pdf.set_fill_color(0)
    for r, row in enumerate(modules):
        c = 0
        while c < len(row):
            if row[c]:
                start = c
                while c < len(row) and row[c]:
                    c += 1
                pdf.rect(x + (start + border) * m, y + (r + border) * m, (c - start) * m, m, "F")
            else:
                c += 1
    pdf.set_fill_color(255)


def qr_png(data: str, scale: int = 12) -> bytes:
    """The same QR code as a PNG for the school's website or a presentation."""
    from io import BytesIO

    out = BytesIO()
    segno.make(data, error="m").save(out, kind="png", scale=scale, border=4)
    return out.getvalue()


class _Sheet(Document):
    """A Document placed by coordinates: no running footer, no automatic page breaks."""

    def __init__(self, title: str):
        super().__init__(title, lang="ky", page_label="", margin=10)
        self.set_auto_page_break(False)

    def footer(self):
        pass

    def text_at(
        self,
        x: float,
        y: float,
        w: float,
        text: str,
        size: float,
        *,
        bold: bool = False,
        align: str = "L",
        color=INK,
        leading: float = 1.25,
    ) -> float:
        """Wrapped text in a box `w` wide from (x, y); returns the y below it."""
        self.set_font(FAMILY, "B" if bold else "", size)
        if isinstance(color, tuple):
            self.set_text_color(*color)
        else:
            self.set_text_color(color)
        lh = line_height(size, leading)
        self.set_xy(x, y)
        self.multi_cell(w, lh, text, align=align, new_x="LEFT", new_y="NEXT", padding=0)
        self.set_text_color(0)
        return self.get_y()

    def clip(self, w: float, text: str, size: float, bold=False, max_lines=2) -> str:
        """`text` cut to `max_lines` lines of width `w`, with an ellipsis if it was longer: a
        school's very long name must not push the code or the QR code off the form."""
        self.set_font(FAMILY, "B" if bold else "", size)
        lines = self.multi_cell(w, 1, text, dry_run=True, output="LINES", padding=0)
        if len(lines) <= max_lines:
            return text
        kept = " ".join(lines[:max_lines])
        while (
            kept
            and len(self.multi_cell(w, 1, kept + "…", dry_run=True, output="LINES", padding=0))
            > max_lines
        ):
            kept = kept[:-1].rstrip()
        return kept + "…"

    def height_of(self, w: float, text: str, size: float, bold=False, leading=1.25) -> float:
        self.set_font(FAMILY, "B" if bold else "", size)
        lines = self.multi_cell(w, 1, text, dry_run=True, output="LINES", padding=0)
        return len(lines) * line_height(size, leading)

    def dashed(self, x1, y1, x2, y2):
        self.set_draw_color(110)
        self.set_line_width(0.3)
        self.set_dash_pattern(dash=2, gap=1.5)
        self.line(x1, y1, x2, y2)
        self.set_dash_pattern()
        self.set_draw_color(0)
        self.set_line_width(0.2)

    def write_line(self, x1, x2, y):
        self.set_draw_color(150)
        self.set_line_width(0.25)
        self.line(x1, y, x2, y)
        self.set_draw_color(0)
        self.set_line_width(0.2)

    def box(self, x, y, s=3.6):
        self.set_line_width(0.35)
        self.rect(x, y, s, s)
        self.set_line_width(0.2)


# -- paper appeal forms -------------------------------------------------------------------

HALF = 297 / 2  # two A5 forms on one A4 sheet, cut across the middle
STUB_X = 150  # the tear-off line; the stub is the right 50 mm of each form


def paper_forms_pdf(names: tuple[str, str], address: str, check_url: str, codes: list[str]):
    """Appeal forms, two to an A4 sheet: the form (written on, dropped in the box) and, behind
    a dashed line, the stub the author keeps, with the same code and the QR code of the
    school's "check my appeal" page. `names` is (Kyrgyz, Russian)."""
    pdf = _Sheet(f"{FORM['title'][0]} / {FORM['title'][1]} — {names[0]}")
    for i, code in enumerate(codes):
        if i % 2 == 0:
            pdf.add_page()
            pdf.dashed(4, HALF, 206, HALF)
            pdf.set_font(FAMILY, "", 11)
            pdf.set_text_color(110)
            pdf.text(4, HALF + 1.3, "✂")
            pdf.set_text_color(0)
        top = 0 if i % 2 == 0 else HALF
        _form(pdf, top, names, address, code)
        _stub(pdf, top, names, check_url, code)
    return pdf.pdf_bytes()


def _form(pdf: _Sheet, top: float, names, address, code):
    left, right = 10, STUB_X - 6
    width = right - left
    y = top + 8
    y = pdf.text_at(left, y, width, pdf.clip(width, names[0], 10, bold=True), 10, bold=True)
    if names[1] and names[1] != names[0]:
        y = pdf.text_at(left, y, width, pdf.clip(width, names[1], 9), 9)
    if address:
        y = pdf.text_at(left, y, width, pdf.clip(width, address, 8, max_lines=1), 8, color=MUTED)
    y += 2
    y = pdf.text_at(left, y, width, FORM["title"][0], 14, bold=True, color=BRAND)
    y = pdf.text_at(left, y, width, FORM["title"][1], 11.5, bold=True, color=BRAND)
    y += 2.5

    # Who are you: the journal's author kind. Kyrgyz above Russian under each box.
    pdf.text_at(left, y, 30, FORM["who"][0], 9, bold=True)
    pdf.text_at(left, y + 3.6, 30, FORM["who"][1], 9, bold=True)
    x = left + 27
    for ky, ru in FORM["kinds"]:
        pdf.box(x, y + 0.9)
        pdf.text_at(x + 5, y, 25, ky, 9)
        pdf.text_at(x + 5, y + 3.6, 25, ru, 9, color=MUTED)
        x += 27
    y += 10

    pdf.set_font(FAMILY, "", 9)
    label = FORM["name"]
    pdf.text_at(left, y, width, label, 9)
    cls = FORM["class"]
    class_x = right - 30
    pdf.write_line(left + pdf.get_string_width(label) + 2, class_x - 3, y + 4)
    pdf.text_at(class_x, y, 20, cls, 9)
    pdf.set_font(FAMILY, "", 9)
    pdf.write_line(class_x + pdf.get_string_width(cls) + 2, right, y + 4)
    y += 6.5
    label = FORM["contact"]
    pdf.text_at(left, y, width, label, 9)
    pdf.set_font(FAMILY, "", 9)
    pdf.write_line(left + pdf.get_string_width(label) + 2, right, y + 4)
    y += 5.5
    y = pdf.text_at(left, y, width, FORM["optional"][0], 7.5, color=MUTED)
    y = pdf.text_at(left, y, width, FORM["optional"][1], 7.5, color=MUTED)
    y += 2

    pdf.text_at(left, y, width, FORM["letter"][0], 9, bold=True)
    pdf.set_font(FAMILY, "B", 9)
    note_x = left + pdf.get_string_width(FORM["letter"][0]) + 2
    pdf.text_at(note_x, y + 0.4, right - note_x, FORM["letter"][1], 7, color=MUTED)
    bottom = top + HALF - 14  # room for the form's code under the last line
    line_y = y + 10
    while line_y <= bottom:
        pdf.write_line(left, right, line_y)
        line_y += 8

    # The same code on the form itself: staff type it when registering the letter.
    label = FORM["form_code"]
    code_y = top + HALF - 11
    pdf.text_at(left, code_y + 0.5, width, label, 8, color=MUTED)
    pdf.set_font(FAMILY, "", 8)
    pdf.text_at(
        left + pdf.get_string_width(label) + 2, code_y, 60, format_code(code), 10, bold=True
    )


def _stub(pdf: _Sheet, top: float, names, check_url, code):
    pdf.dashed(STUB_X - 2, top + 5, STUB_X - 2, top + HALF - 5)
    pdf.set_font(FAMILY, "", 11)
    pdf.set_text_color(110)
    pdf.text(STUB_X - 3.9, top + 9, "✂")
    pdf.set_text_color(0)

    left, width = STUB_X + 3, 210 - STUB_X - 3 - 7
    y = top + 8
    y = pdf.text_at(left, y, width, pdf.clip(width, names[0], 7), 7, color=MUTED)
    y += 1
    y = pdf.text_at(left, y, width, FORM["stub_keep"][0], 8.5, bold=True)
    y = pdf.text_at(left, y, width, FORM["stub_keep"][1], 8.5, bold=True)
    y += 2
    y = pdf.text_at(left, y, width, FORM["stub_code"], 7, color=MUTED, align="C")
    y += 1
    box_h = 2 * line_height(15, 1.2) + 3
    pdf.set_line_width(0.4)
    pdf.rect(left, y, width, box_h, round_corners=True, corner_radius=1.5)
    pdf.set_line_width(0.2)
    grouped = format_code(code)
    pdf.text_at(left, y + 1.5, width, grouped[:9], 15, bold=True, align="C", leading=1.2)
    pdf.text_at(
        left,
        y + 1.5 + line_height(15, 1.2),
        width,
        grouped[10:],
        15,
        bold=True,
        align="C",
        leading=1.2,
    )
    y += box_h + 3
    qr_size = 32
    draw_qr(pdf, check_url, left + (width - qr_size) / 2, y, qr_size)
    y += qr_size + 1
    pdf.set_font(FAMILY, "B", 7.5)
    for line in url_lines(pdf, check_url, width):
        y = pdf.text_at(left, y, width, line, 7.5, bold=True, align="C")
    y += 2
    y = pdf.text_at(left, y, width, FORM["stub_ky"], 7.2, leading=1.2)
    y += 1
    pdf.text_at(left, y, width, FORM["stub_ru"], 7.2, leading=1.2, color=MUTED)


# -- the poster -----------------------------------------------------------------------------


def poster_pdf(
    names: tuple[str, str],
    mailbox_url: str,
    answer_days: int,
    help_lines: list[tuple[str, str, str]],
    second: str = "ru",
) -> bytes:
    """The A4 poster for the foyer and the classrooms, Kyrgyz and Russian side by side: the
    school, the mailbox's address and its QR code, what happens to a letter, the promise of
    confidentiality and the help lines. `second` is the right-hand column's language, "ru" or
    "uz"; `names` and `help_lines` (number, Kyrgyz label, label) follow it. Long school names
    or many help lines shrink the type until it fits one page."""
    words = poster_words(second)
    scale = 1.0
    while True:
        pdf, room = _poster(words, names, mailbox_url, answer_days, help_lines, scale)
        if room >= 0 or scale < 0.6:
            break
        scale *= 0.97
    if room > 4:  # share what is left between the sections rather than leave a hole
        pdf, room = _poster(words, names, mailbox_url, answer_days, help_lines, scale, room / 4)
    return pdf.pdf_bytes()


def _poster(words, names, mailbox_url, answer_days, help_lines, k, gap=0.0):
    """One try at the poster with the type scaled by `k` and `gap` mm added between the
    sections; returns the document and the room left above the help lines (< 0: overflow)."""
    pdf = _Sheet(f"{words['title'][0].title()} / {words['title'][1].title()} — {names[0]}")
    pdf.add_page()
    margin, page_w = 14, 210
    width = page_w - 2 * margin
    col = (width - 8) / 2

    # A frame in the brand colour makes the sheet stand out on a crowded foyer wall.
    pdf.set_draw_color(*BRAND)
    pdf.set_line_width(1.2)
    pdf.rect(7, 7, page_w - 14, 297 - 14, round_corners=True, corner_radius=4)
    pdf.set_line_width(0.2)
    pdf.set_draw_color(0)
    band_top = _help_band(pdf, margin, width, help_lines, words["danger"])

    y = 13
    y = pdf.text_at(margin, y, width, names[0], 15 * k, bold=True, align="C")
    if names[1] and names[1] != names[0]:
        y = pdf.text_at(margin, y, width, names[1], 12 * k, align="C", color=MUTED)
    y += 3 * k + gap / 2
    title = words["title"]
    y = pdf.text_at(
        margin, y, width, title[0], 38 * k, bold=True, align="C", color=BRAND, leading=1.1
    )
    y = pdf.text_at(
        margin, y, width, title[1], 28 * k, bold=True, align="C", color=BRAND, leading=1.15
    )
    y += 3 * k + gap / 2
    y_ky = pdf.text_at(margin, y, col, words["lead"][0], 12 * k, bold=True)
    y_ru = pdf.text_at(margin + col + 8, y, col, words["lead"][1], 12 * k, bold=True)
    y = max(y_ky, y_ru) + 5 * k + gap

    # The mailbox: QR code on the left, the address to type on the right.
    qr_size = 52 * k
    draw_qr(pdf, mailbox_url, margin, y, qr_size)
    tx = margin + qr_size + 6
    tw = page_w - margin - tx
    ty = y + 2
    ty = pdf.text_at(tx, ty, tw, words["scan"][0], 11 * k)
    ty = pdf.text_at(tx, ty, tw, words["scan"][1], 11 * k, color=MUTED)
    ty += 2.5 * k
    pdf.set_font(FAMILY, "B", 17 * k)
    for line in url_lines(pdf, mailbox_url, tw):
        ty = pdf.text_at(tx, ty, tw, line, 17 * k, bold=True, color=BRAND)
    ty += 2.5 * k
    ty = pdf.text_at(tx, ty, tw, words["or_box"][0], 11 * k)
    ty = pdf.text_at(tx, ty, tw, words["or_box"][1], 11 * k, color=MUTED)
    y = max(y + qr_size, ty) + 6 * k + gap

    # What happens to a letter, Kyrgyz on the left and Russian on the right, step by step.
    answer = words["answer"]
    steps = [list(s) for s in words["steps"]]
    steps[-1] = [
        answer[0].format(days=answer_days),
        answer[1].format(days=answer_days, working_days=_ru_working_days(answer_days)),
    ]
    size = 11.5 * k
    y = _two_columns_heading(pdf, margin, y, col, words["how"], 14 * k)
    for n, (ky, ru) in enumerate(steps, start=1):
        h = max(pdf.height_of(col - 9, ky, size), pdf.height_of(col - 9, ru, size))
        for x, text in ((margin, ky), (margin + col + 8, ru)):
            pdf.set_fill_color(*BRAND)
            pdf.ellipse(x, y + 0.1, 6.2, 6.2, style="F")
            pdf.set_fill_color(255)
            pdf.text_at(x, y + 1.0, 6.2, str(n), 10.5, bold=True, align="C", color=255)
            pdf.text_at(x + 9, y, col - 9, text, size)
        y += h + 2.5 * k
    y += 2 * k + gap

    y = _two_columns_heading(pdf, margin, y, col, words["secret"], 14 * k)
    for ky, ru in words["promises"]:
        h = max(pdf.height_of(col - 6, ky, size), pdf.height_of(col - 6, ru, size))
        for x, text in ((margin, ky), (margin + col + 8, ru)):
            pdf.set_fill_color(*BRAND)
            pdf.rect(x + 0.5, y + 1.5, 2.2, 2.2, style="F")
            pdf.set_fill_color(255)
            pdf.text_at(x + 6, y, col - 6, text, size)
        y += h + 2 * k
    return pdf, band_top - 4 - y


def _two_columns_heading(pdf: _Sheet, margin, y, col, pair, size) -> float:
    pdf.text_at(margin, y, col, pair[0], size, bold=True, color=BRAND)
    pdf.text_at(margin + col + 8, y, col, pair[1], size, bold=True, color=BRAND)
    y += line_height(size, 1.25) + 0.5
    pdf.set_draw_color(*BRAND)
    pdf.line(margin, y, margin + 2 * col + 8, y)
    pdf.set_draw_color(0)
    return y + 3


def _help_band(pdf: _Sheet, margin, width, help_lines, danger) -> float:
    """Help lines across the foot of the poster: big numbers, the labels in both languages.
    Drawn first, from the bottom up; returns the top of the band."""
    count = max(1, len(help_lines))
    cell = width / count
    label = 8.5
    labels_h = max(
        [
            pdf.height_of(cell - 4, ky, label, leading=1.2)
            + pdf.height_of(cell - 4, ru, label, leading=1.2)
            for _number, ky, ru in help_lines
        ]
        or [0]
    )
    head = 2 * line_height(11, 1.25)
    band_h = 3 + head + 1 + line_height(26, 1.1) + 0.5 + labels_h + 3
    top = 297 - 11 - band_h
    pdf.set_fill_color(238, 243, 250)
    pdf.rect(margin - 3, top, width + 6, band_h, style="F", round_corners=True, corner_radius=2)
    pdf.set_fill_color(255)
    y = pdf.text_at(margin, top + 3, width, danger[0], 11, bold=True, align="C")
    y = pdf.text_at(margin, y, width, danger[1], 11, bold=True, align="C", color=MUTED)
    for i, (number, ky, ru) in enumerate(help_lines):
        x = margin + i * cell
        ny = pdf.text_at(x, y + 1, cell, number, 26, bold=True, align="C", color=BRAND, leading=1.1)
        ny = pdf.text_at(x + 2, ny + 0.5, cell - 4, ky, label, align="C", leading=1.2)
        pdf.text_at(x + 2, ny, cell - 4, ru, label, align="C", leading=1.2, color=MUTED)
    return top
