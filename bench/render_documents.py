"""Sample journal and board PDFs in var/documents/, rendered to PNG so that anyone can look at
them (the layout is only checked by eye). Names are invented.

Run: .venv/bin/python bench/render_documents.py   (needs pdftoppm, package poppler-utils)
"""

import random
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from journal.documents import board_pdf, journal_pdf  # noqa: E402

OUT = ROOT / "var" / "documents"

NAMES = {
    "ky": [
        "Айгерим Садыкова",
        "Нурбек Токтогулов",
        "Жылдыз Өмүрова",
        "Бакыт Үсөнов",
        "Саякбай Жумабеков",
        "Гүлнара Ниязова",
        "Эрмек Абдылдаев",
        "Чолпон Карыпова",
    ],
    "ru": [
        "Айгерим Садыкова",
        "Нурбек Токтогулов",
        "Жылдыз Омурова",
        "Бакыт Усенов",
        "Саякбай Жумабеков",
        "Гульнара Ниязова",
        "Эрмек Абдылдаев",
        "Чолпон Карыпова",
    ],
}
ANONYMOUS = {"ky": "Анонимдүү", "ru": "Аноним"}
CONTACT = {"ky": "Чүй көч., {n}-үй, тел. 0700 {p:06d}", "ru": "ул. Чуй, д. {n}, тел. 0700 {p:06d}"}
SUMMARIES = {
    "ky": [
        "Класстагы балдар шылдыңдап, телефонду тартып алышат.",
        "Үйдө ата-энем урушат, сабакка даярдана албайм. Кимге кайрылсам болот?",
        "Ашканада тамак жетпейт, тыныгуу өтө кыска.",
        "Жогорку класстын окуучусу акча талап кылат, бербесем коркутат. Мугалимдерге "
        "айтканга коркуп жатам, анткени ал мени мектептен кийин күтүп турат. Бул бир "
        "айдан бери болуп жатат жана досторум да ушундай абалда.",
        "Математикадан кошумча сабак керек.",
        "Досум менен урушуп калдым, эми сүйлөшпөйбүз, көңүлүм чөгүп жүрөт.",
    ],
    "ru": [
        "Одноклассники дразнят и отбирают телефон.",
        "Дома ругаются родители, не могу готовиться к урокам. К кому обратиться?",
        "В столовой не хватает еды, перемена слишком короткая.",
        "Старшеклассник требует деньги и угрожает, если не отдам. Боюсь сказать учителям, "
        "потому что он ждёт меня после уроков. Это продолжается уже месяц, и с моими "
        "друзьями происходит то же самое.",
        "Нужны дополнительные занятия по математике.",
        "Поссорился с другом, теперь не разговариваем, настроение плохое.",
    ],
}
MEASURES = {
    "ky": [
        "Класстык саатта маек өткөрүлдү.",
        "Социалдык педагог ата-энелер менен жолукту, психологдун консультациясы дайындалды.",
        "Комиссияда каралды, ИДН инспекторуна маалымат берилди.",
        "Жооп стендге илинди.",
        "",
    ],
    "ru": [
        "Проведена беседа на классном часе.",
        "Социальный педагог встретился с родителями, назначена консультация психолога.",
        "Рассмотрено комиссией, информация передана инспектору ПДН.",
        "Ответ вывешен на стенде.",
        "",
    ],
}


def sample_rows(lang: str, count: int = 60) -> list[dict]:
    rnd = random.Random(6)
    day = date(2024, 9, 6)
    rows = []
    for n in range(1, count + 1):
        day += timedelta(days=rnd.choice([0, 1, 2, 3, 7]))
        signed = rnd.random() < 0.4
        answered = None if n > count - 4 else day + timedelta(days=rnd.randint(1, 6))
        rows.append(
            {
                "number": n,
                "received_on": day,
                "author": f"{rnd.choice(NAMES[lang])}, {rnd.randint(11, 17)}"
                if signed
                else ANONYMOUS[lang],
                "contact": CONTACT[lang].format(n=rnd.randint(1, 90), p=rnd.randint(0, 999999))
                if signed
                else "",
                "summary": rnd.choice(SUMMARIES[lang]),
                "answered_on": answered,
                "measures": rnd.choice(MEASURES[lang]) if answered else "",
            }
        )
    return rows


BOARD_POSTS = [
    {
        "kind": "answer",
        "tag": "AK-4829",
        "published_on": date(2025, 3, 3),
        "question": "Класстагы балдар мени шылдыңдашат. Эмне кылсам болот?",
        "answer": "Сен жалгыз эмессиң жана бул сенин күнөөң эмес. Класс жетекчиңе же социалдык "
        "педагогго айт — алар сенин атыңды эч кимге айтпай жардам беришет. Ошондой эле 111 "
        "номерине акысыз чалсаң болот.",
    },
    {
        "kind": "answer",
        "tag": "KT-1175",
        "published_on": date(2025, 3, 3),
        "question": "Ашканада тамак жетпейт, тыныгуу өтө кыска.",
        "answer": "Рахмат! Мектептин администрациясы тыныгууну 20 мүнөткө узартууну "
        "чечти, ашкананын кезеги класстар боюнча бөлүштүрүлдү.",
    },
    {
        "kind": "invitation",
        "tag": "ZB-3307",
        "published_on": date(2025, 3, 4),
        "person": "социалдык педагог Айгерим Садыкова",
        "where": "12-кабинет, шейшемби жана бейшемби, 14:00–16:00",
    },
    {
        "kind": "answer",
        "tag": "MN-0562",
        "published_on": date(2025, 3, 5),
        "question": "Үйдө ата-энем урушат, сабакка даярдана албайм. Кимге кайрылсам болот? "
        "Кээде үйгө баргым келбейт, мектептен кийин көчөдө жүрөм.",
        "answer": "Мындай абалда көп балдар болот, сен туура кылдың — жазганың жакшы. "
        "Мектепте психолог менен жеке сүйлөшүүгө болот: ал эч кимге айтпайт. Сабакка "
        "мектептин китепканасында даярдансаң болот, ал 17:00гө чейин ачык. Эгер үйдө "
        "коркунучтуу болсо, 111 же 102 номерине чал.",
    },
    {
        "kind": "answer",
        "tag": "RS-9014",
        "published_on": date(2025, 3, 6),
        "question": "Математикадан кошумча сабак барбы?",
        "answer": "Ооба: дүйшөмбү жана шаршемби күндөрү 15:00дө, 21-кабинетте.",
    },
]


def render(name: str, data: bytes) -> None:
    pdf = OUT / f"{name}.pdf"
    pdf.write_bytes(data)
    for old in OUT.glob(f"{name}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "70", str(pdf), str(OUT / name)], check=True)
    pages = sorted(OUT.glob(f"{name}-*.png"))
    print(f"{pdf.relative_to(ROOT)}: {len(data) // 1024} KB, {len(pages)} page(s) as PNG")


def main() -> None:
    if not shutil.which("pdftoppm"):
        sys.exit("pdftoppm is missing: apt-get install poppler-utils")
    OUT.mkdir(parents=True, exist_ok=True)
    school = {"ky": "Ош шаарындагы № 6 орто мектеп", "ru": "Средняя школа № 6 г. Ош"}
    for lang in ("ky", "ru"):
        render(f"journal-{lang}", journal_pdf(school[lang], "2024–2025", sample_rows(lang), lang))
    render("journal-empty", journal_pdf(school["ky"], "2024–2025", [], "ky"))
    render("board-ky", board_pdf(school["ky"], BOARD_POSTS, "ky", date(2025, 3, 6)))


if __name__ == "__main__":
    main()
