"""The staff page that gathers the paper and the link for the school website, and the QR PNG."""

import io
from html.parser import HTMLParser

from django.test import override_settings

from ishenim.testing import BaseTestCase

SITE = "https://ishenim.example.org"
URL = "/staff/print/"


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def snippet_of(response):
    """The text of the read-only textarea, unescaped as the browser shows it."""
    html = response.content.decode()
    start = html.index('<textarea id="id_snippet"')
    start = html.index(">", start) + 1
    raw = html[start : html.index("</textarea>", start)]
    import html as html_lib

    return html_lib.unescape(raw)


@override_settings(SITE_URL=SITE)
class WebsiteSnippetTests(BaseTestCase):
    def test_the_responsible_person_sees_all_three(self):
        self.login("aida")
        r = self.client.get(URL)
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, 'href="/staff/print/forms/?school=demo"')
        self.assertContains(r, 'href="/s/demo/poster.pdf"')
        self.assertContains(r, 'href="/s/demo/qr.png"')
        self.assertContains(r, f'value="{SITE}/s/demo/"')
        self.assertContains(r, "<h1>", count=1)

    def test_the_snippet_is_one_plain_link_to_the_mailbox(self):
        self.login("aida")
        snippet = snippet_of(self.client.get(URL))
        parser = Tags()
        parser.feed(snippet)
        self.assertEqual(parser.tags, [("a", {"href": f"{SITE}/s/demo/"})])
        self.assertIn("Ишеним почтасы", snippet)
        self.assertIn("Почта доверия", snippet)
        self.assertNotIn("\n", snippet.strip())
        self.assertNotIn("<script", snippet)
        self.assertNotIn("<img", snippet)

    def test_the_textarea_is_read_only(self):
        self.login("aida")
        self.assertContains(self.client.get(URL), 'rows="4" readonly')

    def test_the_director_gets_the_poster_and_link_but_not_forms(self):
        self.login("dana")
        r = self.client.get(URL)
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, 'href="/s/demo/poster.pdf"')
        self.assertContains(r, 'id="id_snippet"')
        self.assertNotContains(r, "/staff/print/forms/")

    def test_outsider_gets_404_for_our_school(self):
        self.login("chyngyz")
        self.assertEqual(self.client.get(URL + "?school=demo").status_code, 404)
        r = self.client.get(URL)
        self.assertContains(r, "/s/other/")
        self.assertNotContains(r, "/s/demo/")

    def test_anonymous_is_sent_to_login(self):
        r = self.client.get(URL)
        self.assertEqual(r.status_code, 302)
        self.assertIn("/staff/login/", r["Location"])

    def test_the_qr_png_is_public_and_decodes_to_the_mailbox(self):
        import zxingcpp
        from PIL import Image

        r = self.client.get("/s/demo/qr.png")
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r["Content-Type"], "image/png")
        (found,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(r.content)))
        self.assertEqual(found.text, f"{SITE}/s/demo/")

    def test_the_qr_png_of_an_unknown_school_is_404(self):
        self.assertEqual(self.client.get("/s/no-such-school/qr.png").status_code, 404)
