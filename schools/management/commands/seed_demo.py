"""A demo school that looks lived-in. Invented people and letters only."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

import vault
from accounts.models import Membership
from board.models import BoardPost
from commission.meetings import (
    apply_election,
    cast_vote,
    next_minutes_number,
    review_agenda,
    review_period,
    save_composition,
    sign,
)
from commission.models import Candidacy, Commission, CommissionMember, Meeting, Signature
from intake.models import print_form_codes
from journal.models import Appeal, JournalCorrection, Message
from journal.sealing import add_author_message, add_staff_message, create_appeal
from journal.work import correct, mark_answered, register, register_paper, update_work, void
from openings.forms import LetterFoundForm
from openings.models import ActSignature, BoxOpening
from openings.work import add_letter, create_opening, sign_act
from reports.figures import calendar_quarter, previous_quarter, quarter_of, report_figures
from reports.models import DistrictViewer, QuarterlyReport
from schools.forms import DayOffForm
from schools.models import Regulation, School, SchoolContact, SchoolYear
from schools.setup import add_staff, choose_regulation, create_school

DEMO_PASSWORD = "demo-ishenim-2026"
SLUG = "demo"
# The second demo school works under regulation A: the trust mail of school No. 6.
SLUG_A = "demo-a"
STAFF_A = [
    ("aigul", "Айгүл", "Жээнбекова", Membership.RESPONSIBLE, CommissionMember.SOCIAL_PEDAGOGUE),
    ("kanat", "Канат", "Бейшеев", Membership.MEMBER, CommissionMember.DEPUTY),
    ("saltanat", "Салтанат", "Орозова", Membership.MEMBER, CommissionMember.UNION_REP),
    ("ermek", "Эрмек", "Каримов", Membership.DIRECTOR, None),
]
# The regulation A school's year: letters by school week (0 = the year's first week with
# school), in Kyrgyz and Russian, at every stage — answered by e-mail, on the board, in person
# (the talk's date), in the conversation; a correction of the summary and of the date; a
# voided duplicate; two letters of the year's last weeks carried over into the next year.
# Invented people only.
PAST_YEAR_A = [
    {
        "week": 1,
        "channel": "paper",
        "text": "Спорт залда топ жок, сабакта ойной албай жатабыз.",
        "summary": "Спорт залда топ жок",
        "answer": "board",
        "board": {
            "question": "Спорт залда топ жок, сабакта ойной албай жатабыз.",
            "answer": "Рахмат! Спорт залга беш жаңы топ сатылып алынды.",
        },
        "measures": "Спорт залга 5 топ сатылып алынды.",
        "status": "closed",
    },
    {
        "week": 2,
        "channel": "online",
        "identity": {"name": "Азамат Токтоматов", "age": 14, "email": "azamat@example.org"},
        "text": "Мага математикадан кошумча сабак керек, кимге кайрылсам болот?",
        "summary": "Математикадан кошумча сабак сурайт",
        "answer": "email",
        "reply": "Саламатсызбы, Азамат! Шейшемби жана бейшемби күндөрү 14:00дө 21-кабинетте "
        "кошумча сабак бар.",
        "after": 1,
        "measures": "Кошумча сабактын убактысы жазылды.",
        "status": "closed",
    },
    {
        "week": 4,
        "channel": "paper",
        "text": "Мальчики из 8 класса отбирают деньги у младших возле столовой.",
        "summary": "Вымогательство денег у младших возле столовой",
        "answer": "in_person",
        "reply": "Беседа с учениками 8 класса и их классным руководителем.",
        "after": 2,
        "measures": "Беседа с учениками 8 класса; у столовой дежурит учитель.",
        "status": "closed",
    },
    {
        "week": 6,
        "channel": "online",
        "text": "Мени тыныгууда улуу класстын балдары уруп кетти. Эч кимге айткан жокмун.",
        "summary": "Тыныгууда улуу класстын балдары уруп кеткен",
        "answer": "board",
        "board": {
            "kind": "invitation",
            "person": "Социалдык педагог Айгүл Жээнбекова, 14-кабинет, шаршемби 13:00",
        },
        "after": 1,
        "measures": "Автор менен жеке сүйлөшүү; тыныгууда кезметчи мугалим.",
        "status": "closed",
    },
    {
        "week": 8,
        "channel": "online",
        "kind": "parent",
        "identity": {
            "name": "Светлана Ким",
            "phone": "+996 000 06 11 22",
            "email": "parent6@example.org",
        },
        "text": "Здравствуйте. Моя дочь в 5 классе боится ходить в туалет на втором этаже: "
        "там курят старшеклассники.",
        "summary": "Курение старшеклассников в туалете",
        "answer": "email",
        "reply": "Здравствуйте! Спасибо за письмо. С понедельника у туалетов на втором этаже "
        "дежурят учителя.",
        "measures": "Дежурство учителей на переменах на втором этаже.",
        "status": "closed",
        "corrections": [
            (
                "summary",
                "Курение старшеклассников в туалете на втором этаже",
                "Кыскача мазмуну такталды: кабат жазылган эмес",
            ),
        ],
    },
    {
        "week": 10,
        "channel": "paper",
        "text": "Ашканада тамак муздак болуп калат.",
        "summary": "Ашканадагы тамак муздак",
        "answer": "board",
        "board": {
            "question": "Ашканада тамак муздак болуп калат.",
            "answer": "Ашканага жаңы жылыткыч коюлду. Рахмат!",
        },
        "measures": "Ашканага жылыткыч коюлду.",
        "status": "closed",
        "duplicate": "Кайталануу: ошол эле кат эки жолу катталган",
    },
    {
        "week": 13,
        "channel": "online",
        "text": "Класста мени шылдыңдашат, телефонума жаман сөздөр жазышат.",
        "summary": "Класста шылдыңдоо, телефонго жаман сөздөр",
        "answer": "in_person",
        "reply": "Окуучу менен жеке сүйлөшүү, класс жетекчисине кабар берилди.",
        "after": 3,
        "measures": "Класстык саат булинг тууралуу өттү.",
        "status": "closed",
    },
    {
        "week": 16,
        "channel": "online",
        "text": "В классе пропадают вещи из рюкзаков.",
        "summary": "Пропажа вещей из рюкзаков",
        "answer": "board",
        "board": {
            "question": "В классе пропадают вещи из рюкзаков.",
            "answer": "В кабинетах поставлены шкафчики с замками. Ценные вещи можно оставить у "
            "классного руководителя.",
        },
        "measures": "Шкафчики с замками в кабинетах.",
        "status": "closed",
    },
    {
        "week": 19,
        "channel": "paper",
        "identity": {"name": "Аружан Бекмуратова", "age": 12},
        "text": "Мен Аружан, 7-класс. Апам ооруп жатат, окуу куралдарын сатып ала албайбыз.",
        "summary": "Үй-бүлөгө материалдык жардам керек",
        "answer": "in_person",
        "reply": "Аружан менен сүйлөшүү; окуу куралдары берилди.",
        "after": 2,
        "measures": "Окуу куралдары берилди (материалдык жардам).",
        "status": "closed",
    },
    {
        "week": 22,
        "channel": "online",
        "text": "Мектептин алдындагы жолдо светофор жок, өтүү коркунучтуу.",
        "summary": "Мектептин алдындагы жолдо светофор жок",
        "answer": "conversation",
        "reply": "Рахмат! Айыл өкмөтүнө кат жазылды; эртең менен жолдо кезметчи турат.",
        "measures": "Айыл өкмөтүнө кат жазылды.",
        "status": "closed",
        "corrections": [("received_on", 1, "Кабыл алынган датасы туура эмес жазылган")],
    },
    {
        "week": 25,
        "channel": "online",
        "text": "Спасибо за турнир по шахматам! Можно ещё один весной?",
        "summary": "Благодарность за турнир по шахматам",
        "answer": "board",
        "board": {
            "question": "Спасибо за турнир по шахматам! Можно ещё один весной?",
            "answer": "Спасибо! Весенний турнир будет в апреле.",
        },
        "status": "closed",
    },
    {
        "week": 98,
        "channel": "online",
        "text": "Класстын чатында мени шылдыңдап, сүрөтүмдү жайып жатышат.",
        "summary": "Класстын чатында шылдыңдоо",
        "measures": "Класс жетекчиси менен сүйлөшүлдү.",
        "status": "in_work",
    },
    {
        "week": 99,
        "channel": "paper",
        "text": "На переменах старшие не пускают нас на футбольное поле.",
        "summary": "Старшие не пускают на футбольное поле",
        "status": "in_work",
    },
]
CURRENT_YEAR_A = [
    {
        "week": 0,
        "channel": "online",
        "text": "Жаңы окуу жылында ийримдер качан башталат?",
        "summary": "Ийримдер качан башталат",
        "answer": "board",
        "board": {
            "question": "Жаңы окуу жылында ийримдер качан башталат?",
            "answer": "Ийримдер 15-сентябрдан башталат; тизмеси биринчи кабаттагы стендде.",
        },
        "status": "closed",
    },
    {
        "week": 2,
        "channel": "paper",
        "kind": "parent",
        "identity": {"name": "Нурлан Абдиев", "email": "parent7@example.org"},
        "text": "Здравствуйте. Сына толкают в автобусе старшеклассники. Прошу разобраться.",
        "summary": "Старшеклассники толкают в школьном автобусе",
        "answer": "email",
        "reply": "Здравствуйте! В автобусе теперь сопровождает учитель. Спасибо, что написали.",
        "measures": "Сопровождение учителя в школьном автобусе.",
        "status": "closed",
    },
    {
        "week": 4,
        "channel": "online",
        "text": "Мага сабакта көңүл бурулбай жатат, ата-энем ажырашып жатышат.",
        "summary": "Үй-бүлөдөгү кыйынчылык",
        "answer": "in_person",
        "reply": "Окуучу менен сүйлөшүү; психолог менен жолугушуу белгиленди.",
        "after": 2,
        "measures": "Психолог менен жолугушуу.",
    },
    {
        "week": 6,
        "channel": "paper",
        "text": "Спорт залда кийим алмаштыруучу бөлмө жок.",
        "summary": "Кийим алмаштыруучу бөлмө жок",
    },
]
# After the last review: online letters, one registered, one still new.
LATEST_A = [
    (3, "Хочу записаться в кружок шахмат, куда обратиться?", "Вопрос о кружке шахмат"),
    (1, "Китепканада жаңы китептер барбы? Окугум келет.", ""),
]

STAFF = [
    ("nurgul", "Нургүл", "Асанова", Membership.RESPONSIBLE),
    ("bakyt", "Бакыт", "Осмонов", Membership.MEMBER),
    ("jyldyz", "Жылдыз", "Сыдыкова", Membership.MEMBER),
    ("marat", "Марат", "Абдыраев", Membership.DIRECTOR),
]

# Invented letters at every stage of the journal: new, registered, in work, answered,
# referred, overdue; online and paper; Kyrgyz and Russian.
NAMES = ["Айпери Жумабаева", "Тимур Садыков", "Бермет Кадырова"]

# The commission's meetings (regulation B 4.3): (agenda, decisions, minutes), in Kyrgyz.
FIRST_MEETING_DAYS_AGO = 75
QUARTERLY_MEETING = (
    "1. Өткөн чейректин аналитикалык отчетун талкуулоо.\n2. Кутучаны ачуунун тартиби.",
    "Отчет кабыл алынды. Кечиккен жооптор үчүн социалдык педагог ар дүйшөмбүдө "
    "мөөнөттөрдү текшерет. Кутуча ар дүйшөмбүдө ачылат.",
    "Социалдык педагог чейректин отчетун окуду; комиссия мүчөлөрү суроолорду беришти. "
    "Отчет бир добуштан кабыл алынды.",
)
REGULAR_MEETING = (
    "1. Айдын ичинде келген каттар жана жооп берүү мөөнөттөрү.\n"
    "2. Класстык сааттарда булинг тууралуу сүйлөшүү.",
    "Мөөнөтү өткөн каттарга жооп ушул жумада берилет. 7–9-класстарда класстык саат "
    "булинг тууралуу өтөт; жооптуу — тарбия иштери боюнча орун басар.",
    "Социалдык педагог айдын каттары боюнча маалымат берди (аты-жөндөр айтылган жок). "
    "Класстык сааттардын планы бекитилди.",
)

# The previous quarter's letters: (text, category, answered late).
HISTORY = [
    ("Физикадан баа туура эмес коюлду деп ойлойм.", "study", False),
    ("Ашканада нан жетпейт.", "suggestion", False),
    ("Мени класста шылдыңдашат, телефонума жаман сөздөр жазышат.", "bullying", True),
    ("Спасибо учителю физкультуры за турнир.", "gratitude", False),
    ("Старшеклассники курят вейп в туалете.", "substances", False),
    ("Үй тапшырма өтө көп.", "study", False),
    ("Атам Орусияда, таятам менен турам, кыйын болуп жатат.", "family", False),
    ("В раздевалке пропадают вещи.", "other", False),
    ("Мени тыныгууда түртүп, сумкамды ыргытышат.", "bullying", False),
    ("Можно открыть кружок робототехники?", "suggestion", False),
    ("Мугалим бизге кыйкырып, жаман сөз айтат.", "teacher_conduct", True),
    ("Китепканада жаңы китептер керек.", "suggestion", False),
]

LETTERS = [
    {
        "days": 12,
        "kind": "pupil",
        "text": "Саламатсызбы. Биздин класста бир бала мени күн сайын "
        "шылдыңдайт, сумкамды ыргытып салат. Мугалимге айтсам, дагы жаман болот деп коркуп жатам.",
        "summary": "Класста шылдыңдоо, буюмдарын ыргытуу",
        "answer": "Саламатсызбы! Катыңыз үчүн рахмат. Сиз туура кылдыңыз. Эртең чоң танапистен "
        "кийин социалдык педагогдун бөлмөсүнө келиңиз, бирге чечебиз. Эч ким билбейт.",
        "reply": "Рахмат, келем.",
        "measures": "Окуучу менен жеке сүйлөшүү; класстык саат булинг тууралуу өткөрүлдү.",
        "status": "closed",
        "board": {
            "kind": "answer",
            "question": "Класста бир бала күн сайын шылдыңдайт, мугалимге айтуудан коркуп жатам.",
            "answer": "Сиз туура кылдыңыз, жазганыңыз үчүн рахмат. Социалдык педагогдун бөлмөсүнө "
            "(12-кабинет) каалаган танаписте келиңиз — эч ким билбейт. Шылдыңдоо — бул сиздин "
            "күнөөңүз эмес.",
            "person": "",
        },
    },
    {
        "days": 11,
        "kind": "parent",
        "identity": {
            "name": "Гүлмира Сатыбалдиева",
            "phone": "+996 000 000 111",
            "email": "parent@example.org",
        },
        "text": "Здравствуйте. Мой сын в 6 классе, в столовой не хватает мест, дети едят стоя. "
        "Можно ли сделать две смены обеда?",
        "summary": "Предложение: две смены обеда в столовой",
        "answer": "Здравствуйте! Спасибо за предложение. С понедельника вводим две смены обеда.",
        "measures": "Графика питания изменён: две смены.",
        "status": "answered",
    },
    {
        "days": 10,
        "kind": "pupil",
        "text": "Математикадан үй тапшырма өтө көп, түнкү 12ге чейин "
        "отурабыз. Азыраак берсеңиздер болобу?",
        "summary": "Үй тапшырманын көптүгү",
    },
    {
        "days": 9,
        "kind": "pupil",
        "channel": "paper",
        "text": "Биздин подъездде чоң балдар "
        "насвай сатышат, кичине балдарга да беришет. Атымды жазбайм.",
        "summary": "Подъезддеги насвай сатуу",
        "board": {
            "kind": "invitation",
            "question": "",
            "answer": "",
            "person": "Социалдык педагог Нургүл Асанова, 12-кабинет, дүйшөмбү 14:00",
        },
        "status": "referred",
        "referred_to": "juvenile_inspector",
    },
    {
        "days": 6,
        "kind": "pupil",
        "text": "Мен эми эч кимге керек эмесмин. Баарына тоскоол болуп "
        "жатам, жок болуп кетсем жакшы болмок.",
        "summary": "Өзүнө зыян келтирүү ойлору",
        "answer": "Сага жазганың үчүн рахмат. Сен баарыбызга керексиң. Бүгүн 14:00дө 12-кабинетте "
        "күтөм, же 111ге чал — бекер.",
        "measures": "Психолог менен жолугушуу, күн сайын байланыш.",
        "status": "in_work",
    },
    {
        "days": 5,
        "kind": "teacher",
        "identity": {"name": "Эрмек Турдубаев", "email": "teacher@example.org"},
        "text": "Добрый день. Ученики 9 класса жалуются, что старшеклассники отбирают у них деньги "
        "возле магазина после уроков.",
        "summary": "Вымогательство денег у 9-классников",
    },
    {
        "days": 3,
        "kind": "pupil",
        "text": "Спасибо за новый спортзал и секцию волейбола! Очень нравится.",
    },
    {
        "days": 1,
        "kind": "other",
        "text": "Кечээ мектептин алдында кара телефон жоготуп алдым. "
        "Тапкандар болсо айтып коюңуздарчы.",
    },
    {
        "days": 0,
        "kind": "pupil",
        "text": "Атам ичип келип апамды да, мени да урат. Кечээ колума "
        "көк так калды. Үйгө баргым келбейт.",
    },
]


class Command(BaseCommand):
    help = "Create the demo school with invented staff and letters (once; safe to re-run)."

    def handle(self, *args, **options):
        school = School.objects.filter(slug=SLUG).first()
        if school is None:
            school = self._create()
        school_a = School.objects.filter(slug=SLUG_A).first()
        if school_a is None:
            school_a = self._create_a()
        self.stdout.write("")
        self.stdout.write(f"Demo school: {school.name_ky}  →  {settings.SITE_URL}/s/{SLUG}/")
        self.stdout.write(
            f"Staff login at {settings.SITE_URL}/staff/login/ (password {DEMO_PASSWORD}):"
        )
        for username, first, last, role in STAFF:
            label = dict(Membership.ROLE_CHOICES)[role]
            self.stdout.write(f"    {username:8} {first} {last} — {label}")
        self.stdout.write("    rayon    Чолпон Токтосунова — district statistics (no letters)")
        self.stdout.write(
            "    koruu    Айнура Бекова — the district's child-protection specialist "
            "(last step of the urgent ladder)"
        )
        self.stdout.write(
            "Urgent letters: the demo ladder calls the next step after 2 minutes "
            "(a real school's default is 15, 15, 30)."
        )
        self.stdout.write("")
        self.stdout.write(
            f"Regulation A school: {school_a.name_ky}  →  {settings.SITE_URL}/s/{SLUG_A}/"
        )
        for username, first, last, role, _member in STAFF_A:
            label = dict(Membership.ROLE_CHOICES)[role]
            self.stdout.write(f"    {username:8} {first} {last} — {label}")
        stub_file = settings.VAR_DIR / "demo-paper-form-code.txt"
        if stub_file.exists():
            self.stdout.write(
                f"A paper form's stub code (its letter was answered): "
                f"{stub_file.read_text().strip()}"
            )
        invite_file = settings.VAR_DIR / "demo-invitation-code.txt"
        if invite_file.exists():
            self.stdout.write(
                f"An invitation code on paper (type it at {settings.SITE_URL}/staff/join/): "
                f"{invite_file.read_text().strip()}"
            )
        key_file = settings.VAR_DIR / "demo-recovery-key.txt"
        if key_file.exists():
            self.stdout.write(
                f"Recovery key (demo only; a real school prints it once): "
                f"{key_file.read_text().strip()}"
            )

    @transaction.atomic
    def _create(self):
        school, key, recovery = create_school(
            slug=SLUG,
            name_ky="Ак-Терек айылындагы №3 орто мектеби (демо)",
            name_ru="Средняя школа №3 села Ак-Терек (демо)",
            district_ky="Ысык-Ата району",
            district_ru="Ысык-Атинский район",
            address="Ак-Терек айылы, Мектеп көчөсү 1",
            phone="+996 000 00 00 00",
            regulation=Regulation.B,
        )
        (settings.VAR_DIR / "demo-recovery-key.txt").write_text(recovery + "\n")
        SchoolContact.objects.create(
            school=school,
            title_ky="Социалдык педагог",
            title_ru="Социальный педагог",
            phone="+996 000 11 22 33",
        )
        SchoolContact.objects.create(
            school=school,
            title_ky="Директордун тарбия иштери боюнча орун басары",
            title_ru="Заместитель директора по воспитательной работе",
            phone="+996 000 44 55 66",
            position=1,
        )
        users = {}
        for username, first, last, role in STAFF:
            users[username] = add_staff(
                school,
                key,
                username=username,
                password=DEMO_PASSWORD,
                role=role,
                first_name=first,
                last_name=last,
                email=f"{username}@example.org",
            )
        # Issue 13: an invitation on paper waits for a new commission member (try /staff/join/).
        from accounts.models import Invitation

        _invitation, invite_code = Invitation.issue(
            school=school,
            role=Membership.MEMBER,
            full_name="Айгүл Токтогулова",
            delivery=Invitation.PAPER,
            created_by=users["nurgul"],
        )
        (settings.VAR_DIR / "demo-invitation-code.txt").write_text(invite_code + "\n")
        today = timezone.localdate()
        self._history(school, users, today)  # first: journal numbers follow the dates
        self._close_past_year(school, key, users["nurgul"], today)
        for letter in LETTERS:
            self._letter(school, key, users["nurgul"], today, letter)
        self._correction_and_void(school, key, users["nurgul"], today)
        commission = self._commission_and_box(school, key, users, today)
        self._last_quarter(school, users, today, commission)
        self._district_viewer(school)
        self._urgent_lane(school, users, key)
        self.stdout.write("Demo school created.")
        return school

    @transaction.atomic
    def _create_a(self):
        """A school under regulation A that has run a whole school year: the social pedagogue
        keeps the keys and takes the letters out once a week; a commission of three reads them
        on the sixth day; answers in 5 working days by e-mail, on the board or in person; the
        past year's journal closed with its last number and frozen. No act of removal, no seal,
        no quarterly report, no parents' member: regulation A has none of them."""
        school, key, _recovery = create_school(
            slug=SLUG_A,
            name_ky="Кара-Суу шаарындагы №6 орто мектеби (демо, A жобосу)",
            name_ru="Средняя школа №6 города Кара-Суу (демо, положение A)",
            district_ky="Кара-Суу району",
            district_ru="Кара-Суйский район",
            address="Кара-Суу шаары, Ленин көчөсү 6",
            phone="+996 000 00 00 06",
        )
        for position, (title_ky, title_ru, phone) in enumerate(
            (
                ("Социалдык педагог", "Социальный педагог", "+996 000 06 00 01"),
                (
                    "Директордун тарбия иштери боюнча орун басары",
                    "Заместитель директора по воспитательной работе",
                    "+996 000 06 00 02",
                ),
                ("ИДН инспектору", "Инспектор ИДН", "+996 000 06 00 03"),
            )
        ):
            SchoolContact.objects.create(
                school=school, title_ky=title_ky, title_ru=title_ru, phone=phone, position=position
            )
        users = {}
        for username, first, last, role, _member in STAFF_A:
            users[username] = add_staff(
                school,
                key,
                username=username,
                password=DEMO_PASSWORD,
                role=role,
                first_name=first,
                last_name=last,
                email=f"{username}@example.org",
            )
        today = timezone.localdate()
        aigul = users["aigul"]
        past = SchoolYear.ensure_for(school, datetime.date(today.year - 1, today.month, 1))
        current = school.current_school_year(today)
        # The director adopted regulation A before the past school year began.
        choose_regulation(
            school, Regulation.A, past.starts_on - datetime.timedelta(days=7), users["ermek"]
        )
        # The school's calendar, entered once a year as ranges (the settings page's form).
        for year in (past, current):
            self._vacations_a(school, year.starts_on.year)
        # Regulation A: a commission of three, the social pedagogue responsible, appointed
        # just before the past school year began.
        commission = Commission.objects.create(
            school=school,
            order_number="3-к",
            order_date=past.starts_on - datetime.timedelta(days=4),
            created_by=users["ermek"],
            created_at=timezone.make_aware(
                datetime.datetime.combine(
                    past.starts_on - datetime.timedelta(days=4), datetime.time(11, 0)
                )
            ),
        )
        members = [
            CommissionMember.objects.create(
                commission=commission,
                user=users[username],
                full_name=f"{first} {last}",
                role=member_role,
                is_responsible=member_role == CommissionMember.SOCIAL_PEDAGOGUE,
            )
            for username, first, last, _role, member_role in STAFF_A
            if member_role
        ]
        save_composition(commission, users["ermek"], put_in_force=True)
        calendar = school.calendar()
        weeks = {
            past: list(self._school_weeks(school, calendar, past.starts_on, past.ends_on)),
            current: list(self._school_weeks(school, calendar, current.starts_on, today)),
        }
        plan = {past: PAST_YEAR_A, current: CURRENT_YEAR_A}
        for year in (past, current):
            if year == current:
                self._close_year_a(past, aigul, key)
            by_week = {}
            for letter in plan[year]:
                count = len(weeks[year])
                # 98, 99: the year's last but one and last weeks.
                index = letter["week"] if letter["week"] < 90 else count - (100 - letter["week"])
                if 0 <= index < count:
                    by_week.setdefault(index, []).append(letter)
            for index, (working, review_day) in enumerate(weeks[year]):
                self._week_a(
                    school,
                    key,
                    users,
                    members,
                    commission,
                    calendar,
                    today,
                    working,
                    review_day,
                    by_week.get(index, []),
                )
        # Since the last review: two letters online, one registered, one still new.
        last_review = weeks[current][-1][1] if weeks[current] else today
        for days, text, summary in LATEST_A:
            appeal, _code = create_appeal(
                school,
                text=text,
                author_kind="pupil",
                is_anonymous=True,
                received_on=max(today - datetime.timedelta(days=days), last_review),
            )
            if summary:
                register(appeal, aigul, summary=summary)
        self._dated_a(school, aigul)
        self.stdout.write("Regulation A demo school created.")
        return school

    def _vacations_a(self, school, start_year):
        """Autumn, winter, spring and summer vacations of the school year starting in
        `start_year`, entered as ranges with the settings page's form."""

        def monday_from(day):
            return day + datetime.timedelta(days=(7 - day.weekday()) % 7)

        autumn = monday_from(datetime.date(start_year, 10, 27))
        spring = monday_from(datetime.date(start_year + 1, 3, 20))
        for first, last, reason in (
            (autumn, autumn + datetime.timedelta(days=6), "Күзгү каникул"),
            (
                datetime.date(start_year, 12, 29),
                datetime.date(start_year + 1, 1, 11),
                "Кышкы каникул",
            ),
            (spring, spring + datetime.timedelta(days=6), "Жазгы каникул"),
            (
                datetime.date(start_year + 1, 6, 1),
                datetime.date(start_year + 1, 8, 31),
                "Жайкы каникул",
            ),
        ):
            form = DayOffForm(
                data={"date": first.isoformat(), "until": last.isoformat(), "reason": reason},
                school=school,
            )
            if not form.is_valid():
                raise RuntimeError(f"demo vacation not valid: {form.errors.as_json()}")
            form.save_days()

    def _school_weeks(self, school, calendar, first, until):
        """(working days, review day) of each school week from `first` whose review day is
        before `until`: a week of vacation has neither a collection nor a review."""
        days_off = set(school.days_off.values_list("date", flat=True))
        monday = first - datetime.timedelta(days=first.weekday())
        while True:
            review_day = monday + datetime.timedelta(days=school.review_weekday)
            if review_day >= until:
                return
            working = [
                day
                for day in (monday + datetime.timedelta(days=i) for i in range(7))
                if first <= day < review_day and calendar.is_working_day(day)
            ]
            if working and review_day not in days_off:
                yield working, review_day
            monday += datetime.timedelta(days=7)

    def _week_a(
        self,
        school,
        key,
        users,
        members,
        commission,
        calendar,
        today,
        working,
        review_day,
        letters,
    ):
        """One school week: letters online on the week's first working day, the collection on
        its last working day (the letters on paper registered from the act, signed by the
        social pedagogue and the director), answers within 5 working days, and the review of
        the commission of three on the sixth day."""
        aigul = users["aigul"]
        collected = working[-1]
        appeals = []
        for letter in letters:
            if letter["channel"] == Appeal.ONLINE:
                appeal, _code = create_appeal(
                    school,
                    text=letter["text"],
                    author_kind=letter.get("kind", "pupil"),
                    is_anonymous="identity" not in letter,
                    identity=letter.get("identity"),
                    received_on=working[0],
                )
                appeals.append((register(appeal, aigul, summary=letter["summary"]), letter))
        paper = [letter for letter in letters if letter["channel"] == Appeal.PAPER]
        opening = create_opening(
            school,
            aigul,
            commission,
            {
                "opened_at": timezone.make_aware(
                    datetime.datetime.combine(collected, datetime.time(15, 0))
                ),
                "box_state": "intact",
                "seal_state": "intact",
                "damage_description": "",
                "seal_removed": "",
                "seal_applied": "",
                "found_appeals": bool(paper),
                "sheets": 1,
                "copies": 1,
                "members_present": members[:1],
            },
        )
        for letter in paper:
            identity = letter.get("identity", {})
            form = LetterFoundForm(
                data={
                    "author_kind": letter.get("kind", "pupil"),
                    "text": letter["text"],
                    "summary": letter["summary"],
                    "from_whom": identity.get("name", ""),
                    "age": identity.get("age", ""),
                    "phone": identity.get("phone", ""),
                    "email": identity.get("email", ""),
                    "note": "",
                }
            )
            if not form.is_valid():
                raise RuntimeError(f"demo letter not valid: {form.errors.as_json()}")
            appeals.append((add_letter(opening, aigul, form).appeal, letter))
        sign_act(opening, aigul)
        sign_act(opening, users["ermek"])
        BoxOpening.objects.filter(pk=opening.pk).update(created_at=opening.opened_at)
        for appeal, letter in appeals:
            self._answer_a(school, key, aigul, calendar, today, appeal, letter)
        since, until = review_period(school, review_day)
        review = Meeting.objects.create(
            commission=commission,
            kind=Meeting.WEEKLY_REVIEW,
            held_on=review_day,
            number=next_minutes_number(school, review_day),
            period_start=since,
            period_end=until,
            created_by=aigul,
            created_at=timezone.make_aware(
                datetime.datetime.combine(review_day, datetime.time(13, 0))
            ),
            agenda=review_agenda(school, since, until),
            decisions=(
                "Ар бир катка 5 жумушчу күндүн ичинде жооп берилет; жооптуу — социалдык педагог."
                if appeals
                else "Бул жумада кат болгон жок. Класстык сааттарда Ишеним почтасы эскертилди."
            ),
            sealed_minutes=vault.seal_text(
                school.public_key,
                "Комиссия жуманын каттарын окуп, талдап, жооп берүүнү бөлүштүрдү."
                if appeals
                else "Кутучада кат болгон жок.",
            ),
        )
        review.attendance.set(members)
        for member in members:
            sign(review, member, Signature.ELECTRONIC, member.user)
        # Signed on the day, as the pages and the printed minutes show.
        Signature.objects.filter(meeting=review).update(signed_at=review.created_at)
        Meeting.objects.filter(pk=review.pk).update(final_at=review.created_at)
        ActSignature.objects.filter(opening=opening).update(
            signed_at=opening.opened_at + datetime.timedelta(minutes=30)
        )

    def _answer_a(self, school, key, aigul, calendar, today, appeal, letter):
        """The letter's answer as regulation A gives it: by e-mail or in person to a signed
        letter, on the board to an anonymous one; then the corrections, a voided duplicate,
        or nothing for a letter carried over into the next year."""
        received = appeal.received_on
        how = letter.get("answer")
        answered = min(calendar.add_working_days(received, letter.get("after", 2)), today)
        if how == Message.EMAIL:
            add_staff_message(appeal, aigul, letter["reply"], to_author=True, channel=Message.EMAIL)
            mark_answered(appeal, aigul, Message.EMAIL, on=answered)
        elif how == Message.IN_PERSON:
            # The talk's own date is the journal's date of the answer.
            add_staff_message(
                appeal, aigul, letter["reply"], to_author=False, channel=Message.IN_PERSON
            )
            mark_answered(appeal, aigul, Message.IN_PERSON, on=answered)
        elif how == Message.BOARD:
            board = letter["board"]
            post = BoardPost.objects.create(
                school=school,
                appeal=appeal,
                published_by=aigul,
                published_at=timezone.make_aware(
                    datetime.datetime.combine(answered, datetime.time(16, 0))
                ),
                kind=board.get("kind", BoardPost.ANSWER),
                question=board.get("question", ""),
                answer=board.get("answer", ""),
                person=board.get("person", ""),
            )
            post.message = add_staff_message(
                appeal, aigul, post.answer or post.person, channel=Message.BOARD
            )
            post.save(update_fields=["message"])
            mark_answered(appeal, aigul, "board", on=post.published_on)
        elif how == Message.CONVERSATION:
            add_staff_message(appeal, aigul, letter["reply"])
            mark_answered(appeal, aigul, Message.CONVERSATION, on=answered)
        appeal.refresh_from_db()
        changes = {k: letter[k] for k in ("measures", "status") if k in letter}
        if changes:
            update_work(appeal, aigul, changes, key)
        # Corrected and voided on a day of the year, not when the demo was made.
        made_at = min(
            timezone.now(),
            timezone.make_aware(datetime.datetime.combine(answered, datetime.time(17, 0))),
        )
        for field, new, reason in letter.get("corrections", ()):
            if field == "received_on":
                new = received - datetime.timedelta(days=new)
            correction = correct(appeal, aigul, field, new, reason, key)
            JournalCorrection.objects.filter(pk=correction.pk).update(made_at=made_at)
        if letter.get("duplicate"):
            copy = register_paper(
                school,
                aigul,
                received_on=received,
                text=letter["text"],
                author_kind=letter.get("kind", "pupil"),
                summary=letter["summary"],
            )
            void(copy, aigul, letter["duplicate"])
            Appeal.objects.filter(pk=copy.pk).update(voided_at=made_at)

    def _close_year_a(self, past, aigul, key):
        """The past year's journal closed on the day the school set (its last day), with
        its last number, and its printed year frozen and sealed (journal.closing)."""
        from journal.closing import close_year, freeze_year_pdf

        if past.is_closed:
            return
        past.closes_on = past.ends_on
        past.save(update_fields=["closes_on"])
        past = close_year(past, aigul)
        freeze_year_pdf(past, aigul, key, "ky")

    def _dated_a(self, school, aigul):
        """Letters and answers keep the day they came and went (lists sort by them)."""
        tz = timezone.get_current_timezone()
        for appeal in Appeal.objects.filter(school=school):
            moment = timezone.make_aware(
                datetime.datetime.combine(appeal.received_on, datetime.time(10, 30)), tz
            )
            Appeal.objects.filter(pk=appeal.pk).update(
                created_at=moment, registered_at=moment if appeal.number else None
            )
            Message.objects.filter(appeal=appeal, sender=Message.AUTHOR).update(created_at=moment)
            if appeal.answered_on:
                answered = timezone.make_aware(
                    datetime.datetime.combine(appeal.answered_on, datetime.time(16, 0)), tz
                )
                Message.objects.filter(appeal=appeal, sender=Message.STAFF).update(
                    created_at=answered
                )
            if appeal.urgency == Appeal.URGENT and appeal.received_on < timezone.localdate():
                # As at demo: an urgent letter confirmed within minutes, decided the same day.
                from urgent.models import UrgentCase

                UrgentCase.objects.create(
                    appeal=appeal,
                    school=school,
                    opened_at=moment,
                    wave=1,
                    acknowledged_at=moment + datetime.timedelta(minutes=5),
                    acknowledged_by=aigul,
                    decision_due_at=moment + datetime.timedelta(hours=7),
                    decided_at=moment + datetime.timedelta(hours=2),
                    decided_by=aigul,
                    referred=True,
                    referral_to="social",
                    referral_how="phone",
                    referred_at=moment + datetime.timedelta(hours=2),
                )

    def _letter(self, school, key, nurgul, today, letter):
        received = today - datetime.timedelta(days=letter["days"])
        identity = letter.get("identity")
        appeal, _code = create_appeal(
            school,
            text=letter["text"],
            author_kind=letter["kind"],
            is_anonymous=identity is None,
            identity=identity,
            received_on=received,
            channel=letter.get("channel", Appeal.ONLINE),
        )
        # Regulation A: a letter is answered only once it has its journal number.
        if "summary" in letter or letter.get("answer") or letter.get("board"):
            appeal = register(appeal, nurgul, summary=letter.get("summary", ""))
        if letter.get("answer"):
            add_staff_message(appeal, nurgul, letter["answer"])
            mark_answered(appeal, nurgul, "conversation")
            Appeal.objects.filter(pk=appeal.pk).update(
                answered_on=received + datetime.timedelta(days=2)
            )
        if letter.get("board"):
            post = BoardPost.objects.create(
                school=school, appeal=appeal, published_by=nurgul, **letter["board"]
            )
            # As the board page does: the author reads it in the conversation too.
            post.message = add_staff_message(
                appeal, nurgul, post.answer or post.person, channel=Message.BOARD
            )
            post.save(update_fields=["message"])
            mark_answered(appeal, nurgul, "board")
        if letter.get("reply"):
            add_author_message(appeal, letter["reply"])
        appeal.refresh_from_db()
        changes = {k: letter[k] for k in ("status", "measures", "referred_to") if k in letter}
        if "referred_to" in changes:
            changes["referred_on"] = received + datetime.timedelta(days=1)
        if changes:
            update_work(appeal, nurgul, changes, key)

    def _close_past_year(self, school, key, nurgul, today):
        """The past school year's journal, closed with its last number and frozen."""
        from journal.closing import close_year, freeze_year_pdf

        past = school.school_years.filter(ends_on__lt=today).order_by("-starts_on").first()
        if past is not None:
            past = close_year(past, nurgul)
            freeze_year_pdf(past, nurgul, key, "ky")

    def _commission_and_box(self, school, key, users, today):
        """The commission by order, its first meeting with the election, a box opening with
        a letter on a printed form."""
        nurgul, bakyt, marat = users["nurgul"], users["bakyt"], users["marat"]
        commission = Commission.objects.create(
            school=school,
            order_number="12-к",
            order_date=today - datetime.timedelta(days=80),
            created_by=marat,
        )
        members = {
            "nurgul": CommissionMember.objects.create(
                commission=commission,
                user=nurgul,
                full_name="Нургүл Асанова",
                role=CommissionMember.SOCIAL_PEDAGOGUE,
                is_responsible=True,
            ),
            "bakyt": CommissionMember.objects.create(
                commission=commission,
                user=bakyt,
                full_name="Бакыт Осмонов",
                role=CommissionMember.DEPUTY,
            ),
            "parent": CommissionMember.objects.create(
                commission=commission,
                full_name="Айжан Мамбетова",
                role=CommissionMember.PARENTS_REP,
            ),
        }
        save_composition(commission, marat, put_in_force=True)

        first = Meeting.objects.create(
            commission=commission,
            kind=Meeting.FIRST,
            held_on=today - datetime.timedelta(days=FIRST_MEETING_DAYS_AGO),
            number=1,
            agenda="Төрага жана катчыны ачык добуш менен шайлоо.",
            decisions="Төрага — Бакыт Осмонов, катчы — Нургүл Асанова.",
            created_by=nurgul,
            sealed_minutes=vault.seal_text(school.public_key, "Комиссиянын биринчи жыйналышы."),
        )
        first.attendance.set(members.values())
        for position, candidate in (("chair", "bakyt"), ("secretary", "nurgul")):
            Candidacy.objects.create(meeting=first, position=position, member=members[candidate])
            for voter in members.values():
                cast_vote(
                    first,
                    position,
                    voter,
                    members[candidate],
                    nurgul,
                    on_behalf=voter.user_id is None,
                )
        apply_election(first, nurgul)
        sign(first, members["nurgul"], Signature.ELECTRONIC, nurgul)
        sign(first, members["bakyt"], Signature.ELECTRONIC, bakyt)
        sign(first, members["parent"], Signature.PAPER, nurgul)

        # A box opening that found a letter written on a printed form with its stub code.
        code = print_form_codes(school, 1)[0]
        (settings.VAR_DIR / "demo-paper-form-code.txt").write_text(
            " ".join(code[i : i + 4] for i in range(0, 16, 4)) + "\n"
        )
        opened = timezone.make_aware(
            datetime.datetime.combine(today - datetime.timedelta(days=4), datetime.time(8, 15))
        )
        opening = create_opening(
            school,
            nurgul,
            commission,
            {
                "opened_at": opened,
                "box_state": "intact",
                "seal_state": "intact",
                "damage_description": "",
                "seal_removed": "004117",
                "seal_applied": "004118",
                "found_appeals": True,
                "sheets": 1,
                "copies": 2,
                "members_present": list(members.values()),
            },
        )
        form = LetterFoundForm(
            data={
                "author_kind": "pupil",
                "text": "Мени 9-класстын балдары дааратканада күтүп туруп "
                "урушат, телефонумду тартып алышты. Эч кимге айтпагыла.",
                "summary": "Жогорку класстын окуучулары уруп, телефонун тартып алган",
                "note": "Басма формада",
                "form_code": code,
            }
        )
        if form.is_valid():
            letter = add_letter(opening, nurgul, form)
            add_staff_message(
                letter.appeal,
                nurgul,
                "Катыңды алдык. Эртең 3-сабактан кийин "
                "12-кабинетке кел, жалгыз эмессиң. Эч ким билбейт.",
            )
            mark_answered(letter.appeal, nurgul, "conversation")
        sign_act(opening, nurgul)
        sign_act(opening, bakyt)
        sign_act(opening, marat)

        # Regulation B has no weekly review: its meetings are the commission's (4.3).
        return commission

    def _correction_and_void(self, school, key, nurgul, today):
        """A corrected journal entry and a voided duplicate, as the printed journal shows them
        (regulation A, "Record keeping": nothing is changed in place)."""
        entry = (
            Appeal.objects.filter(school=school, number__isnull=False, sealed_summary__isnull=False)
            .order_by("-number")
            .first()
        )
        if entry is not None:
            old = vault.open_text(key, entry.sealed_summary)
            correct(entry, nurgul, "summary", f"{old} (такталды)", "Кыскача мазмуну такталды", key)
        duplicate = register_paper(
            school,
            nurgul,
            received_on=today,
            text="Ашканада нан жетпей калат.",
            author_kind="pupil",
            summary="Ашканада нан жетпейт",
        )
        void(duplicate, nurgul, "Онлайн келген каттын кагаз көчүрмөсү — кайталануу")

    def _history(self, school, users, today):
        """Letters of the previous quarter, answered (some late)."""
        nurgul = users["nurgul"]
        year, quarter = previous_quarter(*quarter_of(today))
        start, end = calendar_quarter(year, quarter)
        span = (end - start).days
        for i, (text, category, late) in enumerate(HISTORY):
            received = start + datetime.timedelta(days=(i * span) // len(HISTORY))
            appeal, _code = create_appeal(
                school,
                text=text,
                author_kind="pupil" if i % 3 else "parent",
                is_anonymous=i % 4 != 0,
                identity=None if i % 4 else {"name": NAMES[i % len(NAMES)]},
                received_on=received,
                channel="paper" if i % 3 == 0 else "online",
            )
            appeal = register(appeal, nurgul, summary=text[:60])
            answered = appeal.due_on + datetime.timedelta(days=3) if late else received
            Appeal.objects.filter(pk=appeal.pk).update(
                category=category, status=Appeal.CLOSED, answered_on=answered
            )

    def _last_quarter(self, school, users, today, commission):
        """The previous quarter's analytic report, discussed at the commission's meeting
        (regulation B 4.6), and a regular meeting of this month: minutes with an agenda, every
        member present and signed, so that both count towards the half-year's 2 (4.3)."""
        nurgul = users["nurgul"]
        year, quarter = previous_quarter(*quarter_of(today))
        start, end = calendar_quarter(year, quarter)
        # Early in the next quarter, after the commission's first meeting (the election first).
        first_on = today - datetime.timedelta(days=FIRST_MEETING_DAYS_AGO)
        discussed_on = min(today, max(end + datetime.timedelta(days=4), first_on))
        regular_on = today - datetime.timedelta(days=10)
        planned = [
            (discussed_on, Meeting.QUARTERLY_REPORT, QUARTERLY_MEETING),
            (regular_on, Meeting.REGULAR, REGULAR_MEETING),
        ]
        # Entered in date order, so that the minutes' numbers follow the dates.
        held = {
            kind: self._signed_minutes(school, users, commission, held_on, kind, words)
            for held_on, kind, words in sorted(planned, key=lambda m: m[0])
        }
        meeting = held[Meeting.QUARTERLY_REPORT]
        QuarterlyReport.objects.create(
            school=school,
            year=year,
            quarter=quarter,
            starts_on=start,
            ends_on=end,
            figures=report_figures(school, year, quarter, today),
            figures_on=today,
            conclusions="Кайрылуулардын көбү окуу жана шылдыңдоо боюнча. Эки катка жооп "
            "мөөнөтүнөн кеч берилди.",
            proposals="Класстык сааттарда булинг тууралуу сүйлөшүү; кутучаны ар дүйшөмбүдө ачуу.",
            meeting=meeting,
            discussed=True,
            discussed_on=meeting.held_on,
            # Discussed at the meeting: frozen with its minutes number (regulation B 4.6).
            frozen_at=timezone.now(),
            frozen_meeting_number=meeting.number,
            created_by=nurgul,
        )

    def _signed_minutes(self, school, users, commission, held_on, kind, words):
        """A meeting entered on its day: numbered in the school year's order, every member
        present, the minutes sealed and signed by all (the parent on paper)."""
        agenda, decisions, minutes = words
        meeting = Meeting.objects.create(
            commission=commission,
            kind=kind,
            number=next_minutes_number(school, held_on),
            created_by=users["nurgul"],
            held_on=held_on,
            agenda=agenda,
            decisions=decisions,
            sealed_minutes=vault.seal_text(school.public_key, minutes),
        )
        members = list(commission.members.all())
        meeting.attendance.set(members)
        for member in members:
            if member.user_id is None:
                sign(meeting, member, Signature.PAPER, users["nurgul"])
            else:
                sign(meeting, member, Signature.ELECTRONIC, member.user)
        return meeting

    def _urgent_lane(self, school, users, key):
        """The urgent lane as a school lives it: a ladder with short demo minutes, an absence,
        the district's specialist, an old urgent letter confirmed and referred, and today's
        urgent letter waiting for someone to confirm it."""
        from urgent import ladder
        from urgent.models import Absence, ChildProtectionSpecialist, LadderStep, UrgentCase
        from vault.keys import new_specialist_key

        User = get_user_model()
        specialist_user, created = User.objects.get_or_create(
            username="koruu", defaults={"first_name": "Айнура", "last_name": "Бекова"}
        )
        if created:
            specialist_user.set_password(DEMO_PASSWORD)
            specialist_user.email = "koruu@example.org"
            specialist_user.save()
            ChildProtectionSpecialist.objects.create(
                user=specialist_user,
                district=school.district,
                **new_specialist_key(DEMO_PASSWORD),
            )
        plan = [
            (2, [users["nurgul"]], False),
            (2, [users["bakyt"], users["jyldyz"]], False),
            (3, [users["marat"]], True),
        ]
        for position, (minutes, people, specialist) in enumerate(plan, start=1):
            step = LadderStep.objects.create(
                school=school, position=position, minutes=minutes, district_specialist=specialist
            )
            step.staff.set(people)
        today = timezone.localdate()
        Absence.objects.create(
            user=users["jyldyz"],
            starts_on=today + datetime.timedelta(days=7),
            ends_on=today + datetime.timedelta(days=11),
        )
        # Letters keep the time they came (the unread-letter net reads it).
        for appeal in Appeal.objects.filter(school=school):
            moment = datetime.datetime.combine(appeal.received_on, datetime.time(10, 30))
            Appeal.objects.filter(pk=appeal.pk).update(
                created_at=timezone.make_aware(moment, timezone.get_current_timezone())
            )
        for appeal in Appeal.objects.filter(school=school, urgency=Appeal.URGENT).order_by(
            "received_on"
        ):
            appeal.refresh_from_db()
            if appeal.received_on < today:
                # An old one: confirmed within minutes, referred the same day.
                case = UrgentCase.objects.create(
                    appeal=appeal,
                    school=school,
                    opened_at=appeal.created_at,
                    wave=1,
                    acknowledged_at=appeal.created_at + datetime.timedelta(minutes=6),
                    acknowledged_by=users["nurgul"],
                    decision_due_at=appeal.created_at + datetime.timedelta(hours=7),
                    decided_at=appeal.created_at + datetime.timedelta(hours=3),
                    decided_by=users["nurgul"],
                    referred=True,
                    referral_to="social",
                    referral_how="phone",
                    referred_at=appeal.created_at + datetime.timedelta(hours=2),
                )
            else:
                Appeal.objects.filter(pk=appeal.pk).update(created_at=timezone.now())
                appeal.refresh_from_db()
                case = ladder.open_case(appeal)
            del case

    def _district_viewer(self, school):
        """A district specialist who sees the district's figures, never a letter."""
        User = get_user_model()
        viewer, created = User.objects.get_or_create(
            username="rayon", defaults={"first_name": "Чолпон", "last_name": "Токтосунова"}
        )
        if created:
            viewer.set_password(DEMO_PASSWORD)
            viewer.save()
        DistrictViewer.objects.get_or_create(user=viewer, district=school.district)
