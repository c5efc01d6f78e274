"""The minutes (протокол) of a commission meeting, printable (PDF) and editable (DOCX).

`minutes_data` gathers plain data from a meeting (the minutes' text already opened by the
view); the two renderers are pure functions of that data. The words are the regulations' own,
in Kyrgyz and Russian (GLOSSARY.md); `lang` is "ky" or "ru"."""

from django.utils import timezone

from commission.models import CommissionMember, Meeting
from ishenim.documents import Document, docx_document, save_bytes

WORDS = {
    "ky": {
        "title": "ПРОТОКОЛ № {number}",
        "subtitle": "Ишеним почтасы боюнча комиссиянын жыйналышынын протоколу",
        "date": "Жыйналыштын датасы:",
        "kind": "Жыйналыштын түрү:",
        "order": "Комиссия дайындалган буйрук: № {number}, {date}",
        "present": "Катышкандар:",
        "absent": "Катышпагандар:",
        "agenda": "Күн тартиби:",
        "decisions": "Чечимдер:",
        "text": "Жыйналыштын жүрүшү:",
        "signatures": "Комиссиянын мүчөлөрүнүн колдору:",
        "electronic": "электрондук кол коюлду {at}",
        "paper": "басылган нускага кол коёт",
        "final": "Протоколго комиссиянын бардык мүчөлөрү кол койду.",
        "draft": "Протоколго азырынча бардык мүчөлөр кол коюшкан жок.",
        "page": "Бет {n} / {total}",
        "confidential": "Купуя маалымат",
        "none": "—",
        "kinds": {
            Meeting.FIRST: "биринчи жыйналыш (төрага жана катчыны шайлоо)",
            Meeting.REGULAR: "кезектеги жыйналыш",
            Meeting.WEEKLY_REVIEW: "кайрылууларды жумалык кароо",
            Meeting.QUARTERLY_REPORT: "кварталдык аналитикалык отчетту талкуулоо",
        },
        "positions": {
            CommissionMember.CHAIR: "Төрага",
            CommissionMember.SECRETARY: "Катчы",
            CommissionMember.MEMBER: "Мүчө",
        },
        "roles": {
            CommissionMember.SOCIAL_PEDAGOGUE: "социалдык педагог",
            CommissionMember.DEPUTY: "директордун тарбия иштери боюнча орун басары",
            CommissionMember.TEACHER: "мугалим",
            CommissionMember.PARENTS_REP: "ата-энелер коомчулугунун өкүлү",
            CommissionMember.UNION_REP: "профсоюздун өкүлү",
            CommissionMember.PSYCHOLOGIST: "психолог",
            CommissionMember.OTHER: "башка",
        },
    },
    "ru": {
        "title": "ПРОТОКОЛ № {number}",
        "subtitle": "Протокол заседания комиссии по работе почты доверия",
        "date": "Дата заседания:",
        "kind": "Вид заседания:",
        "order": "Комиссия назначена приказом № {number} от {date}",
        "present": "Присутствовали:",
        "absent": "Отсутствовали:",
        "agenda": "Повестка дня:",
        "decisions": "Решения:",
        "text": "Ход заседания:",
        "signatures": "Подписи членов комиссии:",
        "electronic": "подписано электронно {at}",
        "paper": "подписывает бумажный экземпляр",
        "final": "Протокол подписан всеми членами комиссии.",
        "draft": "Протокол подписан ещё не всеми членами комиссии.",
        "page": "Стр. {n} из {total}",
        "confidential": "Конфиденциально",
        "none": "—",
        "kinds": {
            Meeting.FIRST: "первое заседание (выборы председателя и секретаря)",
            Meeting.REGULAR: "очередное заседание",
            Meeting.WEEKLY_REVIEW: "еженедельное рассмотрение обращений",
            Meeting.QUARTERLY_REPORT: "обсуждение квартального аналитического отчёта",
        },
        "positions": {
            CommissionMember.CHAIR: "Председатель",
            CommissionMember.SECRETARY: "Секретарь",
            CommissionMember.MEMBER: "Член комиссии",
        },
        "roles": {
            CommissionMember.SOCIAL_PEDAGOGUE: "социальный педагог",
            CommissionMember.DEPUTY: "заместитель директора по воспитательной работе",
            CommissionMember.TEACHER: "учитель",
            CommissionMember.PARENTS_REP: "представитель родительской общественности",
            CommissionMember.UNION_REP: "представитель профсоюза",
            CommissionMember.PSYCHOLOGIST: "психолог",
            CommissionMember.OTHER: "другое",
        },
    },
}

POSITION_ORDER = {CommissionMember.CHAIR: 0, CommissionMember.SECRETARY: 1}


def minutes_data(meeting, text, lang):
    """Plain data for the renderers; `text` is the opened minutes' text."""
    school = meeting.school
    present = set(meeting.attendance.values_list("pk", flat=True))
    signatures = {s.member_id: s for s in meeting.signatures.all()}
    members = sorted(
        meeting.commission.members.all(), key=lambda m: (POSITION_ORDER.get(m.position, 2), m.pk)
    )
    rows = []
    for m in members:
        s = signatures.get(m.pk)
        rows.append(
            {
                "name": m.full_name,
                "role": m.role,
                "position": m.position,
                "present": m.pk in present,
                "how": s.how if s else "",
                "at": timezone.localtime(s.signed_at) if s else None,
            }
        )
    return {
        "school": school.name_ru if lang == "ru" else school.name_ky,
        "number": meeting.number or meeting.pk,
        "held_on": meeting.held_on,
        "kind": meeting.kind,
        "order_number": meeting.commission.order_number,
        "order_date": meeting.commission.order_date,
        "members": rows,
        "agenda": meeting.agenda,
        "decisions": meeting.decisions,
        "text": text,
        "final": meeting.is_final,
    }


def _person(w, m):
    return f"{m['name']} ({w['roles'].get(m['role'], m['role'])})"


def _signature_note(w, m):
    if m["how"] == "electronic":
        return w["electronic"].format(at=m["at"].strftime("%d.%m.%Y %H:%M"))
    if m["how"] == "paper":
        return w["paper"]
    return ""


def _sections(w, data):
    present = [_person(w, m) for m in data["members"] if m["present"]]
    absent = [_person(w, m) for m in data["members"] if not m["present"]]
    out = [(w["present"], "\n".join(present) or w["none"])]
    if absent:
        out.append((w["absent"], "\n".join(absent)))
    out += [
        (w["agenda"], data["agenda"] or w["none"]),
        (w["text"], data["text"] or w["none"]),
        (w["decisions"], data["decisions"] or w["none"]),
    ]
    return out


def minutes_pdf(data, lang):
    w = WORDS[lang]
    title = w["title"].format(number=data["number"])
    pdf = Document(
        f"{title} — {data['school']}",
        lang=lang,
        page_label=w["page"],
        running_head=f"{data['school']} · {title} · {data['held_on']:%d.%m.%Y}",
    )
    pdf.add_page()
    pdf.set_text_color(110)
    pdf.paragraph(w["confidential"].upper(), size=9, align="R")
    pdf.set_text_color(0)
    pdf.paragraph(data["school"], size=13, align="C", bold=True)
    pdf.ln(2)
    pdf.heading(title, level=1, align="C")
    pdf.paragraph(w["subtitle"], size=12, align="C")
    pdf.ln(3)
    pdf.paragraph(f"{w['date']}  {data['held_on']:%d.%m.%Y}")
    pdf.paragraph(f"{w['kind']}  {w['kinds'][data['kind']]}")
    pdf.paragraph(
        w["order"].format(number=data["order_number"], date=f"{data['order_date']:%d.%m.%Y}")
    )
    for label, body in _sections(w, data):
        pdf.ln(1)
        pdf.paragraph(label, size=12, bold=True)
        pdf.paragraph(body)
    # The signatures stay together on one page, with the heading above them.
    needed = 12 + 17 * len(data["members"]) + 10
    if pdf.y + needed > pdf.page_break_trigger and needed < pdf.page_break_trigger - pdf.t_margin:
        pdf.add_page()
    pdf.ln(3)
    pdf.paragraph(w["signatures"], size=12, bold=True)
    for m in data["members"]:
        position = w["positions"].get(m["position"], w["positions"][""])
        pdf.signature_lines([f"{position}: {m['name']}"], gap=7)
        note = _signature_note(w, m)
        if note:
            pdf.set_text_color(80)
            pdf.paragraph(note, size=9, align="R")
            pdf.set_text_color(0)
    pdf.ln(4)
    pdf.set_text_color(80)
    pdf.paragraph(w["final"] if data["final"] else w["draft"], size=9)
    pdf.set_text_color(0)
    return pdf.pdf_bytes()


def minutes_docx(data, lang):
    w = WORDS[lang]
    title = w["title"].format(number=data["number"])
    document = docx_document(f"{title} — {data['school']}")
    document.add_paragraph(data["school"]).alignment = 1
    document.add_heading(title, level=1).alignment = 1
    document.add_paragraph(w["subtitle"]).alignment = 1
    document.add_paragraph(f"{w['date']} {data['held_on']:%d.%m.%Y}")
    document.add_paragraph(f"{w['kind']} {w['kinds'][data['kind']]}")
    document.add_paragraph(
        w["order"].format(number=data["order_number"], date=f"{data['order_date']:%d.%m.%Y}")
    )
    for label, body in _sections(w, data):
        document.add_heading(label, level=2)
        for line in body.splitlines() or [""]:
            document.add_paragraph(line)
    document.add_heading(w["signatures"], level=2)
    table = document.add_table(rows=0, cols=3)
    for m in data["members"]:
        cells = table.add_row().cells
        cells[0].text = w["positions"].get(m["position"], w["positions"][""])
        cells[1].text = m["name"]
        cells[2].text = _signature_note(w, m) or "______________________"
    document.add_paragraph()
    document.add_paragraph(w["final"] if data["final"] else w["draft"])
    return save_bytes(document)
