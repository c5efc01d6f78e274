"""Issue 15: every interface string of the author pages comes from the active catalog.

A pseudo-locale is built from the Kyrgyz catalog: every message wrapped in ⟦…⟧, compiled into a
temporary LOCALE_PATHS folder. Each author page is rendered in it; any visible text (or text
read aloud: alt, title, placeholder, aria-label) outside the markers fails the test, unless it
is what people wrote (the letter, the answer, the board, staff names, the school's name and
address), a number, a code, a date, or a language's own name on the language switch."""

import re
import shutil
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import django
import polib
from django.conf import settings
from django.test import override_settings
from django.utils import dates, translation

from board.models import BoardPost
from ishenim.testing import BaseTestCase
from journal.models import Appeal
from journal.sealing import add_staff_message
from schools.models import School

OPEN, CLOSE = "⟦", "⟧"
INNERMOST = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}")
NOTHING_TO_READ = re.compile(r"[\d\W_]+")  # numbers, codes' digits, punctuation, spaces
READ_ALOUD = ("alt", "title", "placeholder", "aria-label")

LETTER = "Мени класста шылдыңдашат. Жардам бериңизчи."
URGENT = "Мен мындан ары жашагым келбейт. Бүгүн кечинде таблеткаларды ичип алам, кечиргиле."
REPLY = "Катыңыз үчүн рахмат. Эртең 12-кабинетке келиңиз."
QUESTION = "Мени класста шылдыңдашат. Эмне кылам?"
ANSWER = "Сиз жалгыз эмессиз. Социалдык педагогдун бөлмөсүнө келиңиз."


def build_pseudo_locale(folder):
    """The Kyrgyz catalog with every message marked, as `folder`/ky/LC_MESSAGES/django.mo;
    Django's own Kyrgyz messages (a form's "enter a whole number") are marked too."""
    po = polib.pofile(str(Path(settings.BASE_DIR) / "locale/ky/LC_MESSAGES/django.po"))
    ours = {(e.msgctxt, e.msgid) for e in po}
    django_po = Path(django.__file__).parent / "conf/locale/ky/LC_MESSAGES/django.po"
    for entry in polib.pofile(str(django_po)):
        if entry.translated() and (entry.msgctxt, entry.msgid) not in ours:
            po.append(entry)
    for entry in po:
        if entry.msgid_plural:
            entry.msgstr_plural = {k: f"{OPEN}{v}{CLOSE}" for k, v in entry.msgstr_plural.items()}
        elif entry.msgid:
            entry.msgstr = f"{OPEN}{entry.msgstr}{CLOSE}"
    target = Path(folder) / "ky" / "LC_MESSAGES"
    target.mkdir(parents=True)
    po.save_as_mofile(str(target / "django.mo"))


class VisibleText(HTMLParser):
    """The page's text as a reader sees it (one line per text node, so that a message with
    markup inside stays one marked run), and the attributes read aloud, each on its own."""

    HIDDEN = {"script", "style", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.nodes, self.attributes, self.hidden = [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.hidden += 1
        attrs = dict(attrs)
        self.attributes += [attrs[name] for name in READ_ALOUD if attrs.get(name)]
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.attributes.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in self.HIDDEN:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden and data.strip():
            self.nodes.append(data.strip())


class PseudoLocaleTests(BaseTestCase):
    def setUp(self):
        super().setUp()
        folder = tempfile.mkdtemp(prefix="ishenim-pseudo-")
        self.addCleanup(shutil.rmtree, folder)
        build_pseudo_locale(folder)
        override = override_settings(LOCALE_PATHS=[folder])
        override.enable()
        self.addCleanup(override.disable)
        self.client.cookies["lang"] = "ky"

    def what_people_wrote(self):
        """Text that is not the interface: written by authors or staff, or the school's data."""
        people = [self.aida, self.bolot, self.dana]
        values = {LETTER, URGENT, REPLY, QUESTION, ANSWER}
        values |= {u.get_full_name() for u in people} | {u.username for u in people}
        for school in School.objects.select_related("district"):
            values |= {school.name_ky, school.name_ru, school.address, school.phone}
            values |= {school.district.name_ky, school.district.name_ru}
        values |= {c.title for c in self.school.contacts.all()}
        values |= set(Appeal.objects.values_list("tag", flat=True))
        # The language switch names each language in its own script, on purpose.
        values |= {name for _code, name in settings.LANGUAGES}
        with translation.override("ky"):  # dates: Django's own month and weekday names
            for table in (dates.MONTHS, dates.MONTHS_ALT, dates.MONTHS_3, dates.WEEKDAYS):
                values |= {str(v) for v in table.values()}
        return sorted((v for v in values if v), key=len, reverse=True)

    def unmarked(self, body):
        parser = VisibleText()
        parser.feed(body)
        found = []
        for run in ["\n".join(parser.nodes), *parser.attributes]:
            while INNERMOST.search(run):
                run = INNERMOST.sub(" ", run)
            for value in self.what_people_wrote():
                run = run.replace(value, " ")
            for line in run.splitlines():
                if NOTHING_TO_READ.sub("", line):
                    found.append(line.strip())
        return found

    def pages(self):
        """(name, response) for every author page."""
        BoardPost.objects.create(
            school=self.school,
            appeal=self.submit()[0],
            published_by=self.aida,
            question=QUESTION,
            answer=ANSWER,
        )
        yield "home", self.client.get("/")
        yield "home, a search that finds nothing", self.client.get("/", {"q": "жок"})
        yield "school", self.client.get("/s/demo/")
        yield "first step", self.client.get("/s/demo/write/")
        yield "anonymous form", self.client.get("/s/demo/write/anonymous/")
        yield "signed form", self.client.get("/s/demo/write/signed/")
        yield (
            "form with errors",
            self.client.post(
                "/s/demo/write/signed/", {"token": "e" * 32, "age": "он", "email": "жок"}
            ),
        )
        yield "no receipt", self.client.get("/s/demo/receipt/")
        self.client.post(
            "/s/demo/write/anonymous/", {"author_kind": "pupil", "text": LETTER, "token": "a" * 32}
        )
        yield "receipt", self.client.get("/s/demo/receipt/")
        yield "printable receipt", self.client.get("/s/demo/receipt/print/")
        appeal = Appeal.objects.get(submission_token="a" * 32)
        add_staff_message(appeal, self.aida, REPLY)
        yield "conversation", self.client.get("/s/demo/conversation/")
        self.client.post("/s/demo/leave/")
        self.client.post(
            "/s/demo/write/anonymous/", {"author_kind": "pupil", "text": URGENT, "token": "u" * 32}
        )
        self.assertTrue(Appeal.objects.get(submission_token="u" * 32).is_urgent)
        yield "crisis receipt", self.client.get("/s/demo/receipt/")
        self.client.post("/s/demo/leave/")
        yield "check", self.client.get("/s/demo/check/")
        yield "check, a wrong code", self.client.post("/s/demo/check/", {"code": "12"})
        yield "board", self.client.get("/s/demo/board/")
        BoardPost.objects.create(
            school=self.school,
            appeal=appeal,
            published_by=self.aida,
            kind=BoardPost.INVITATION,
            person="Аида Токтобаева",
        )
        yield "board with an invitation", self.client.get("/s/demo/board/")

    def test_the_pseudo_locale_marks_the_interface(self):
        body = self.client.get("/s/demo/").content.decode()
        self.assertIn(f"{OPEN}Анонимдүү жазуу{CLOSE}", body)

    def test_every_interface_string_of_the_author_pages_comes_from_the_catalog(self):
        faults = {}
        for name, response in self.pages():
            self.assertEqual(response.status_code, 200, name)
            found = self.unmarked(response.content.decode())
            if found:
                faults[name] = found
        self.assertEqual(faults, {}, "text on author pages that no catalog gave")
