"""A controllable clock, a mail backend that always fails, and a local fake of the Telegram
Bot API (an http.server in a thread): the tests never touch the real network."""

import datetime
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from unittest import mock

from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from notify.models import TelegramLink

# A Tuesday morning in Bishkek (UTC+6).
T0 = timezone.make_aware(datetime.datetime(2026, 11, 10, 9, 0))


class Clock:
    """Patches django.utils.timezone.now: every timezone.now() call sees `self.now`."""

    def __init__(self, start=T0):
        self.now = start

    def advance(self, **kwargs):
        self.now += datetime.timedelta(**kwargs)
        return self.now

    def __enter__(self):
        self.patcher = mock.patch("django.utils.timezone.now", side_effect=lambda: self.now)
        self.patcher.start()
        return self

    def __exit__(self, *exc):
        self.patcher.stop()


class FailingBackend(BaseEmailBackend):
    """A mail server that refuses every mail."""

    def send_messages(self, messages):
        raise ConnectionRefusedError("down")


FAILING_MAIL = {"EMAIL_BACKEND": "notify.tests.helpers.FailingBackend"}


class FakeBotAPI:
    """getUpdates serves the messages added with `write`, from the given offset on; sendMessage
    records what was sent. `down = True` answers 502 to everything."""

    def __init__(self):
        self.updates, self.sent, self.calls = [], [], []
        self.down = False
        self.next_update_id = 1000
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                token, _slash, method = self.path.removeprefix("/bot").partition("/")
                length = int(self.headers.get("Content-Length") or 0)
                payload = json.loads(self.rfile.read(length) or b"{}")
                outer.calls.append((token, method, payload))
                if outer.down:
                    return self.answer(502, {"ok": False, "error_code": 502})
                if method == "getUpdates":
                    offset = payload.get("offset", 0)
                    result = [u for u in outer.updates if u["update_id"] >= offset]
                    return self.answer(200, {"ok": True, "result": result})
                if method == "sendMessage":
                    outer.sent.append(payload)
                    return self.answer(200, {"ok": True, "result": {"message_id": len(outer.sent)}})
                return self.answer(404, {"ok": False, "error_code": 404})

            def answer(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)

    def __enter__(self):
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def settings(self):
        return {
            "TELEGRAM_BOT_TOKEN": "123456:TEST",
            "TELEGRAM_BOT_NAME": "IshenimTestBot",
            "TELEGRAM_API_BASE": f"http://127.0.0.1:{self.server.server_port}",
        }

    def write(self, chat_id, text, chat_type="private"):
        """A person writes to the bot."""
        self.next_update_id += 1
        self.updates.append(
            {
                "update_id": self.next_update_id,
                "message": {
                    "message_id": self.next_update_id,
                    "chat": {"id": chat_id, "type": chat_type},
                    "text": text,
                },
            }
        )

    def sent_to(self, chat_id):
        return [m["text"] for m in self.sent if m["chat_id"] == chat_id]


def link_telegram(user, chat_id):
    return TelegramLink.objects.create(user=user, chat_id=chat_id)
