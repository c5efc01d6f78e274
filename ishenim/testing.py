"""The fixed cast of the tests (after Healthchecks' Alice, Bob and Charlie).

School 1 "demo": Aida the responsible person (social pedagogue), Bolot a commission
member, Dana the director. School 2 "other": Chyngyz, a responsible person who is an
outsider to school 1. The authors are anonymous pupils.
"""

from django.core.cache import cache
from django.test import TestCase

from accounts.models import Membership
from journal.sealing import create_appeal
from schools.setup import add_staff, create_school

PASSWORD = "correct horse battery"


def make_school(slug="demo", name="Ак-Терек мектеби"):
    return create_school(
        slug=slug,
        name_ky=name,
        name_ru=f"Школа {slug}",
        district_ky="Ысык-Ата району",
        district_ru="Ысык-Атинский район",
    )


class CastMixin:
    def make_cast(self):
        cache.clear()  # attempt counters live in the cache (ishenim/throttle.py)
        self.school, self.key, self.recovery = make_school()
        self.aida = add_staff(
            self.school,
            self.key,
            username="aida",
            password=PASSWORD,
            role=Membership.RESPONSIBLE,
            first_name="Аида",
            last_name="Токтобаева",
            email="aida@example.org",
        )
        self.bolot = add_staff(
            self.school,
            self.key,
            username="bolot",
            password=PASSWORD,
            role=Membership.MEMBER,
            first_name="Болот",
            last_name="Иманов",
        )
        self.dana = add_staff(
            self.school,
            self.key,
            username="dana",
            password=PASSWORD,
            role=Membership.DIRECTOR,
            first_name="Дана",
            last_name="Сейитова",
        )
        self.other_school, self.other_key, _ = make_school("other", "Башка мектеп")
        self.chyngyz = add_staff(
            self.other_school,
            self.other_key,
            username="chyngyz",
            password=PASSWORD,
            role=Membership.RESPONSIBLE,
        )

    def submit(self, text="Мени класста шылдыңдашат.", school=None, **kwargs):
        kwargs.setdefault("author_kind", "pupil")
        kwargs.setdefault("is_anonymous", True)
        return create_appeal(school or self.school, text=text, **kwargs)

    def login(self, username="aida"):
        response = self.client.post("/staff/login/", {"username": username, "password": PASSWORD})
        assert response.status_code == 302, response.content[:500]


class BaseTestCase(CastMixin, TestCase):
    def setUp(self):
        super().setUp()
        self.make_cast()


class LocalSMTP:
    """A real SMTP server on localhost (aiosmtpd) that keeps what it receives."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.messages = []
        outer = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                outer.messages.append(envelope)
                return "250 OK"

        import socket

        with socket.socket() as probe:  # aiosmtpd needs a real port number to check itself
            probe.bind(("127.0.0.1", 0))
            free = probe.getsockname()[1]
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=free)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()

    @property
    def port(self):
        return self.controller.port

    def settings(self):
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": self.port,
        }

    def texts(self):
        import email

        out = []
        for env in self.messages:
            msg = email.message_from_bytes(env.content)
            body = msg.get_payload(decode=True).decode(msg.get_content_charset() or "utf-8")
            out.append(
                (
                    env.rcpt_tos,
                    str(email.header.make_header(email.header.decode_header(msg["Subject"]))),
                    body,
                )
            )
        return out


def closed_port():
    """A local port where nothing listens: a mail server that is down."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def mail_server_down():
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": closed_port(),
        "EMAIL_TIMEOUT": 2,
    }


# --- What a person must never read on a page: the code's own ids (issue 15) ---------------


def _recorded_actions():
    """Every audit action the code records: the first argument of each record(...) call."""
    import ast
    from pathlib import Path

    from django.conf import settings

    from audit.models import ACTION_LABELS

    actions = set(ACTION_LABELS)
    root = Path(settings.BASE_DIR)
    for path in root.glob("*/**/*.py"):
        parts = path.relative_to(root).parts
        if parts[0].startswith(".") or parts[0] == "var" or "tests" in parts:
            continue
        if "migrations" in parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", None)) == "record"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                actions.add(node.args[0].value)
    return actions


def _choice_keys():
    """The stored value of every choice of every model field of the project's apps."""
    from django.apps import apps

    keys = set()
    for model in apps.get_models():
        if model.__module__.split(".")[0] not in PROJECT_APPS:
            continue
        for field in model._meta.get_fields():
            for key, _label in getattr(field, "flatchoices", None) or []:
                if isinstance(key, str):
                    keys.add(key)
    return keys


def _changed_fields():
    """The field names that change records carry (journal/work.py)."""
    from journal.work import PLAIN_FIELDS, SEALED_FIELDS

    return {f.removesuffix("_id") for f in (*PLAIN_FIELDS, *SEALED_FIELDS)}


PROJECT_APPS = {
    "accounts",
    "audit",
    "board",
    "commission",
    "intake",
    "journal",
    "notify",
    "openings",
    "reports",
    "schools",
    "triage",
    "urgent",
    "vault",
}


def internal_values():
    """Ids that look like code (latin, lower case, maybe with _ or .), never words for people."""
    import re

    values = _recorded_actions() | _choice_keys() | _changed_fields()
    return sorted(v for v in values if re.fullmatch(r"[a-z][a-z0-9_.]+", v))


def visible_text(html):
    """The text a person sees on a page: no tags, no scripts, no styles, no attribute values."""
    from html.parser import HTMLParser

    class Text(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.parts, self.hidden = [], 0

        def handle_starttag(self, tag, attrs):
            if tag in ("script", "style", "template"):
                self.hidden += 1

        def handle_endtag(self, tag):
            if tag in ("script", "style", "template") and self.hidden:
                self.hidden -= 1

        def handle_data(self, data):
            if not self.hidden:
                self.parts.append(data)

    parser = Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def internal_values_in(text, values=None):
    """The internal values that stand as whole words in `text`."""
    import re

    found = []
    for value in values if values is not None else internal_values():
        if re.search(rf"(?<![\w.-]){re.escape(value)}(?![\w-]|\.\w)", text):
            found.append(value)
    return found
