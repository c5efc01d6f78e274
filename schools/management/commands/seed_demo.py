"""A demo school that looks lived-in. Invented people and letters only."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import Membership
from journal.models import Appeal
from journal.sealing import add_author_message, add_staff_message, create_appeal
from schools.models import School, SchoolContact
from schools.setup import add_staff, create_school

DEMO_PASSWORD = "demo-ishenim-2026"
SLUG = "demo"

STAFF = [
    ("nurgul", "Нургүл", "Асанова", Membership.RESPONSIBLE),
    ("bakyt", "Бакыт", "Осмонов", Membership.MEMBER),
    ("jyldyz", "Жылдыз", "Сыдыкова", Membership.MEMBER),
    ("marat", "Марат", "Абдыраев", Membership.DIRECTOR),
]

# (days ago, author kind, signed identity or None, text, staff answer or None, author's reply)
LETTERS = [
    (
        9,
        "pupil",
        None,
        "Саламатсызбы. Биздин класста бир бала мени күн сайын шылдыңдайт, "
        "сумкамды ыргытып салат. Мугалимге айтсам, дагы жаман болот деп коркуп жатам.",
        "Саламатсызбы! Катыңыз үчүн рахмат. Сиз туура кылдыңыз. Эртең чоң танапистен кийин "
        "социалдык педагогдун бөлмөсүнө келиңиз, бирге чечебиз. Эч ким билбейт.",
        "Рахмат, келем.",
    ),
    (
        8,
        "parent",
        {"name": "Гүлмира Сатыбалдиева", "phone": "+996 555 000 111"},
        "Здравствуйте. Мой сын в 6 классе, в столовой не хватает мест, дети едят стоя. "
        "Можно ли сделать две смены обеда?",
        "Здравствуйте! Спасибо за предложение. С понедельника вводим две смены обеда.",
        None,
    ),
    (
        6,
        "pupil",
        None,
        "Математикадан үй тапшырма өтө көп, түнкү 12ге чейин отурабыз. Азыраак берсеңиздер болобу?",
        None,
        None,
    ),
    (
        4,
        "pupil",
        None,
        "Мен эми эч кимге керек эмесмин. Баарына тоскоол болуп жатам, "
        "жок болуп кетсем жакшы болмок.",
        "Сага жазганың үчүн рахмат. Сен баарыбызга керексиң. "
        "Бүгүн 14:00дө 12-кабинетте күтөм, же 111ге чал — бекер.",
        None,
    ),
    (
        3,
        "teacher",
        {"name": "Эрмек Турдубаев", "email": "teacher@example.org"},
        "Добрый день. Ученики 9 класса жалуются, что старшеклассники отбирают у них деньги "
        "возле магазина после уроков.",
        None,
        None,
    ),
    (2, "pupil", None, "Спасибо за новый спортзал и секцию волейбола! Очень нравится.", None, None),
    (
        1,
        "other",
        None,
        "Кечээ мектептин алдында кара телефон жоготуп алдым. Тапкандар болсо айтып коюңуздарчы.",
        None,
        None,
    ),
    (
        0,
        "pupil",
        None,
        "Атам ичип келип апамды да, мени да урат. Кечээ колума көк так калды. Үйгө баргым келбейт.",
        None,
        None,
    ),
]


class Command(BaseCommand):
    help = "Create the demo school with invented staff and letters (once; safe to re-run)."

    def handle(self, *args, **options):
        school = School.objects.filter(slug=SLUG).first()
        if school is None:
            school = self._create()
        self.stdout.write("")
        self.stdout.write(f"Demo school: {school.name_ky}  →  {settings.SITE_URL}/s/{SLUG}/")
        self.stdout.write(
            f"Staff login at {settings.SITE_URL}/staff/login/ (password {DEMO_PASSWORD}):"
        )
        for username, first, last, role in STAFF:
            label = dict(Membership.ROLE_CHOICES)[role]
            self.stdout.write(f"    {username:8} {first} {last} — {label}")
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
        today = timezone.localdate()
        for days, kind, identity, text, answer, reply in LETTERS:
            appeal, _code = create_appeal(
                school,
                text=text,
                author_kind=kind,
                is_anonymous=identity is None,
                identity=identity,
                received_on=today - datetime.timedelta(days=days),
            )
            if answer:
                add_staff_message(appeal, users["nurgul"], answer)
                appeal.status = Appeal.ANSWERED
                appeal.save(update_fields=["status"])
            if reply:
                add_author_message(appeal, reply)
        self.stdout.write("Demo school created.")
        return school
