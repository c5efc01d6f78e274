"""The foyer poster: public, one A4 page in Kyrgyz and Russian, with a QR code that works."""

from urllib.parse import urlsplit

from django.test import Client, override_settings

from intake.tests.test_paper_forms import pdf_pages, pdf_text, qr_codes_on_page
from ishenim.testing import BaseTestCase

SITE = "https://ishenim.example.org"
URL = "/s/demo/poster.pdf"


@override_settings(SITE_URL=SITE)
class PosterTests(BaseTestCase):
    def test_anyone_downloads_one_page(self):
        r = self.client.get(URL)
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r["Content-Type"], "application/pdf")
        self.assertTrue(r.content.startswith(b"%PDF"))
        self.assertEqual(pdf_pages(r.content), 1)

    def test_it_speaks_kyrgyz_and_russian(self):
        text = pdf_text(self.client.get(URL).content)
        for words in (
            "Ак-Терек мектеби",
            "Школа demo",
            "ИШЕНИМ ПОЧТАСЫ",
            "ПОЧТА ДОВЕРИЯ",
            f"{SITE}/s/demo/",
            "5 жумушчу күндүн ичинде",
            "в течение 5 рабочих дней",
            "Ата-энеңизге эч нерсе",
            "Родителям ничего не сообщается",
            "IP",
        ):
            self.assertIn(words, text)

    def test_it_shows_the_help_lines(self):
        text = pdf_text(self.client.get(URL).content)
        for number in ("111", "112", "102", "103"):
            self.assertIn(number, text)
        self.assertIn("круглосуточно", text)
        self.assertIn("күнү-түнү", text)

    @override_settings(HELP_LINES=[("150", "help_children"), ("112", "help_emergency")])
    def test_help_lines_follow_the_settings(self):
        text = pdf_text(self.client.get(URL).content)
        self.assertIn("150", text)
        self.assertNotIn("103", text)

    def test_the_deadline_is_the_schools_own(self):
        self.school.answer_days = 1
        self.school.save()
        text = pdf_text(self.client.get(URL).content)
        self.assertIn("1 жумушчу күндүн ичинде", text)
        self.assertIn("в течение 1 рабочего дня", text)

    def test_the_qr_code_opens_the_school_page(self):
        found = qr_codes_on_page(self.client.get(URL).content)
        self.assertEqual(found, [f"{SITE}/s/demo/"])
        self.assertEqual(Client().get(urlsplit(found[0]).path).status_code, 200)

    def test_a_long_school_name_still_fits_one_page(self):
        self.school.name_ky = "Ысык-Ата районундагы Ак-Терек айылындагы " * 4 + "орто мектеби"
        self.school.name_ru = "Средняя школа села Ак-Терек Ысык-Атинского района " * 4
        self.school.save()
        r = self.client.get(URL)
        self.assertEqual(pdf_pages(r.content), 1)
        self.assertIn("111", pdf_text(r.content))
        self.assertEqual(qr_codes_on_page(r.content), [f"{SITE}/s/demo/"])

    def test_the_director_may_print_it(self):
        self.login("dana")
        self.assertEqual(self.client.get(URL).status_code, 200)

    def test_an_unknown_school_gets_404(self):
        self.assertEqual(self.client.get("/s/no-such-school/poster.pdf").status_code, 404)


@override_settings(SITE_URL=SITE)
class UzbekPosterTests(BaseTestCase):
    """Issue 15: schools of the south hang a poster in Kyrgyz and Uzbek."""

    def get(self):
        return self.client.get(f"{URL}?second=uz")

    def test_it_speaks_kyrgyz_and_uzbek_on_one_page(self):
        r = self.get()
        self.assertEqual(r.status_code, 200)
        self.assertEqual(pdf_pages(r.content), 1)
        self.assertIn("poster-demo-uz.pdf", r["Content-Disposition"])
        text = pdf_text(r.content)
        for words in (
            "Ак-Терек мектеби",
            "ИШЕНИМ ПОЧТАСЫ",
            "ISHONCH POCHTASI",
            "5 жумушчу күндүн ичинде",
            "5 ish kuni ichida javob",
            "Ota-onangizga hech narsa",
            "Xavf ostida boʻlsangiz",
        ):
            self.assertIn(words, text)
        self.assertNotIn("ПОЧТА ДОВЕРИЯ", text)
        self.assertNotIn("Школа demo", text)

    def test_the_help_lines_are_labelled_in_uzbek(self):
        text = pdf_text(self.get().content)
        for number in ("111", "112", "102", "103"):
            self.assertIn(number, text)
        self.assertIn("kecha-kunduz", text)
        self.assertIn("күнү-түнү", text)

    def test_the_qr_code_still_opens_the_school_page(self):
        self.assertEqual(qr_codes_on_page(self.get().content), [f"{SITE}/s/demo/"])

    def test_a_long_school_name_still_fits_one_page(self):
        self.school.name_ky = "Ысык-Ата районундагы Ак-Терек айылындагы " * 4 + "орто мектеби"
        self.school.save()
        self.assertEqual(pdf_pages(self.get().content), 1)

    def test_the_staff_page_links_to_it(self):
        self.login()
        self.assertContains(self.client.get("/staff/print/"), "/s/demo/poster.pdf?second=uz")

    def test_a_language_the_poster_does_not_have_gets_404(self):
        self.assertEqual(self.client.get(f"{URL}?second=en").status_code, 404)
