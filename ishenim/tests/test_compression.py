"""Compression where it cannot leak a secret (ishenim/compression.py: BREACH)."""

import gzip
import re

from ishenim.testing import BaseTestCase

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


class CompressionTests(BaseTestCase):
    def write_a_letter(self):
        data = {"author_kind": "pupil", "text": "Купуя кат", "token": "c" * 32}
        self.assertEqual(self.client.post("/s/demo/write/anonymous/", data).status_code, 302)

    def test_the_school_page_is_compressed(self):
        r = self.client.get("/s/demo/", **GZIP)
        self.assertEqual(r["Content-Encoding"], "gzip")
        self.assertIn("Accept-Encoding", r["Vary"])
        self.assertIn("Ак-Терек", gzip.decompress(r.content).decode())

    def test_the_school_list_and_the_empty_form_are_compressed(self):
        for url in ("/", "/s/demo/write/", "/s/demo/write/anonymous/", "/s/demo/board/"):
            self.assertEqual(self.client.get(url, **GZIP)["Content-Encoding"], "gzip", url)

    def test_the_receipt_page_is_not_compressed(self):
        self.write_a_letter()
        r = self.client.get("/s/demo/receipt/", **GZIP)
        self.assertFalse(r.has_header("Content-Encoding"))
        self.assertRegex(r.content.decode(), r'class="code"[^>]*>\d{4} \d{4} \d{4} \d{4}<')

    def test_check_and_conversation_are_not_compressed(self):
        self.write_a_letter()
        r = self.client.get("/s/demo/conversation/", **GZIP)
        self.assertContains(r, "Купуя кат")
        self.assertFalse(r.has_header("Content-Encoding"))
        r = self.client.post("/s/demo/check/", {"code": "1234123412341234"}, **GZIP)
        self.assertFalse(r.has_header("Content-Encoding"))

    def test_a_search_echoed_in_the_page_is_not_compressed(self):
        r = self.client.get("/", {"q": "Ак-Терек"}, **GZIP)
        self.assertFalse(r.has_header("Content-Encoding"))
        self.login()
        r = self.client.get("/staff/", {"q": "купуя"}, **GZIP)
        self.assertFalse(r.has_header("Content-Encoding"))

    def test_staff_pages_are_not_compressed(self):
        self.login()
        self.assertFalse(self.client.get("/staff/", **GZIP).has_header("Content-Encoding"))

    def test_a_sent_form_is_not_compressed(self):
        r = self.client.post("/s/demo/write/anonymous/", {"text": "", "token": "d" * 32}, **GZIP)
        self.assertEqual(r.status_code, 200)
        self.assertFalse(r.has_header("Content-Encoding"))

    def test_static_files_are_compressed(self):
        page = self.client.get("/s/demo/").content.decode()
        css = re.search(r'href="(/static/[^"]+\.css)"', page).group(1)
        r = self.client.get(css, **GZIP)
        self.assertEqual(r["Content-Encoding"], "gzip")
        self.assertIn(b"{", gzip.decompress(b"".join(r.streaming_content)))

    def test_nothing_is_compressed_for_a_client_that_does_not_ask(self):
        self.assertFalse(self.client.get("/s/demo/").has_header("Content-Encoding"))
