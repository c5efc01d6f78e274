"""Printable papers of the box openings: the act of removal (Appendix 1 of regulation B) as PDF
and DOCX, and the journal of box openings as PDF and XLSX.

Pure functions of plain data (see `act_data` and `journal_data` in views), in the words of the
regulation in Kyrgyz or Russian (GLOSSARY.md); `lang` is "ky" or "ru". Like journal/documents.py
the texts live here rather than in the gettext catalog: a printed act is always wholly in one of
the two languages of the regulation, whatever the interface language.
"""

from datetime import datetime

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.shared import Mm, Pt, RGBColor
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ishenim.documents import Document, docx_document, save_bytes, xlsx_workbook

KY_MONTHS_LOCATIVE = (
    "январында",
    "февралында",
    "мартында",
    "апрелинде",
    "майында",
    "июнунда",
    "июлунда",
    "августунда",
    "сентябрында",
    "октябрында",
    "ноябрында",
    "декабрында",
)
RU_MONTHS_GENITIVE = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)

WORDS = {
    "ky": {
        "appendix": "1-тиркеме",
        "act_title": "Ишеним кутучасынан кайрылууларды алып коюу\nАКТЫСЫ",
        "act_short": "Кайрылууларды алып коюу актысы",
        "number": "№ {n}",
        "intro": "Мектептин фойесинде орнотулган ишеним кутучасы жөнүндө жобого ылайык, "
        "{date}, саат {h} с. {m} мүн., жарандардын кайрылуулары салынуучу кутуча ачылды.",
        "found": "Аныкталды:",
        "box_intact": "кутучада механикалык бузулуулар жок",
        "box_damaged": "кутуча механикалык бузулган",
        "seal_intact": "пломба (№ {seal}) бузулган эмес",
        "seal_damaged": "пломба (№ {seal}) бузулган",
        "damage": "Бузулуунун сүрөттөлүшү: {text}",
        "appeals_yes": "кутучада кайрылуулар бар ({n})",
        "appeals_no": "кутучада кайрылуулар жок",
        "list": "Алынган кайрылуулардын тизмеси:",
        "columns": ("№", "Кимден", "Кайтаруу дареги", "Эскертүү"),
        "anonymous": "анонимдүү",
        "journal_ref": "журналда № {n}",
        "no_letters": "Кайрылуулар жок",
        "resealed": "Кутуча катышкандардын баарынын катышуусунда № {seal} пломба менен кайра "
        "пломбаланды.",
        "sheets": "Акт {sheets} баракта {copies} нускада түзүлдү.",
        "members": "Комиссиянын мүчөлөрү:",
        "chair": "Комиссиянын төрагасы:",
        "director": "Мектептин директору:",
        "signed": "электрондук кол коюлду: {when}",
        "signature": "(колу)",
        "page": "Бет {n} / {total}",
        "confidential": "Купуя маалымат",
        # The journal of box openings
        "journal": "Ишеним кутучасын ачуу журналы",
        "journal_columns": (
            "№",
            "Жүргүзүлгөн аракеттер",
            "Жарандардын кайрылуулары",
            "Комиссия мүчөлөрүнүн колу",
        ),
        "opened": "{date}, саат {time} кутуча ачылды.",
        "j_box_intact": "Кутуча бузулган эмес.",
        "j_box_damaged": "Кутуча механикалык бузулган.",
        "j_seal_intact": "№ {seal} пломба бузулган эмес, алынды.",
        "j_seal_damaged": "№ {seal} пломба БУЗУЛГАН, алынды.",
        "j_damage": "Бузулуу: {text}",
        "j_resealed": "Кутуча № {seal} пломба менен кайра пломбаланды.",
        "j_act": "Алып коюу актысы: {sheets} барак, {copies} нуска.",
        "j_appeals": "Кайрылуулар: {n}",
        "j_journal_numbers": "журналда № {numbers}",
        "j_no_appeals": "Кайрылуулар жок",
        "j_signed": "✓ эл. кол {when}",
        "j_after": "Ар бир ачуудан кийин кутуча катышкандардын баарынын катышуусунда кайра "
        "пломбаланат (жобонун 3.3-пункту).",
        "empty": "Кутуча азырынча ачыла элек.",
        "sheet": "Ачуу журналы",
        "x_columns": (
            "№",
            "Ачылган күнү жана убактысы",
            "Жүргүзүлгөн аракеттер",
            "Жарандардын кайрылуулары",
            "Комиссия мүчөлөрүнүн колу",
            "Бузулуу",
        ),
        "yes": "ооба",
    },
    "ru": {
        "appendix": "Приложение 1",
        "act_title": "АКТ\nизъятия обращений из ящика доверия",
        "act_short": "Акт изъятия обращений",
        "number": "№ {n}",
        "intro": "В соответствии с положением о ящике доверия, установленном в фойе школы, "
        "{date} в {h} ч {m} мин был вскрыт ящик для обращений граждан.",
        "found": "Обнаружено:",
        "box_intact": "ящик механических повреждений не имеет",
        "box_damaged": "ящик имеет механические повреждения",
        "seal_intact": "пломба № {seal} не нарушена",
        "seal_damaged": "пломба № {seal} нарушена",
        "damage": "Описание повреждений: {text}",
        "appeals_yes": "обращения имеются ({n})",
        "appeals_no": "обращений нет",
        "list": "Список поступивших обращений:",
        "columns": ("№ п/п", "От кого", "Обратный адрес", "Примечание"),
        "anonymous": "аноним",
        "journal_ref": "в журнале № {n}",
        "no_letters": "Обращений нет",
        "resealed": "Ящик опломбирован пломбой № {seal} в присутствии всех присутствующих.",
        "sheets": "Акт составлен на {sheets} {sheet_word} в {copies} {copy_word}.",
        "members": "Члены комиссии:",
        "chair": "Председатель комиссии:",
        "director": "Директор школы:",
        "signed": "подписано электронно: {when}",
        "signature": "(подпись)",
        "page": "Стр. {n} из {total}",
        "confidential": "Конфиденциально",
        "journal": "Журнал вскрытия ящика доверия",
        "journal_columns": (
            "№ п/п",
            "Проведённые мероприятия",
            "Обращения граждан",
            "Подписи членов комиссии",
        ),
        "opened": "{date} в {time} ящик вскрыт.",
        "j_box_intact": "Ящик без повреждений.",
        "j_box_damaged": "Ящик имеет механические повреждения.",
        "j_seal_intact": "Пломба № {seal} не нарушена, снята.",
        "j_seal_damaged": "Пломба № {seal} НАРУШЕНА, снята.",
        "j_damage": "Повреждения: {text}",
        "j_resealed": "Ящик опломбирован пломбой № {seal}.",
        "j_act": "Акт изъятия: {sheets} л., {copies} экз.",
        "j_appeals": "Обращений: {n}",
        "j_journal_numbers": "в журнале № {numbers}",
        "j_no_appeals": "Обращений нет",
        "j_signed": "✓ эл. подпись {when}",
        "j_after": "После каждого вскрытия ящик опломбируется в присутствии всех "
        "присутствующих (п. 3.3 положения).",
        "empty": "Ящик ещё не вскрывался.",
        "sheet": "Журнал вскрытия",
        "x_columns": (
            "№ п/п",
            "Дата и время вскрытия",
            "Проведённые мероприятия",
            "Обращения граждан",
            "Подписи членов комиссии",
            "Повреждения",
        ),
        "yes": "да",
    },
}


def _ru_locative(n: int, one: str, many: str) -> str:
    """ "на 1 листе", "на 2 листах", "на 21 листе" (the prepositional case has two forms)."""
    return one if n % 10 == 1 and n % 100 != 11 else many


def _long_date(moment: datetime, lang: str) -> str:
    if lang == "ru":
        return f"«{moment.day}» {RU_MONTHS_GENITIVE[moment.month - 1]} {moment.year} г."
    return f"{moment.year}-жылдын {moment.day}-{KY_MONTHS_LOCATIVE[moment.month - 1]}"


def _stamp(moment: datetime | None) -> str:
    return moment.strftime("%d.%m.%Y %H:%M") if moment else ""


def act_texts(act: dict, lang: str) -> dict:
    """The act's sentences, shared by the PDF and the DOCX."""
    w = WORDS[lang]
    when = act["opened_at"]
    findings = [
        w["box_damaged"] if act["box_damaged"] else w["box_intact"],
        (w["seal_damaged"] if act["seal_damaged"] else w["seal_intact"]).format(
            seal=act["seal_removed"]
        ),
        w["appeals_yes"].format(n=len(act["letters"])) if act["found"] else w["appeals_no"],
    ]
    sheets = w["sheets"].format(
        sheets=act["sheets"],
        copies=act["copies"],
        sheet_word=_ru_locative(act["sheets"], "листе", "листах"),
        copy_word=_ru_locative(act["copies"], "экземпляре", "экземплярах"),
    )
    rows = []
    for letter in act["letters"]:
        note = letter.get("note") or ""
        ref = w["journal_ref"].format(n=letter["journal_number"])
        rows.append(
            [
                str(letter["position"]),
                letter.get("from_whom") or w["anonymous"],
                letter.get("return_address") or "—",
                f"{note}\n({ref})" if note else f"({ref})",
            ]
        )
    return {
        "intro": w["intro"].format(
            date=_long_date(when, lang), h=f"{when.hour:02d}", m=f"{when.minute:02d}"
        ),
        "findings": f"{w['found']} " + "; ".join(findings) + ".",
        "damage": w["damage"].format(text=act["damage"]) if act.get("damage") else "",
        "rows": rows or [["—", w["no_letters"], "", ""]],
        "resealed": w["resealed"].format(seal=act["seal_applied"]),
        "sheets": sheets,
        "signature_groups": _signature_groups(act["signers"], w),
    }


def _signature_groups(signers: list[dict], w: dict) -> list[tuple[str, list[dict]]]:
    groups = []
    for role, label in (
        ("member", w["members"]),
        ("chair", w["chair"]),
        ("director", w["director"]),
    ):
        people = [s for s in signers if s["role"] == role]
        if people:
            groups.append((label, people))
    return groups


# -- the act: PDF ----------------------------------------------------------------------------

ACT_WIDTHS = (13, 45, 64, 58)


def act_pdf(act: dict, lang: str) -> bytes:
    """Appendix 1 laid out as the school's paper act: title, text, the list, signatures."""
    w = WORDS[lang]
    t = act_texts(act, lang)
    pdf = Document(
        f"{w['act_short']} {w['number'].format(n=act['number'])} — {act['school']}",
        lang=lang,
        page_label=w["page"],
        running_head=f"{act['school']} · {w['act_short']} {w['number'].format(n=act['number'])}",
        margin=18,
    )
    pdf.add_page()
    pdf.set_text_color(90)
    pdf.paragraph(f"{w['appendix']}\n{w['confidential']}", size=9, align="R")
    pdf.set_text_color(0)
    pdf.paragraph(act["school"], size=11, align="C", bold=True)
    pdf.ln(2)
    pdf.heading(w["act_title"], level=2, align="C")
    pdf.set_font("DejaVu", "", 11)
    pdf.cell(pdf.epw / 2, 6, w["number"].format(n=act["number"]))
    pdf.cell(pdf.epw / 2, 6, act["opened_at"].strftime("%d.%m.%Y"), align="R")
    pdf.ln(10)
    pdf.paragraph(t["intro"], align="J")
    pdf.paragraph(t["findings"], align="J")
    if t["damage"]:
        pdf.paragraph(t["damage"], align="J", bold=True)
    pdf.paragraph(w["list"], bold=True)
    pdf.table(w["columns"], t["rows"], ACT_WIDTHS, size=10, align=("C", "L", "L", "L"))
    pdf.ln(4)
    pdf.paragraph(t["resealed"], align="J")
    pdf.paragraph(t["sheets"])
    for label, people in t["signature_groups"]:
        _pdf_signatures(pdf, label, people, w)
    return pdf.pdf_bytes()


def _pdf_signatures(pdf: Document, label: str, people: list[dict], w: dict):
    """A group label, then for each person a line to sign on with the name under it and, once
    signed electronically, the date and time beside the name. Kept together on one page."""
    lh = 5.5
    needed = 8 + len(people) * 13.5
    if pdf.y + needed > pdf.page_break_trigger:
        pdf.add_page()
    pdf.ln(2)
    pdf.set_font("DejaVu", "B", 11)
    pdf.cell(0, lh, label, new_x="LMARGIN", new_y="NEXT")
    for person in people:
        pdf.ln(4)
        line_from = pdf.l_margin + pdf.epw * 0.45
        base = pdf.y + lh
        pdf.set_font("DejaVu", "", 11)
        pdf.set_x(pdf.l_margin)
        pdf.cell(pdf.epw * 0.43, lh, person["name"] or "", new_x="LMARGIN", new_y="NEXT")
        pdf.line(line_from, base, pdf.l_margin + pdf.epw, base)
        pdf.set_font("DejaVu", "", 7)
        pdf.set_text_color(90)
        pdf.set_x(line_from)
        note = w["signed"].format(when=_stamp(person["signed_at"])) if person["signed_at"] else ""
        pdf.cell(pdf.epw * 0.35, 4, note)
        pdf.cell(pdf.epw * 0.2, 4, w["signature"], align="R", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0)
    pdf.set_font("DejaVu", "", 11)


# -- the act: DOCX ---------------------------------------------------------------------------


TEXT_WIDTH = Mm(170)  # A4 minus the 20 mm margins of docx_document()


def act_docx(act: dict, lang: str) -> bytes:
    """The same act as an editable Word document (schools often retype and stamp it)."""
    w = WORDS[lang]
    t = act_texts(act, lang)
    document = docx_document(f"{w['act_short']} {w['number'].format(n=act['number'])}")
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)

    def para(text="", *, bold=False, align=None, size=None, grey=False, after=6):
        p = document.add_paragraph()
        run = p.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        if grey:
            run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
        if align:
            p.alignment = align
        p.paragraph_format.space_after = Pt(after)
        return p

    para(f"{w['appendix']}\n{w['confidential']}", align=WD_ALIGN_PARAGRAPH.RIGHT, size=9, grey=True)
    para(act["school"], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(w["act_title"], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, size=14, after=12)
    heading = para(f"{w['number'].format(n=act['number'])}\t{act['opened_at']:%d.%m.%Y}", after=12)
    heading.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    para(t["intro"], align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    para(t["findings"], align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    if t["damage"]:
        para(t["damage"], bold=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    para(w["list"], bold=True)
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, title in zip(table.rows[0].cells, w["columns"], strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(title)
        run.bold = True
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for row in t["rows"]:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    for row in table.rows:
        for cell, width in zip(row.cells, (12, 45, 60, 53), strict=True):
            cell.width = Mm(width)
    para("", after=2)
    para(t["resealed"], align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    para(t["sheets"], after=12)
    for label, people in t["signature_groups"]:
        para(label, bold=True, after=2)
        for person in people:
            # The name, then a line drawn by a tab leader from 85 mm to the right margin.
            p = para(f"{person['name'] or ''}\t\t", after=0)
            p.paragraph_format.space_before = Pt(14)
            stops = p.paragraph_format.tab_stops
            stops.add_tab_stop(Mm(85), WD_TAB_ALIGNMENT.LEFT)
            stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.LINES)
            if person["signed_at"]:
                note = para(w["signed"].format(when=_stamp(person["signed_at"])), size=8, grey=True)
                note.paragraph_format.left_indent = Mm(85)
    return save_bytes(document)


# -- the journal of box openings -------------------------------------------------------------

JOURNAL_WIDTHS = (10, 80, 38, 62)


def journal_cells(row: dict, lang: str) -> list[str]:
    """One opening as the four columns of the paper journal."""
    w = WORDS[lang]
    when = row["opened_at"]
    actions = [
        w["opened"].format(date=when.strftime("%d.%m.%Y"), time=when.strftime("%H:%M")),
        w["j_box_damaged"] if row["box_damaged"] else w["j_box_intact"],
        (w["j_seal_damaged"] if row["seal_damaged"] else w["j_seal_intact"]).format(
            seal=row["seal_removed"]
        ),
    ]
    if row.get("damage"):
        actions.append(w["j_damage"].format(text=row["damage"]))
    actions.append(w["j_resealed"].format(seal=row["seal_applied"]))
    actions.append(w["j_act"].format(sheets=row["sheets"], copies=row["copies"]))
    if row["appeal_numbers"]:
        numbers = ", ".join(str(n) for n in row["appeal_numbers"])
        appeals = (
            w["j_appeals"].format(n=len(row["appeal_numbers"]))
            + "\n("
            + w["j_journal_numbers"].format(numbers=numbers)
            + ")"
        )
    elif row["found"]:
        appeals = w["j_appeals"].format(n=0)
    else:
        appeals = w["j_no_appeals"]
    # The journal's last column is the commission members' signatures (not the director's).
    signatures = "\n".join(
        f"{s['name']}\n{w['j_signed'].format(when=s['signed_at'].strftime('%d.%m.%Y'))}"
        if s["signed_at"]
        else f"{s['name']}\n____________"
        for s in row["signers"]
        if s["role"] != "director"
    )
    return [str(row["number"]), "\n".join(actions), appeals, signatures]


def journal_pdf(school: str, rows: list[dict], lang: str) -> bytes:
    w = WORDS[lang]
    pdf = Document(
        f"{w['journal']} — {school}",
        lang=lang,
        page_label=w["page"],
        running_head=f"{school} · {w['journal']}",
        margin=15,
    )
    pdf.add_page()
    pdf.paragraph(school, size=11, align="C", bold=True)
    pdf.heading(w["journal"].upper(), level=2, align="C")
    table_rows = [journal_cells(r, lang) for r in rows]
    pdf.table(w["journal_columns"], table_rows, JOURNAL_WIDTHS, size=9, align=("C", "L", "L", "L"))
    if not rows:
        pdf.ln(6)
        pdf.paragraph(w["empty"], align="C")
    pdf.ln(3)
    pdf.set_text_color(90)
    pdf.paragraph(w["j_after"], size=9)
    pdf.set_text_color(0)
    return pdf.pdf_bytes()


def journal_xlsx(school: str, rows: list[dict], lang: str) -> bytes:
    """One row per opening; the date and time as a real date, damaged ones filled red."""
    w = WORDS[lang]
    workbook = xlsx_workbook(w["journal"])
    sheet = workbook.active
    sheet.title = w["sheet"]
    sheet["A1"] = f"{school} — {w['journal']}"
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(w["x_columns"]))
    head = 3
    for col, title in enumerate(w["x_columns"], start=1):
        cell = sheet.cell(row=head, column=col, value=title)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    wrap = Alignment(wrap_text=True, vertical="top")
    red = PatternFill("solid", fgColor="FDE8E8")
    for i, row in enumerate(rows, start=head + 1):
        number, actions, appeals, signatures = journal_cells(row, lang)
        damaged = row["box_damaged"] or row["seal_damaged"]
        values = (
            row["number"],
            row["opened_at"].replace(tzinfo=None),
            actions,
            appeals,
            signatures,
            w["yes"] if damaged else "",
        )
        for col, value in enumerate(values, start=1):
            cell = sheet.cell(row=i, column=col, value=value)
            cell.alignment = wrap
            if damaged:
                cell.fill = red
        sheet.cell(row=i, column=2).number_format = "DD.MM.YYYY HH:MM"
    for col, width in enumerate((7, 18, 60, 28, 40, 12), start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.freeze_panes = sheet.cell(row=head + 1, column=1)
    last = get_column_letter(len(w["x_columns"]))
    sheet.auto_filter.ref = f"A{head}:{last}{max(head, head + len(rows))}"
    return save_bytes(workbook)
