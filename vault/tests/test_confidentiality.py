"""DESIGN.md §4: a copy of the database and the files reveals no content, no identity,
no receipt code; no client address or user agent is stored or logged."""

import io
import logging
import os
import re

from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import RequestFactory, TransactionTestCase, override_settings

from ishenim import throttle
from ishenim.testing import CastMixin
from journal.models import Appeal

TEXT_MARKER = "ZEBRAQUOKKA4471"
NAME_MARKER = "OCELOTNARWHAL9921"
FILE_MARKER = "PANGOLINYAK3307"


def pdf_with_text(text):
    """A real one-page PDF (attached PDFs are re-written, so they must parse) whose page
    content carries the marker, uncompressed."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(200, 200)
    content = DecodedStreamObject()
    content.set_data(f"BT /F1 12 Tf 10 100 Td ({text}) Tj ET".encode())
    page[NameObject("/Contents")] = writer._add_object(content)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


REPLY_MARKER = "AXOLOTLIBEX5150"
CLIENT_IP = "198.51.100.77"
CLIENT_UA = "UAMARKER-Tamagotchi/7.31"


class Capture(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.lines = []

    def emit(self, record):
        self.lines.append(self.format(record) + repr(getattr(record, "__dict__", {})))


class CapturingTestCase(CastMixin, TransactionTestCase):
    """Every log record at any level is kept; everything at rest can be read back."""

    def setUp(self):
        self.make_cast()
        self.capture = Capture()
        root = logging.getLogger()
        self.old_level = root.level
        root.setLevel(logging.DEBUG)
        root.addHandler(self.capture)

    def tearDown(self):
        root = logging.getLogger()
        root.removeHandler(self.capture)
        root.setLevel(self.old_level)

    def everything_stored(self):
        """Every byte of the database (files, or every row on PostgreSQL) and the media folder."""
        blobs = []
        if connection.vendor == "sqlite":
            path = connection.settings_dict["NAME"]
            for suffix in ("", "-wal", "-shm", "-journal"):
                if os.path.exists(f"{path}{suffix}"):
                    with open(f"{path}{suffix}", "rb") as f:
                        blobs.append(f.read())
        with connection.cursor() as cursor:
            for table in connection.introspection.table_names(cursor):
                cursor.execute(f'SELECT * FROM "{table}"')
                for row in cursor.fetchall():
                    for value in row:
                        if isinstance(value, (bytes, memoryview)):
                            blobs.append(bytes(value))
                        else:
                            blobs.append(str(value).encode())
        for folder, _dirs, files in os.walk(settings.MEDIA_ROOT):
            for name in files:
                with open(os.path.join(folder, name), "rb") as f:
                    blobs.append(f.read())
        return b"\n".join(blobs)


class ConfidentialityTests(CapturingTestCase):
    def test_no_marker_code_address_or_agent_is_stored_or_logged(self):
        client = self.client_class(
            REMOTE_ADDR=CLIENT_IP, HTTP_USER_AGENT=CLIENT_UA, HTTP_X_FORWARDED_FOR=CLIENT_IP
        )
        pdf = pdf_with_text(FILE_MARKER)
        r = client.post(
            "/s/demo/write/signed/",
            {
                "author_kind": "pupil",
                "name": NAME_MARKER,
                "age": "14",
                "phone": "+996 000 123 456",
                "text": f"Менин катым {TEXT_MARKER}",
                "token": "x" * 32,
                "attachment": SimpleUploadedFile("f.pdf", pdf, "application/pdf"),
            },
        )
        self.assertEqual(r.status_code, 302)
        receipt = client.get("/s/demo/receipt/").content.decode()
        code = re.search(r"(\d{4}) (\d{4}) (\d{4}) (\d{4})", receipt).groups()
        code = "".join(code)
        client.post("/s/demo/check/", {"code": code})
        client.post("/s/demo/conversation/", {"text": f"Дагы {TEXT_MARKER}"})
        self.login("aida")
        appeal = Appeal.objects.get()
        # Registered first: a letter is answered only once it has a journal number.
        self.client.post(f"/staff/appeals/{appeal.pk}/", {"action": "register"})
        self.client.post(
            f"/staff/appeals/{appeal.pk}/",
            {"action": "reply", "reply-text": REPLY_MARKER, "reply-to_author": "on"},
        )
        page = client.get("/s/demo/conversation/").content.decode()
        self.assertIn(REPLY_MARKER, page)  # the author reads it: it works end to end

        stored = self.everything_stored()
        for marker in (
            TEXT_MARKER,
            NAME_MARKER,
            FILE_MARKER,
            REPLY_MARKER,
            code,
            CLIENT_IP,
            CLIENT_UA,
            "+996 000 123 456",
        ):
            self.assertNotIn(marker.encode(), stored, f"{marker!r} found at rest")
        logged = "\n".join(self.capture.lines)
        for marker in (TEXT_MARKER, NAME_MARKER, REPLY_MARKER, code, CLIENT_IP, CLIENT_UA):
            self.assertNotIn(marker, logged, f"{marker!r} found in the logs")


class AddressBehindTheProxyTests(CapturingTestCase):
    """Behind nginx the client's address comes in a header (SOURCE_ADDRESS_HEADER): it is read
    in ishenim/throttle.py only, and only its short-lived keyed hash reaches the cache."""

    def setUp(self):
        super().setUp()
        cache.clear()

    @override_settings(SOURCE_ADDRESS_HEADER="HTTP_X_REAL_IP")
    def test_the_forwarded_address_is_hashed_never_stored_logged_or_cached(self):
        client = self.client_class(HTTP_X_REAL_IP=CLIENT_IP, HTTP_USER_AGENT=CLIENT_UA)
        r = client.post(
            "/s/demo/write/anonymous/",
            {"author_kind": "pupil", "text": f"Менин катым {TEXT_MARKER}", "token": "y" * 32},
        )
        self.assertEqual(r.status_code, 302)
        client.post("/s/demo/check/", {"code": "0000 0000 0000 0000"})
        self.assertEqual(Appeal.objects.count(), 1)
        stored = self.everything_stored()
        logged = "\n".join(self.capture.lines)
        for marker in (CLIENT_IP, CLIENT_UA):
            self.assertNotIn(marker.encode(), stored)
            self.assertNotIn(marker, logged)
        # The counters' keys carry the hash: the same for the same address, never the address.
        keys = [key for key in getattr(cache, "_cache", {}) if ":src:" in key]
        if keys:  # the in-memory cache of the tests (a Redis cache is not listed here)
            self.assertFalse(any(CLIENT_IP in key for key in keys), keys)
            request = RequestFactory().get("/", HTTP_X_REAL_IP=CLIENT_IP)
            self.assertTrue(any(throttle.source(request) in key for key in keys), keys)


class ErrorPathsTests(CastMixin, TransactionTestCase):
    """Error reports are where frameworks print a request whole: none of them may carry the
    client's address or user agent, in the log or by mail."""

    def test_no_logger_mails_a_request_report(self):
        from django.utils.log import AdminEmailHandler

        manager = logging.Logger.manager
        loggers = [logging.getLogger()] + [
            logger for logger in manager.loggerDict.values() if isinstance(logger, logging.Logger)
        ]
        mailers = [
            logger.name
            for logger in loggers
            for handler in logger.handlers
            if isinstance(handler, AdminEmailHandler)
        ]
        self.assertEqual(mailers, [])

    def test_a_refused_host_logs_neither_address_nor_agent(self):
        capture = Capture()
        logger = logging.getLogger("django")  # where django.security.* records end
        logger.addHandler(capture)
        try:
            r = self.client_class(REMOTE_ADDR=CLIENT_IP, HTTP_USER_AGENT=CLIENT_UA).get(
                "/", HTTP_HOST="refused.example"
            )
        finally:
            logger.removeHandler(capture)
        self.assertEqual(r.status_code, 400)
        logged = "\n".join(capture.lines)
        self.assertIn("refused.example", logged)  # the error was logged: the check is real
        self.assertNotIn(CLIENT_IP, logged)
        self.assertNotIn(CLIENT_UA, logged)
