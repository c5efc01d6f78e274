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
    next_review_day,
    review_agenda,
    review_period,
    save_composition,
    sign,
)
from commission.models import Candidacy, Commission, CommissionMember, Meeting, Signature
from intake.models import print_form_codes
from journal.models import Appeal, Message
from journal.sealing import add_author_message, add_staff_message, create_appeal
from journal.work import correct, mark_answered, register, register_paper, update_work, void
from openings.forms import LetterFoundForm
from openings.work import add_letter, create_opening, sign_act
from reports.figures import calendar_quarter, previous_quarter, quarter_of, report_figures
from reports.models import DistrictViewer, QuarterlyReport
from schools.models import Regulation, School, SchoolContact
from schools.setup import add_staff, create_school

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
LETTERS_A = [
    (9, "Спорт залда топ жок, сабакта ойной албай жатабыз.", "Спорт залда топ жок", True),
    (8, "Мени тыныгууда улуу класстын балдары уруп кетти.", "Тыныгууда уруп кетишкен", True),
    (
        3,
        "Ата-энем ажырашып жатышат, сабакка көңүлүм бурулбай жатат.",
        "Үй-бүлөдөгү кыйынчылык",
        False,
    ),
    (1, "Хочу записаться в кружок шахмат, куда обратиться?", "Вопрос о кружке шахмат", False),
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
        """A school under regulation A: the social pedagogue keeps the keys and takes the
        letters out once a week; a commission of three reads them on the sixth day; answers
        in 5 working days; no act of removal, no seal, no quarterly report."""
        school, key, _recovery = create_school(
            slug=SLUG_A,
            name_ky="Кара-Суу шаарындагы №6 орто мектеби (демо, A жобосу)",
            name_ru="Средняя школа №6 города Кара-Суу (демо, положение A)",
            district_ky="Кара-Суу району",
            district_ru="Кара-Суйский район",
            address="Кара-Суу шаары, Ленин көчөсү 6",
            phone="+996 000 00 00 06",
            regulation=Regulation.A,
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
        # Regulation A: a commission of three, the social pedagogue responsible.
        commission = Commission.objects.create(
            school=school,
            order_number="3-к",
            order_date=today - datetime.timedelta(days=60),
            created_by=users["ermek"],
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
        # Last school week: the social pedagogue took the letters out of the box the day
        # before the review day, registered them from the act and signed it with the director;
        # on the sixth day the commission of three read the week's letters together.
        review_day = next_review_day(school, today - datetime.timedelta(days=8))
        collected = review_day - datetime.timedelta(days=1)
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
                "found_appeals": True,
                "sheets": 1,
                "copies": 1,
                "members_present": members[:1],
            },
        )
        for days, text, summary, answered in LETTERS_A:
            if days > 5:  # on paper, in the box: registered from the act
                form = LetterFoundForm(
                    data={"author_kind": "pupil", "text": text, "summary": summary, "note": ""}
                )
                if not form.is_valid():
                    raise RuntimeError(f"demo letter not valid: {form.errors.as_json()}")
                appeal = add_letter(opening, aigul, form).appeal
            else:
                appeal, _code = create_appeal(
                    school,
                    text=text,
                    author_kind="pupil",
                    is_anonymous=True,
                    received_on=today - datetime.timedelta(days=days),
                    channel=Appeal.ONLINE,
                )
                appeal = register(appeal, aigul, summary=summary)
            if answered:
                add_staff_message(
                    appeal, aigul, "Катыңды алдык. Социалдык педагогдун бөлмөсүнө кел."
                )
                mark_answered(appeal, aigul, "conversation")
        sign_act(opening, aigul)
        sign_act(opening, users["ermek"])
        since, until = review_period(school, review_day)
        review = Meeting.objects.create(
            commission=commission,
            kind=Meeting.WEEKLY_REVIEW,
            held_on=review_day,
            number=next_minutes_number(school, review_day),
            period_start=since,
            period_end=until,
            created_by=aigul,
            agenda=review_agenda(school, since, until),
            decisions="Ар бир катка 5 жумушчу күндүн ичинде жооп берилди.",
            sealed_minutes=vault.seal_text(
                school.public_key, "Комиссия жуманын каттарын окуп, жооп берүүнү бөлүштүрдү."
            ),
        )
        review.attendance.set(members)
        for member in members:
            sign(review, member, Signature.ELECTRONIC, member.user)
        self.stdout.write("Regulation A demo school created.")
        return school

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
