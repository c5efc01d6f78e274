"""Finding 4: a double tap on Send posts one form twice at once; the phone shows the answer to
the last tap, so both answers show the same receipt code."""

import re
import threading
from unittest import mock

from django.db import connection
from django.test import TransactionTestCase, override_settings

from intake.models import PendingReceipt
from ishenim.testing import BaseTestCase, CastMixin
from journal.models import Appeal

URL = "/s/demo/write/anonymous/"
TOKEN = "f3a1c2d4e5b6978812345678abcdef01"
CODE = re.compile(r'class="code"[^>]*>(\d{4} \d{4} \d{4} \d{4})<')


def form_data():
    return {"author_kind": "pupil", "text": "Мени урушат.", "token": TOKEN}


def code_on_receipt(client):
    found = CODE.search(client.get("/s/demo/receipt/").content.decode())
    return found.group(1) if found else None


class DoubleTapTests(BaseTestCase):
    def two_taps_of_one_page(self):
        """Two browsers' worth of state, as a phone has it just before the two posts."""
        first = self.client_class()
        first.get(URL)
        second = self.client_class()
        second.cookies = first.cookies
        return first, second

    def test_a_double_tap_on_send_shows_the_same_receipt_in_both_answers(self):
        first, second = self.two_taps_of_one_page()
        first.post(URL, form_data())
        second_answer = self.client_class()  # the second answer's own session (it won the race)
        second_answer.post(URL, form_data())
        self.assertEqual(Appeal.objects.count(), 1)
        code = code_on_receipt(first)
        self.assertIsNotNone(code)
        self.assertEqual(code_on_receipt(second_answer), code)

    def test_the_second_tap_arriving_while_the_first_is_stored_shows_the_same_receipt(self):
        from intake.forms import LetterForm

        real = LetterForm.is_valid
        second = self.client_class()
        calls = []

        def is_valid(form):
            # Both taps found no appeal yet; the second one is stored first, in between.
            if not calls:
                calls.append(1)
                second.post(URL, form_data())
            return real(form)

        with mock.patch.object(LetterForm, "is_valid", is_valid):
            r = self.client.post(URL, form_data())
        self.assertRedirects(r, "/s/demo/receipt/")
        self.assertEqual(Appeal.objects.count(), 1)
        code = code_on_receipt(second)
        self.assertIsNotNone(code)
        self.assertEqual(code_on_receipt(self.client), code)

    def test_the_kept_receipt_is_sealed_and_the_token_is_not_stored(self):
        self.client.post(URL, form_data())
        code = code_on_receipt(self.client).replace(" ", "")
        pending = PendingReceipt.objects.get()
        stored = bytes(pending.sealed_code) + bytes(pending.lookup)
        self.assertNotIn(code.encode(), stored)
        self.assertNotIn(TOKEN.encode(), stored)

    def test_after_a_few_minutes_the_receipt_is_no_longer_kept(self):
        with override_settings(PENDING_RECEIPT_SECONDS=-1):  # kept for no time at all
            self.client.post(URL, form_data())
        other = self.client_class()
        other.post(URL, {**form_data(), "token": "another-form-token-0000000000000"})
        self.assertEqual(PendingReceipt.objects.count(), 1)  # the expired one was removed
        late = self.client_class()
        late.post(URL, form_data())
        self.assertIsNone(code_on_receipt(late))

    def test_another_token_does_not_open_a_kept_receipt(self):
        self.client.post(URL, form_data())
        self.assertEqual(PendingReceipt.recall("0" * 32), (None, None))


class DoubleTapThreadTests(CastMixin, TransactionTestCase):
    """Two real requests at once, in two threads (each with its own database connection)."""

    def setUp(self):
        self.make_cast()

    def test_two_simultaneous_posts_of_one_form_show_the_same_receipt(self):
        clients = [self.client_class(), self.client_class()]
        barrier = threading.Barrier(2)
        errors = []

        def tap(client):
            try:
                barrier.wait()
                client.post(URL, form_data())
            except Exception as error:  # reported below, not lost in the thread
                errors.append(error)
            finally:
                connection.close()

        threads = [threading.Thread(target=tap, args=(c,)) for c in clients]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])
        self.assertEqual(Appeal.objects.count(), 1)
        codes = [code_on_receipt(c) for c in clients]
        self.assertIsNotNone(codes[0])
        self.assertEqual(codes[0], codes[1])
