"""The journal's printable exports: the bound paper journal (PDF), its spreadsheet (XLSX) and
the sheet for the board (стенд) beside the box.

Pure functions of plain data, so that they are tested without a database and the views decide
what may be shown (the board only ever gets redacted questions). The words are those of the
regulations, in Kyrgyz and Russian (see GLOSSARY.md); `lang` is "ky" or "ru", and for the
board sheet also "uz".
"""

import re
from datetime import date

from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from ishenim.documents import Document, Part, save_bytes, xlsx_workbook

WORDS = {
    "ky": {
        "journal": "Ишеним почтасы аркылуу келип түшкөн кайрылууларды каттоо журналы",
        "journal_short": "Кайрылууларды каттоо журналы",
        "filter": "Сүзгү: {conditions}",
        "all_entries": "бардык жазуулар",
        "corrected": "Оңдолду: {who}, {date}",
        "was": "мурун: {old}",
        "voided": "ЖОККО ЧЫГАРЫЛДЫ ({who}, {date}): {reason}",
        "year": "{year} окуу жылы",
        "started": "Башталды:",
        "finished": "Аяктады:",
        "closing_line": "Журнал {date} жабылды. Акыркы катар номери: {last}. "
        "Жазуулардын саны: {count}.",
        "pages": "Журналдагы номерленген беттердин саны: {total}",
        "responsible": "Жооптуу адам (социалдык педагог):",
        "confidential": "Купуя маалымат",
        "page": "Бет {n} / {total}",
        "empty": "Журналда азырынча жазуу жок.",
        "sheet": "Журнал",
        "columns": (
            "№",
            "Кабыл алынган датасы",
            "Арыз ээсинин аты-жөнү жана жашы же «анонимдүү»",
            "Дареги жана телефону",
            "Кайрылуунун кыскача мазмуну",
            "Жооптун датасы",
            "Көрүлгөн чаралар",
        ),
        "board": "Ишеним почтасы — жооптор",
        "board_hint": "Кайрылууңуздун белгисин издеңиз — жооп анын астында.",
        "updated": "Жаңыланды: {date}",
        "question": "Суроо:",
        "answer": "Жооп:",
        "invitation": "«{tag}» кайрылуусунун авторуна кат келди. Сураныч, жеке сүйлөшүүгө "
        "келиңиз. Сизди күтөт: {person}.",
        "where": "Кайда жана качан: {where}",
        "no_posts": "Азырынча жооп жок.",
        "help": "Жардам телефондору (акысыз):",
    },
    "ru": {
        "journal": "Журнал учёта обращений, поступивших через почту доверия",
        "journal_short": "Журнал учёта обращений",
        "filter": "Фильтр: {conditions}",
        "all_entries": "все записи",
        "corrected": "Исправлено: {who}, {date}",
        "was": "было: {old}",
        "voided": "АННУЛИРОВАНО ({who}, {date}): {reason}",
        "year": "{year} учебный год",
        "started": "Начат:",
        "finished": "Окончен:",
        "closing_line": "Журнал закрыт {date}. Последний порядковый номер: {last}. "
        "Всего записей: {count}.",
        "pages": "Количество пронумерованных страниц в журнале: {total}",
        "responsible": "Ответственное лицо (социальный педагог):",
        "confidential": "Конфиденциально",
        "page": "Стр. {n} из {total}",
        "empty": "В журнале пока нет записей.",
        "sheet": "Журнал",
        "columns": (
            "№ п/п",
            "Дата получения",
            "Ф. И. О. и возраст заявителя или отметка «аноним»",
            "Адрес и телефон",
            "Краткое содержание обращения",
            "Дата ответа",
            "Принятые меры",
        ),
        "board": "Почта доверия — ответы",
        "board_hint": "Найдите метку своего обращения — ответ под ней.",
        "updated": "Обновлено: {date}",
        "question": "Вопрос:",
        "answer": "Ответ:",
        "invitation": "Автору обращения «{tag}» пришло письмо. Пожалуйста, подойдите для "
        "личной беседы. Вас ждёт: {person}.",
        "where": "Где и когда: {where}",
        "no_posts": "Пока ответов нет.",
        "help": "Телефоны помощи (бесплатно):",
    },
    # The board sheet only, for the pupils who read the board in Uzbek (issue 15); the
    # journal itself is kept in the regulations' languages.
    "uz": {
        "page": "{n}-bet / {total}",
        "board": "Ishonch pochtasi — javoblar",
        "board_hint": "Murojaatingiz belgisini toping — javob uning ostida.",
        "updated": "Yangilandi: {date}",
        "question": "Savol:",
        "answer": "Javob:",
        "invitation": "«{tag}» murojaati muallifiga xat keldi. Iltimos, yuzma-yuz "
        "gaplashish uchun keling. Sizni kutadi: {person}.",
        "where": "Qayerda va qachon: {where}",
        "no_posts": "Hozircha javob yoʻq.",
        "help": "Yordam telefonlari (bepul):",
    },
}
BOARD_LANGUAGES = ("ky", "ru", "uz")

HELP_LINES = {
    "ky": [
        ("111", "балдардын ишеним телефону"),
        ("112", "бирдиктүү куткаруу кызматы"),
        ("102", "милиция"),
        ("103", "тез жардам"),
    ],
    "ru": [
        ("111", "детский телефон доверия"),
        ("112", "единая служба спасения"),
        ("102", "милиция"),
        ("103", "скорая помощь"),
    ],
    "uz": [
        ("111", "bolalar ishonch telefoni"),
        ("112", "favqulodda xizmatlarning yagona raqami"),
        ("102", "militsiya"),
        ("103", "tez yordam"),
    ],
}

# Landscape A4 (267 mm between margins): the summary and the measures get the room.
COLUMN_WIDTHS = (14, 24, 42, 38, 72, 24, 53)
COLUMN_ALIGN = ("C", "C", "L", "L", "L", "C", "L")
ROW_KEYS = ("number", "received_on", "author", "contact", "summary", "answered_on", "measures")


def _date(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


DATE_KEYS = ("received_on", "answered_on")


def _unmarked(text) -> str:
    """Entry text set in a markdown table: a doubled marker (** __ -- ~~) written by a person
    is split so that it prints as typed instead of changing the style."""
    text = _date(text) if isinstance(text, date) else ("" if text is None else str(text))
    while re.search(r"([*_~-])\1", text):
        text = re.sub(r"([*_~-])\1", r"\1 \1", text)
    return text


def _struck(text) -> str:
    """Struck through line by line (a marker pair does not span a line break)."""
    return "\n".join(f"~~{line}~~" for line in _unmarked(text).splitlines() if line.strip())


def _book_cell(row: dict, key: str, w: dict, marked: bool = False) -> str:
    """One cell as a corrected paper book shows it: every old value struck through, the
    current value under it, and each correction initialled with its date. A voided entry's
    summary is struck through with the reason written beside it."""
    value = row.get(key)
    corrections = (row.get("corrections") or {}).get(key, [])
    voided = row.get("voided")
    if not corrections and not (voided and key == "summary"):
        plain = _date(value) if key in DATE_KEYS else ("" if value is None else str(value))
        return _unmarked(plain) if marked else plain
    lines = [_struck(c["old"]) for c in corrections]
    current = _unmarked(value)
    if voided and key == "summary":
        lines.append(_struck(value))
    elif current:
        lines.append(current)
    lines += [w["corrected"].format(who=c["by"], date=_date(c["on"])) for c in corrections]
    if voided and key == "summary":
        lines.append(
            w["voided"].format(
                who=voided["by"], date=_date(voided["on"]), reason=_unmarked(voided["reason"])
            )
        )
    return "\n".join(line for line in lines if line)


def _plain_row(row: dict, w: dict) -> dict:
    """The same for a spreadsheet, which has no strike-through: old values in words."""
    if not row.get("corrections") and not row.get("voided"):
        return row
    out = dict(row)
    for key, corrections in (row.get("corrections") or {}).items():
        if key in DATE_KEYS:
            continue  # a date cell stays a date; the correction note goes to the summary
        olds = "; ".join(w["was"].format(old=c["old"]) for c in corrections)
        notes = "; ".join(
            w["corrected"].format(who=c["by"], date=_date(c["on"])) for c in corrections
        )
        out[key] = f"{row.get(key) or ''}\n({olds}. {notes})"
    for key in DATE_KEYS:
        for c in (row.get("corrections") or {}).get(key, []):
            note = w["corrected"].format(who=c["by"], date=_date(c["on"]))
            out["summary"] = (
                f"{out.get('summary') or ''}\n({w['was'].format(old=_date(c['old']))}. {note})"
            )
    if row.get("voided"):
        v = row["voided"]
        mark = w["voided"].format(who=v["by"], date=_date(v["on"]), reason=v["reason"])
        out["summary"] = f"{mark}\n{out.get('summary') or ''}"
    return out


def _blank_date() -> str:
    return "«____» ______________ 20____"


def journal_pdf(
    school_name: str,
    year_label: str,
    rows: list[dict],
    lang: str,
    filter_line: str = "",
    closing: dict | None = None,
) -> bytes:
    """The journal of regulation A as a bound paper journal: a title page, then landscape pages
    with the seven columns of "Record keeping", every page numbered. `year_label` is the bare
    school year, e.g. "2024–2025". The journal counts as started on its first entry's date;
    "finished" is left to be filled in by hand when the book is closed. `filter_line`, when
    given, is the first line of the title page: which filter of the journal page made it."""
    w = WORDS[lang]
    pdf = Document(
        f"{w['journal']} — {school_name}",
        lang=lang,
        page_label=w["page"],
        running_head=f"{school_name} · {w['journal_short']} · {w['year'].format(year=year_label)}",
        margin=15,
    )
    _title_page(pdf, w, school_name, year_label, rows, filter_line, closing)

    pdf.add_page(orientation="landscape")
    marked = any(r.get("corrections") or r.get("voided") for r in rows)
    table_rows = [[_book_cell(r, k, w, marked) for k in ROW_KEYS] for r in rows]
    pdf.table(w["columns"], table_rows, COLUMN_WIDTHS, size=9, align=COLUMN_ALIGN, markdown=marked)
    if not rows:
        pdf.ln(8)
        pdf.paragraph(w["empty"], size=13, align="C")
    if closing:
        # The closing line under the last entry, as a bound book is closed by hand.
        pdf.ln(6)
        pdf.paragraph(
            w["closing_line"].format(
                date=_date(closing["closed_on"]),
                last=closing["last_number"] or "—",
                count=len(rows),
            ),
            size=11,
            bold=True,
        )
        pdf.signature_lines([w["responsible"]], size=11)
    return pdf.pdf_bytes()


def _title_page(
    pdf: Document,
    w: dict,
    school_name: str,
    year_label: str,
    rows: list[dict],
    filter_line="",
    closing=None,
):
    pdf.add_page()
    if filter_line:
        pdf.paragraph(filter_line, size=10)
    pdf.set_text_color(110)
    pdf.paragraph(w["confidential"].upper(), size=9, align="R")
    pdf.set_text_color(0)
    pdf.ln(12)
    pdf.paragraph(school_name, size=15, align="C", bold=True)
    pdf.ln(45)
    pdf.heading(w["journal"].upper(), level=1, align="C")
    pdf.ln(4)
    pdf.paragraph(w["year"].format(year=year_label), size=15, align="C")
    pdf.ln(55)
    started = _date(min(r["received_on"] for r in rows)) if rows else _blank_date()
    pdf.paragraph(f"{w['started']}  {started}", size=12)
    finished = _date(closing["closed_on"]) if closing else _blank_date()
    pdf.paragraph(f"{w['finished']}  {finished}", size=12)
    pdf.ln(4)
    pdf.paragraph(w["pages"].format(total=pdf.str_alias_nb_pages), size=12)
    pdf.ln(4)
    pdf.signature_lines([w["responsible"]], size=12)


def journal_xlsx(
    school_name: str, year_label: str, rows: list[dict], lang: str, filter_line: str = ""
) -> bytes:
    """The same journal as one spreadsheet: the filter line (when given), a title row, then the
    seven headings (frozen, with an autofilter) and one row per entry, dates as real dates
    shown dd.mm.yyyy."""
    w = WORDS[lang]
    rows = [_plain_row(r, w) for r in rows]
    workbook = xlsx_workbook(w["journal"])
    sheet = workbook.active
    sheet.title = w["sheet"]
    top = 1
    if filter_line:
        sheet["A1"] = filter_line
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(ROW_KEYS))
        top = 2
    title = sheet.cell(row=top, column=1)
    title.value = f"{school_name} — {w['journal']}, {w['year'].format(year=year_label)}"
    title.font = Font(bold=True, size=13)
    sheet.merge_cells(start_row=top, start_column=1, end_row=top, end_column=len(ROW_KEYS))
    sheet.row_dimensions[top].height = 22

    head_row = top + 2
    wrap = Alignment(wrap_text=True, vertical="top")
    for col, title in enumerate(w["columns"], start=1):
        cell = sheet.cell(row=head_row, column=col, value=title)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    sheet.row_dimensions[head_row].height = 48
    for i, row in enumerate(rows, start=head_row + 1):
        for col, key in enumerate(ROW_KEYS, start=1):
            cell = sheet.cell(row=i, column=col, value=row.get(key))
            cell.alignment = wrap
            if key in ("received_on", "answered_on"):
                cell.number_format = "DD.MM.YYYY"
    for col, width in enumerate((8, 13, 28, 26, 50, 13, 40), start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.freeze_panes = sheet.cell(row=head_row + 1, column=1)
    last = get_column_letter(len(ROW_KEYS))
    sheet.auto_filter.ref = f"A{head_row}:{last}{max(head_row, head_row + len(rows))}"
    return save_bytes(workbook)


# The board sheet's body sizes, largest first: a sheet with a few short answers is set as
# large as fills it; the smallest is still read standing at the board (issue 15).
BOARD_SIZES = (36, 32, 28, 26, 24, 22, 20, 19, 18, 17, 16, 15)
BOARD_GAP = 5  # mm between two answers, at least


def board_pdf(
    school_name: str,
    posts: list[dict],
    lang: str,
    generated_on: date,
    help_lines: list[tuple[str, str]] | None = None,
) -> bytes:
    """The A4 sheet pinned on the board beside the box (regulation A): answers to anonymous
    appeals under their public tag, and, in exceptional cases, a notice inviting the author of
    an appeal to come and talk in person. Set large enough to be read standing at the board:
    the answers are packed several to a sheet, and each sheet's type is the largest that fills
    it. Every sheet carries the school's name and the date, as a loose sheet is pinned alone.

    Post keys: `kind` ("answer" or "invitation"), `tag`, `question` (already redacted),
    `answer`, `person`, `published_on`, and optionally `where` (place and time of the talk)."""
    w = WORDS[lang]
    lines = HELP_LINES[lang] if help_lines is None else help_lines
    # Two numbers a line; no-break spaces keep a number with its label if a line still wraps.
    entries = [f"{num}\u00a0—\u00a0{label.replace(' ', chr(0xA0))}" for num, label in lines]
    pairs = ["      ".join(entries[i : i + 2]) for i in range(0, len(entries), 2)]
    note = "\n".join([w["help"], *pairs])
    pdf = Document(
        f"{w['board']} — {school_name}",
        lang=lang,
        page_label=w["page"],
        footer_note=note,
        footer_note_size=12,
        margin=14,
    )

    def sheet_head():
        pdf.add_page()
        pdf.paragraph(w["board"], size=26, align="C", bold=True)
        pdf.paragraph(school_name, size=20, align="C", bold=True)
        pdf.set_text_color(60)
        updated = w["updated"].format(date=_date(generated_on))
        pdf.paragraph(f"{updated}. {w['board_hint']}", size=13, align="C")
        pdf.set_text_color(0)
        return pdf.page_break_trigger - pdf.y

    room = sheet_head()
    if not posts:
        pdf.ln(30)
        pdf.paragraph(w["no_posts"], size=26, align="C")
        return pdf.pdf_bytes()

    def height(post, size):
        return pdf.block_height(_board_parts(post, w, size)) + BOARD_GAP

    sheets = _share_out(posts, [height(p, BOARD_SIZES[-1]) for p in posts], room)
    for number, sheet in enumerate(sheets):
        if number:
            sheet_head()
        size = next(
            (z for z in BOARD_SIZES if sum(height(p, z) for p in sheet) <= room), BOARD_SIZES[-1]
        )
        spare = room - sum(height(p, size) for p in sheet)
        gap = BOARD_GAP + max(0.0, min(spare / len(sheet), 12))  # the rest shared out evenly
        for post in sheet:
            pdf.framed_block(_board_parts(post, w, size), gap_after=gap)
    return pdf.pdf_bytes()


def _share_out(posts, heights, room):
    """The posts, in order, on as few sheets as they fill at the smallest size, shared out so
    that the fullest sheet is as empty as it can be (each sheet is then set larger)."""
    count, used = 1, 0.0
    for h in heights:
        if used and used + h > room:
            count, used = count + 1, 0.0
        used += h
    n = len(posts)
    # best[k][i]: the least "fullest sheet" for the first i posts on k sheets, and its cut.
    best = [[(float("inf"), 0)] * (n + 1) for _ in range(count + 1)]
    best[0][0] = (0.0, 0)
    for k in range(1, count + 1):
        for i in range(1, n + 1):
            for j in range(k - 1, i):
                load = max(best[k - 1][j][0], sum(heights[j:i]))
                if load < best[k][i][0]:
                    best[k][i] = (load, j)
    sheets, i = [], n
    for k in range(count, 0, -1):
        j = best[k][i][1]
        sheets.insert(0, posts[j:i])
        i = j
    return [sheet for sheet in sheets if sheet]


def _board_parts(post, w, size):
    tag = Part(
        post["tag"],
        size=round(size * 1.5),
        bold=True,
        spacing=1.5,
        right=_date(post.get("published_on")),
        right_size=round(size * 0.8),
        gap=3,
    )
    if post["kind"] == "invitation":
        parts = [
            tag,
            Part(w["invitation"].format(tag=post["tag"], person=post["person"]), size, True),
        ]
        if post.get("where"):
            parts.append(Part(w["where"].format(where=post["where"]), size=size))
        return parts
    label = round(size * 0.85)
    return [
        tag,
        Part(w["question"], size=label, bold=True, gap=0.5),
        Part(post["question"], size=size, gap=3),
        Part(w["answer"], size=label, bold=True, gap=0.5),
        Part(post["answer"], size=size),
    ]
