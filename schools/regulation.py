"""The school's regulation in words: the lines on the settings page and the printed regulation
the director signs, made from the school's own switches (schools.models.Regulation), in
Kyrgyz and Russian. The printed text follows the two regulations' own wording (seeds)."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ishenim.documents import Document
from schools.models import Regulation


def describe(rules):
    """The rules as translated sentences for the settings page (no internal codes)."""
    lines = [
        ngettext(
            "An answer within %(n)d working day.",
            "An answer within %(n)d working days.",
            rules.answer_days,
        )
        % {"n": rules.answer_days}
    ]
    if rules.commission_rule == Regulation.THREE:
        lines.append(
            _(
                "A commission of three: the social pedagogue, the deputy director for "
                "upbringing and the trade-union representative."
            )
        )
    elif rules.commission_rule == Regulation.ODD_WITH_PARENT:
        lines.append(
            _(
                "A commission by the head's order, odd in number, with a parents' "
                "representative and one member responsible for appeals."
            )
        )
    else:
        lines.append(_("No rule on the commission's composition."))
    if rules.weekly_collection:
        lines.append(_("Letters are taken out once a week and read together on the review day."))
    if rules.meetings_per_half_year:
        lines.append(
            ngettext(
                "At least %(n)d meeting per half-year, minutes signed by all members.",
                "At least %(n)d meetings per half-year, minutes signed by all members.",
                rules.meetings_per_half_year,
            )
            % {"n": rules.meetings_per_half_year}
        )
    if rules.elect_chair_and_secretary:
        lines.append(_("The first meeting elects a chair and a secretary by open vote."))
    if rules.quarterly_report:
        lines.append(
            _("A quarterly analytical report by the %(day)d day of the month.")
            % {"day": rules.report_day}
        )
    if rules.removal_act:
        lines.append(_("An act of removal at each opening of the box."))
    if rules.seal_and_openings_journal:
        lines.append(_("The box sealed after each opening; the journal of openings."))
    return lines


WORDS = {
    "ky": {
        "approve": "БЕКИТЕМИН",
        "director": "Мектептин директору",
        "date_line": "«___» ____________ 20___ ж.",
        "title": "Ишеним почтасынын иштөө тартиби жөнүндө\nЖОБО",
        "in_force": "Күчүнө кирген күнү: {date}",
        "page": "Бет {n} / {total}",
        "general": "1. Жалпы жоболор",
        "general_1": "1.1. Бул жобо {school} окуучулардын, алардын ата-энелеринин (мыйзамдуу "
        "өкүлдөрүнүн) жана мугалимдердин жазуу жүзүндөгү кайрылууларын Ишеним почтасы аркылуу "
        "кабыл алуу жана кароо тартибин аныктайт.",
        "general_2": "1.2. Кайрылуу кол тамга жана дарек маалыматтары менен же анонимдүү болушу "
        "мүмкүн. Кайрылуу мектептеги кутучага кагаз түрүндө же «Ишеним» сайты аркылуу "
        "онлайн жөнөтүлөт.",
        "general_3": "1.3. Максаты — балдардын укуктарын коргоо, кыйын социалдык абалды, "
        "зомбулук жана катаал мамиле учурларын эрте аныктоо, психологиялык жана социалдык "
        "жардам көрсөтүү.",
        "receiving": "2. Кайрылууларды кабыл алуу",
        "weekly": "2.{n}. Кутучадагы каттарды жооптуу адам (социалдык педагог) жумасына бир жолу "
        "алат. Кутучанын ачкычы социалдык педагогдо сакталат.",
        "opening": "2.{n}. Кутучаны комиссия ачат.",
        "act": "2.{n}. Кутучада кайрылуулар болсо, кайрылууларды алып коюу актысы түзүлөт "
        "(1-тиркеме).",
        "seal": "2.{n}. Ар бир ачуудан кийин кутуча катышкандардын көзүнчө пломбаланат жана "
        "«Кутуну ачуу журналына» жазуу киргизилет.",
        "register": "2.{n}. Ар бир кайрылуу «Ишеним почтасы аркылуу келип түшкөн кайрылууларды "
        "каттоо журналына» катталат; жооп журналдагы катар номери берилгенден кийин гана "
        "берилет.",
        "answering": "3. Жооп берүү",
        "answer_days": "3.1. Кайрылууга ал келип түшкөн күндөн тартып {n} жумушчу күндүн ичинде "
        "жооп берилет.",
        "answer_how": "3.2. Кол коюлган кайрылууга жеке сүйлөшүүдө же электрондук почта аркылуу "
        "жооп берилет; анонимдүү кайрылууга — кутучанын жанындагы стендде жана кайрылуунун коду "
        "менен сайтта жооп берилет.",
        "commission": "4. Комиссия",
        "three": "4.{n}. Каттарды кароо үчүн үч кишиден турган комиссия түзүлөт: социалдык "
        "педагог, директордун тарбия иштери боюнча орун басары жана профсоюздун өкүлү.",
        "odd": "4.{n}. Комиссия мектеп жетекчисинин буйругу менен дайындалат; анын курамына "
        "ата-энелер коомчулугунун өкүлү кирет; мүчөлөрүнүн саны так болот. Буйрук менен бир "
        "мүчө кайрылууларды чогултуу жана кароо боюнча жооптуу болуп дайындалат.",
        "any": "4.{n}. Комиссиянын курамы мектеп жетекчисинин буйругу менен бекитилет.",
        "review": "4.{n}. Комиссия жуманын {day} күнү каттарды чогуу окуйт, талдайт, "
        "тыянак чыгарат; көйгөйү бар балдарга моралдык же материалдык жардам көрсөтүлөт.",
        "meetings": "4.{n}. Комиссиянын жыйналыштары зарылчылыкка жараша, бирок жарым жылда "
        "{count} жолудан кем эмес өткөрүлөт. Протокол жүргүзүлөт жана ага бардык мүчөлөр кол "
        "коёт.",
        "elect": "4.{n}. Комиссия биринчи жыйналышында ачык добуш берүү менен төрага жана "
        "катчыны шайлайт.",
        "report": "4.{n}. Жооптуу адам ар бир чейрек сайын, айдын {day}-күнүнө чейин, кутуча "
        "аркылуу келген билдирүүлөр боюнча аналитикалык отчет даярдайт; отчет жыйналышта "
        "талкууланат.",
        "records": "5. Иш кагаздары жана купуялуулук",
        "records_1": "5.1. Каттоо журналына ар бир кайрылуунун катар номери, кабыл алынган "
        "датасы, арыз ээсинин аты-жөнү жана жашы (же «анонимдүү»), дареги жана телефону, "
        "кыскача мазмуну, жооптун датасы жана көрүлгөн чаралар жазылат. Окуу жылынын аягында "
        "журнал жабылат.",
        "records_2": "5.2. Кутучадан келген маалымат менен иштеген кызмат адамдары анын "
        "купуялуулугун сактоо үчүн жеке жооптуу. Кайрылуулардын мазмуну шифрленип сакталат.",
        "records_kept": "5.3. Сакталуучу иш кагаздары: {items}.",
        "kept_journal": "кайрылууларды каттоо журналы",
        "kept_minutes": "комиссиянын жыйналыштарынын протоколдору",
        "kept_openings": "кутуну ачуу журналы",
        "kept_acts": "алып коюу актылары",
        "kept_reports": "чейректик аналитикалык отчеттор",
        "mailbox": "5.4. Ишеним почтасы жыл бою кайрылууларды кабыл алат; каникул учурунда "
        "кезметчи адам шашылыш кайрылуулар тууралуу кабар алат.",
        "contacts": "6. Байланыштар жана жардам телефондору",
        "school_contacts": "Мектеп: {line}",
        "help": "Жардам телефондору (акысыз):",
        "sign": "Директор:",
        "weekdays": [
            "биринчи (дүйшөмбү)",
            "экинчи (шейшемби)",
            "үчүнчү (шаршемби)",
            "төртүнчү (бейшемби)",
            "бешинчи (жума)",
            "алтынчы (ишемби)",
            "жетинчи (жекшемби)",
        ],
    },
    "ru": {
        "approve": "УТВЕРЖДАЮ",
        "director": "Директор школы",
        "date_line": "«___» ____________ 20___ г.",
        "title": "ПОЛОЖЕНИЕ\nо работе почты доверия",
        "in_force": "Действует с {date}",
        "page": "Стр. {n} из {total}",
        "general": "1. Общие положения",
        "general_1": "1.1. Настоящее положение определяет порядок приёма и рассмотрения "
        "письменных обращений учащихся, их родителей (законных представителей) и учителей, "
        "поступающих через почту доверия, в учреждении: {school}.",
        "general_2": "1.2. Обращение может быть подписанным, с контактными данными, или "
        "анонимным. Обращение опускается в ящик в школе на бумаге или отправляется через сайт "
        "«Ишеним».",
        "general_3": "1.3. Цель — защита прав детей, раннее выявление трудных социальных "
        "ситуаций, случаев насилия и жестокого обращения, психологическая и социальная помощь.",
        "receiving": "2. Приём обращений",
        "weekly": "2.{n}. Письма из ящика изымает ответственное лицо (социальный педагог) "
        "один раз в неделю. Ключи от ящика хранятся у социального педагога.",
        "opening": "2.{n}. Ящик вскрывает комиссия.",
        "act": "2.{n}. При наличии обращений составляется акт изъятия обращений (приложение 1).",
        "seal": "2.{n}. После каждого вскрытия ящик пломбируется в присутствии всех "
        "присутствующих, и делается запись в «Журнале вскрытия ящика доверия».",
        "register": "2.{n}. Каждое обращение регистрируется в «Журнале учёта обращений, "
        "поступивших через почту доверия»; ответ даётся только после присвоения порядкового "
        "номера.",
        "answering": "3. Ответ на обращение",
        "answer_days": "3.1. Ответ даётся в течение {n} рабочих дней со дня поступления обращения.",
        "answer_how": "3.2. На подписанное обращение отвечают лично или по электронной почте; "
        "на анонимное — на стенде рядом с ящиком и на сайте по коду обращения.",
        "commission": "4. Комиссия",
        "three": "4.{n}. Для рассмотрения писем создаётся комиссия из трёх человек: социальный "
        "педагог, заместитель директора по воспитательной работе и представитель профсоюза.",
        "odd": "4.{n}. Комиссия назначается приказом руководителя школы; в её состав входит "
        "представитель родительской общественности; число членов нечётное. Приказом один член "
        "назначается ответственным за сбор и рассмотрение обращений.",
        "any": "4.{n}. Состав комиссии утверждается приказом руководителя школы.",
        "review": "4.{n}. В {day} день недели комиссия вместе читает письма, анализирует их, "
        "делает выводы; детям с проблемами оказывается моральная или материальная помощь.",
        "meetings": "4.{n}. Заседания комиссии проводятся по мере необходимости, но не реже "
        "{count} раз в полугодие. Ведётся протокол, который подписывают все члены комиссии.",
        "elect": "4.{n}. На первом заседании комиссия открытым голосованием избирает "
        "председателя и секретаря.",
        "report": "4.{n}. Ответственное лицо ежеквартально, до {day}-го числа месяца, готовит "
        "аналитический отчёт о сообщениях, поступивших через ящик; отчёт обсуждается на "
        "заседании.",
        "records": "5. Делопроизводство и конфиденциальность",
        "records_1": "5.1. В журнал учёта заносятся порядковый номер обращения, дата получения, "
        "ФИО и возраст заявителя (или «анонимно»), адрес и телефон, краткое содержание, дата "
        "ответа и принятые меры. В конце учебного года журнал закрывается.",
        "records_2": "5.2. Должностные лица, работающие с информацией из ящика, несут "
        "персональную ответственность за её конфиденциальность. Содержание обращений хранится "
        "в зашифрованном виде.",
        "records_kept": "5.3. Хранимые документы: {items}.",
        "kept_journal": "журнал учёта обращений",
        "kept_minutes": "протоколы заседаний комиссии",
        "kept_openings": "журнал вскрытия ящика",
        "kept_acts": "акты изъятия",
        "kept_reports": "ежеквартальные аналитические отчёты",
        "mailbox": "5.4. Почта доверия принимает обращения круглый год; в каникулы дежурный "
        "получает оповещения о срочных обращениях.",
        "contacts": "6. Контакты и телефоны доверия",
        "school_contacts": "Школа: {line}",
        "help": "Телефоны доверия (бесплатно):",
        "sign": "Директор:",
        "weekdays": [
            "первый (понедельник)",
            "второй (вторник)",
            "третий (среда)",
            "четвёртый (четверг)",
            "пятый (пятница)",
            "шестой (суббота)",
            "седьмой (воскресенье)",
        ],
    },
}


def regulation_text(school, rules, lang, starts_on=None):
    """The regulation as (heading, [paragraphs]) sections, from the school's switches."""
    w = WORDS[lang]
    name = school.name_ru if lang == "ru" else school.name_ky
    sections = [(w["general"], [w[f"general_{i}"].format(school=name) for i in (1, 2, 3)])]

    receiving, n = [], 0
    for key, on in (
        ("weekly", rules.weekly_collection),
        ("opening", not rules.weekly_collection),
        ("act", rules.removal_act),
        ("seal", rules.seal_and_openings_journal),
        ("register", True),
    ):
        if on:
            n += 1
            receiving.append(w[key].format(n=n))
    sections.append((w["receiving"], receiving))
    sections.append(
        (w["answering"], [w["answer_days"].format(n=rules.answer_days), w["answer_how"]])
    )

    composition = {
        Regulation.THREE: "three",
        Regulation.ODD_WITH_PARENT: "odd",
    }.get(rules.commission_rule, "any")
    commission, n = [], 0
    for key, on, values in (
        (composition, True, {}),
        ("review", rules.weekly_collection, {"day": w["weekdays"][school.review_weekday]}),
        ("meetings", rules.meetings_per_half_year > 0, {"count": rules.meetings_per_half_year}),
        ("elect", rules.elect_chair_and_secretary, {}),
        ("report", rules.quarterly_report, {"day": rules.report_day}),
    ):
        if on:
            n += 1
            commission.append(w[key].format(n=n, **values))
    sections.append((w["commission"], commission))

    kept = [w["kept_journal"]]
    if rules.meetings_per_half_year or rules.elect_chair_and_secretary:
        kept.append(w["kept_minutes"])
    if rules.seal_and_openings_journal:
        kept.append(w["kept_openings"])
    if rules.removal_act:
        kept.append(w["kept_acts"])
    if rules.quarterly_report:
        kept.append(w["kept_reports"])
    sections.append(
        (
            w["records"],
            [
                w["records_1"],
                w["records_2"],
                w["records_kept"].format(items=", ".join(kept)),
                w["mailbox"],
            ],
        )
    )
    return sections


def regulation_pdf(school, rules, lang, *, help_lines, starts_on=None) -> bytes:
    """The regulation ready for the director's signature, with contacts and help lines."""
    w = WORDS[lang]
    name = school.name_ru if lang == "ru" else school.name_ky
    title = w["title"].replace("\n", " ")
    pdf = Document(title, lang=lang, page_label=w["page"], running_head=f"{name} — {title}")
    pdf.add_page()
    # The approval block, top right, as on the school's own regulation.
    for line in (w["approve"], w["director"], "____________ / ____________", w["date_line"]):
        pdf.set_x(pdf.w - pdf.r_margin - 80)
        pdf.multi_cell(80, 6, line, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.heading(w["title"], 1, align="C")
    pdf.paragraph(name, 12, align="C", bold=True)
    if starts_on:
        pdf.paragraph(w["in_force"].format(date=starts_on.strftime("%d.%m.%Y")), 10, align="C")
    for heading, paragraphs in regulation_text(school, rules, lang, starts_on):
        pdf.heading(heading, 3)
        for text in paragraphs:
            pdf.paragraph(text, 11, align="J")
    pdf.heading(w["contacts"], 3)
    school_line = ", ".join(x for x in (school.address, school.phone, school.email) if x)
    if school_line:
        pdf.paragraph(w["school_contacts"].format(line=school_line))
    for contact in school.contacts.all():
        title_ = contact.title_ru if lang == "ru" else contact.title_ky
        pdf.paragraph(f"{title_}: {contact.phone}")
    pdf.paragraph(w["help"], bold=True)
    for number, label in help_lines:
        pdf.paragraph(f"{number} — {label}")
    pdf.signature_lines([w["sign"]])
    return pdf.pdf_bytes()


DATA_SHEET = {
    "ky": {
        "title": "Жеке маалыматтар боюнча маалымдама",
        "sub": "«Жеке мүнөздөгү маалымат жөнүндө» Мыйзамга (№ 58) ылайык, Ишеним почтасы",
        "page": "Бет {n} / {total}",
        "columns": ("Эмне сакталат", "Кайда", "Канча убакыт", "Ким көрөт"),
        "rows": [
            (
                "Каттын тексти, тиркемелер, жооптор",
                "Мектептин серверинде, мектептин ачкычы менен шифрленген",
                "Окуу жылынын журналы жабылгандан кийин {years} окуу жылы; андан кийин өчүрүлөт",
                "Мектептин ачкычы бар жооптуу адам жана комиссиянын мүчөлөрү",
            ),
            (
                "Арыз ээсинин аты-жөнү, жашы, дареги, телефону (эгер берилсе)",
                "Ошол эле жерде, шифрленген",
                "Журналдын катары менен бирге сакталат",
                "Мектептин ачкычы бар кызматкерлер",
            ),
            (
                "Журналдын катары: номер, даталар, кыскача мазмуну, көрүлгөн чаралар",
                "Ошол эле жерде; жабылган жылдын басылган журналы шифрленип бекитилет",
                "Туруктуу (иш кагаздары катары)",
                "Мектептин ачкычы бар кызматкерлер",
            ),
            (
                "Статистика: категория, шашылыштык, статус (аты-жөнүсүз)",
                "Ошол эле жерде, ачык",
                "Туруктуу",
                "Мектептин кызматкерлери, райондун адиси (кичине сандар жашырылат)",
            ),
            (
                "Аудит журналы: ким, качан, эмне кылды (тексти жок)",
                "Ошол эле жерде, өзгөртүлбөйт",
                "Туруктуу",
                "Администратор, директор",
            ),
        ],
        "author": "Арыз ээси кайрылуунун коду менен өз катын жана жоопторду жүктөп ала алат же өз "
        "сөздөрүн өчүрө алат. Полицияга, ИДНге же социалдык коргоого жөнөтүлгөн каттар иш "
        "бүткөнгө чейин сакталат. IP дарек сакталбайт.",
        "operator": "Маалыматтарды иштетүүчү: {school}. Байланыш: {contact}",
        "sign": "Директор:",
    },
    "ru": {
        "title": "Справка о персональных данных",
        "sub": "Почта доверия, по Закону «Об информации персонального характера» (№ 58)",
        "page": "Стр. {n} из {total}",
        "columns": ("Что хранится", "Где", "Сколько", "Кто видит"),
        "rows": [
            (
                "Текст письма, вложения, ответы",
                "На сервере школы, зашифровано ключом школы",
                "{years} учебных года после закрытия журнала учебного года; затем удаляется",
                "Ответственное лицо и члены комиссии, у которых есть ключ школы",
            ),
            (
                "ФИО, возраст, адрес, телефон заявителя (если указаны)",
                "Там же, зашифровано",
                "Хранятся вместе со строкой журнала",
                "Сотрудники с ключом школы",
            ),
            (
                "Строка журнала: номер, даты, краткое содержание, принятые меры",
                "Там же; печатный журнал закрытого года фиксируется в зашифрованном виде",
                "Постоянно (как делопроизводство)",
                "Сотрудники с ключом школы",
            ),
            (
                "Статистика: категория, срочность, статус (без имён)",
                "Там же, открыто",
                "Постоянно",
                "Сотрудники школы, специалист района (малые числа скрыты)",
            ),
            (
                "Журнал аудита: кто, когда, что сделал (без текста)",
                "Там же, без возможности изменения",
                "Постоянно",
                "Администратор, директор",
            ),
        ],
        "author": "Заявитель по коду обращения может скачать своё письмо и ответы или удалить свои "
        "слова. Письма, переданные в милицию, ИДН или соцзащиту, хранятся до окончания работы "
        "по ним. IP-адреса не хранятся.",
        "operator": "Оператор данных: {school}. Контакты: {contact}",
        "sign": "Директор:",
    },
}


def data_sheet_pdf(school, lang) -> bytes:
    """One page for the school's registration as a personal-data holder (Law No. 58): what is
    kept, where, how long, who sees it."""
    w = DATA_SHEET[lang]
    name = school.name_ru if lang == "ru" else school.name_ky
    pdf = Document(w["title"], lang=lang, page_label=w["page"], margin=12)
    pdf.add_page()
    pdf.heading(w["title"], 2, align="C")
    pdf.paragraph(w["sub"], 10, align="C")
    pdf.paragraph(name, 11, align="C", bold=True)
    years = school.retention_years
    rows = [[cell.format(years=years) for cell in row] for row in w["rows"]]
    pdf.table(w["columns"], rows, (40, 45, 50, 51), size=9)
    pdf.ln(3)
    pdf.paragraph(w["author"], 10, align="J")
    contact = ", ".join(x for x in (school.address, school.phone, school.email) if x) or "—"
    pdf.paragraph(w["operator"].format(school=name, contact=contact), 10)
    pdf.signature_lines([w["sign"]], size=10, gap=6)
    return pdf.pdf_bytes()
