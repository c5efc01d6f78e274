"""Paper appeal forms: a sheet of forms with tear-off stubs, each with its own receipt code."""

import re
import shutil
import subprocess
import tempfile
import unittest
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from django.test import Client, override_settings

import vault
from audit.models import Event
from intake.models import PaperForm
from ishenim.testing import BaseTestCase
from journal.models import Appeal
from journal.work import register_paper

SITE = "https://ishenim.example.org"
URL = "/staff/print/forms/"
FORM_CODE = re.compile(r"\b\d{4} \d{4} \d{4} \d{4}\b")  # as on the form part, one line


def pdf_text(pdf: bytes) -> str:
    if not shutil.which("pdftotext"):
        raise unittest.SkipTest("pdftotext (poppler-utils) is not installed")
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b", pdf))


def qr_codes_on_page(pdf: bytes, page: int = 1) -> list[str]:
    """The QR codes found on one page, rendered at 150 dpi as a phone camera would see it."""
    if not shutil.which("pdftoppm"):
        raise unittest.SkipTest("pdftoppm (poppler-utils) is not installed: cannot read QR codes")
    import zxingcpp
    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "doc.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "150",
                "-f",
                str(page),
                "-l",
                str(page),
                source,
                Path(tmp) / "page",
            ],
            check=True,
        )
        (image,) = Path(tmp).glob("page*.png")
        found = zxingcpp.read_barcodes(Image.open(image))
    return [code.text for code in found if code.format == zxingcpp.BarcodeFormat.QRCode]


@override_settings(SITE_URL=SITE)
class PaperFormsTests(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.client.cookies["lang"] = "en"  # the messages checked below, in English

    def print_forms(self, count, **extra):
        return self.client.post(URL, {"count": count, **extra})

    def test_it_shows_the_form_with_six_by_default(self):
        self.login("aida")
        r = self.client.get(URL)
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, 'name="count"')
        self.assertContains(r, 'value="6"')

    def test_it_prints_the_requested_number_of_forms(self):
        self.login("aida")
        r = self.print_forms(5)
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r["Content-Type"], "application/pdf")
        self.assertTrue(r.content.startswith(b"%PDF"))
        self.assertEqual(r["Cache-Control"], "no-store")
        self.assertEqual(pdf_pages(r.content), 3)  # two forms to a sheet
        codes = FORM_CODE.findall(pdf_text(r.content))
        self.assertEqual(len(codes), 5)
        self.assertEqual(len(set(codes)), 5)

    def test_it_keeps_only_hashes_of_the_printed_codes(self):
        self.login("aida")
        r = self.print_forms(3)
        codes = [c.replace(" ", "") for c in FORM_CODE.findall(pdf_text(r.content))]
        forms = PaperForm.objects.filter(school=self.school)
        self.assertEqual(forms.count(), 3)
        lookups = {bytes(f.lookup) for f in forms}
        salt = self.school.receipt_salt
        self.assertEqual(lookups, {vault.author_key(c, salt).lookup for c in codes})
        for code in codes:
            self.assertFalse(any(code.encode() in lookup for lookup in lookups))
        self.assertTrue(all(f.appeal_id is None for f in forms))

    def test_it_records_the_print_without_the_codes(self):
        self.login("aida")
        r = self.print_forms(2)
        event = Event.objects.get(action="paper_forms_printed")
        self.assertEqual(event.actor, self.aida)
        self.assertEqual(event.school, self.school)
        self.assertEqual(event.detail, {"count": 2})
        for code in FORM_CODE.findall(pdf_text(r.content)):
            self.assertNotIn(code.replace(" ", ""), str(event.detail))

    def test_the_stub_and_the_form_show_the_same_code(self):
        self.login("aida")
        text = pdf_text(self.print_forms(1).content)
        (code,) = FORM_CODE.findall(text)
        first, second = code[:9], code[10:]  # the stub sets it on two lines of two groups
        self.assertEqual(text.count(first), 2)
        self.assertEqual(text.count(second), 2)

    def test_the_form_names_the_school_in_both_languages(self):
        self.school.address = "Ленин көчөсү, 12"
        self.school.save()
        self.login("aida")
        text = pdf_text(self.print_forms(1).content)
        for words in (
            "Ак-Терек мектеби",
            "Школа demo",
            "Ленин көчөсү, 12",
            "Ишеним почтасы",
            "Почта доверия",
            "анонимдүү",
            "анонимное",
        ):
            self.assertIn(words, text)

    def test_the_qr_code_opens_the_check_page_and_never_holds_the_code(self):
        self.login("aida")
        r = self.print_forms(2)
        codes = [c.replace(" ", "") for c in FORM_CODE.findall(pdf_text(r.content))]
        found = qr_codes_on_page(r.content)
        self.assertEqual(found, [f"{SITE}/s/demo/check/"] * 2)
        for text in found:
            self.assertFalse(any(code in text.replace(" ", "") for code in codes))
        self.assertEqual(Client().get(urlsplit(found[0]).path).status_code, 200)

    def test_it_refuses_zero_forms(self):
        self.login("aida")
        r = self.print_forms(0)
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, 'id="id_count_error"')
        self.assertContains(r, "Print at least 1 form.")
        self.assertFalse(PaperForm.objects.exists())
        self.assertFalse(Event.objects.filter(action="paper_forms_printed").exists())

    def test_it_refuses_sixty_one_forms(self):
        self.login("aida")
        r = self.print_forms(61)
        self.assertContains(r, "At most 60 forms at a time.")
        self.assertFalse(PaperForm.objects.exists())

    def test_it_refuses_a_word(self):
        self.login("aida")
        r = self.print_forms("six")
        self.assertContains(r, "Please type a whole number.")
        self.assertFalse(PaperForm.objects.exists())

    def test_it_prints_sixty(self):
        self.login("aida")
        r = self.print_forms(60)
        self.assertEqual(pdf_pages(r.content), 30)
        self.assertEqual(PaperForm.objects.filter(school=self.school).count(), 60)

    def test_a_commission_member_may_print(self):
        self.login("bolot")
        self.assertEqual(self.print_forms(1).status_code, 200)
        self.assertEqual(PaperForm.objects.count(), 1)

    def test_the_director_gets_404(self):
        # The director manages by figures; forms are printed by those who read the letters.
        self.login("dana")
        self.assertEqual(self.client.get(URL).status_code, 404)
        self.assertEqual(self.print_forms(2).status_code, 404)
        self.assertFalse(PaperForm.objects.exists())

    def test_outsider_gets_404_for_our_school(self):
        self.login("chyngyz")
        self.assertEqual(self.print_forms(2, school="demo").status_code, 404)
        self.assertEqual(self.client.get(URL + "?school=demo").status_code, 404)
        self.assertFalse(PaperForm.objects.filter(school=self.school).exists())

    def test_outsider_prints_for_their_own_school_only(self):
        self.login("chyngyz")
        r = self.print_forms(1)
        self.assertEqual(r.status_code, 200)
        self.assertIn("Башка мектеп", pdf_text(r.content))
        self.assertEqual(qr_codes_on_page(r.content), [f"{SITE}/s/other/check/"])
        self.assertEqual(PaperForm.objects.get().school, self.other_school)

    def test_anonymous_is_sent_to_login(self):
        r = self.print_forms(2)
        self.assertEqual(r.status_code, 302)
        self.assertIn("/staff/login/", r["Location"])
        self.assertFalse(PaperForm.objects.exists())

    def test_a_printed_code_typed_by_staff_lets_the_author_read_the_answer(self):
        self.login("aida")
        (code,) = FORM_CODE.findall(pdf_text(self.print_forms(1).content))
        # Typed as printed, with its spaces, into the journal's paper registration.
        r = self.client.post(
            "/staff/paper/",
            {
                "received_on": date.today().isoformat(),
                "author_kind": "pupil",
                "text": "Мени класста шылдыңдашат.",
                "summary": "Класста шылдыңдашат.",
                "form_code": code,
            },
        )
        self.assertEqual(r.status_code, 302, r.content[:2000])
        appeal = Appeal.objects.get(school=self.school)
        self.assertEqual(PaperForm.objects.get().appeal, appeal)

        author = Client()
        r = author.post("/s/demo/check/", {"code": code})
        self.assertRedirects(r, "/s/demo/conversation/")
        r = author.get("/s/demo/conversation/")
        self.assertContains(r, appeal.tag)
        self.assertContains(r, "Мени класста шылдыңдашат.")

    def test_register_paper_links_the_letter_to_the_printed_form(self):
        self.login("aida")
        (code,) = FORM_CODE.findall(pdf_text(self.print_forms(1).content))
        appeal = register_paper(
            self.school,
            self.aida,
            received_on=date.today(),
            text="Мугалим урушат.",
            author_kind="pupil",
            form_code=code.replace(" ", ""),
        )
        self.assertEqual(PaperForm.objects.get().appeal, appeal)
        author = Client()
        self.assertRedirects(author.post("/s/demo/check/", {"code": code}), "/s/demo/conversation/")
        self.assertContains(author.get("/s/demo/conversation/"), "Мугалим урушат.")

    def test_a_very_long_school_name_keeps_the_stub_whole(self):
        self.school.name_ky = "Ысык-Ата районундагы Ак-Терек айылындагы " * 4 + "орто мектеби"
        self.school.address = "Ысык-Ата району, Ак-Терек айылы, Ленин көчөсү 12, " * 3
        self.school.save()
        self.login("aida")
        r = self.print_forms(2)
        self.assertEqual(pdf_pages(r.content), 1)
        self.assertEqual(len(FORM_CODE.findall(pdf_text(r.content))), 2)
        self.assertEqual(qr_codes_on_page(r.content), [f"{SITE}/s/demo/check/"] * 2)
