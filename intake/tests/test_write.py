import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image

from ishenim.testing import BaseTestCase
from journal.models import Appeal


def form_data(**extra):
    data = {
        "author_kind": "pupil",
        "text": "Мени класста шылдыңдашат.",
        "token": "t" * 32,
    }
    data.update(extra)
    return data


def jpeg_with_gps():
    img = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x010F] = "MarkerCamMaker"  # Make
    exif.get_ifd(0x8825).update({1: "N", 2: (42.0, 52.0, 0.0)})  # GPSInfo
    out = io.BytesIO()
    img.save(out, format="JPEG", exif=exif)
    return out.getvalue()


class WriteTests(BaseTestCase):
    url = "/s/demo/write/anonymous/"
    signed_url = "/s/demo/write/signed/"

    def test_an_anonymous_letter_gets_a_receipt_with_a_16_digit_code(self):
        r = self.client.post(self.url, form_data())
        self.assertRedirects(r, "/s/demo/receipt/")
        r = self.client.get("/s/demo/receipt/")
        code = re.search(r'class="code"[^>]*>(\d{4} \d{4} \d{4} \d{4})<', r.content.decode())
        self.assertIsNotNone(code)
        appeal = Appeal.objects.get()
        self.assertContains(r, appeal.tag)
        self.assertTrue(appeal.is_anonymous)
        self.assertEqual(appeal.messages.count(), 1)

    def test_the_code_never_appears_in_a_url(self):
        r = self.client.post(self.url, form_data())
        self.assertNotRegex(r["Location"], r"\d{16}")
        r = self.client.get("/s/demo/receipt/")
        code = re.search(r"(\d{4} \d{4} \d{4} \d{4})", r.content.decode()).group(1)
        self.assertNotIn(code.replace(" ", ""), r.content.decode().replace(code, ""))

    def test_the_receipt_is_shown_only_in_the_session_that_wrote(self):
        self.client.post(self.url, form_data())
        other = self.client_class()
        r = other.get("/s/demo/receipt/")
        self.assertNotRegex(r.content.decode(), r"\d{4} \d{4} \d{4} \d{4}")

    def test_a_double_submit_creates_one_appeal(self):
        self.client.post(self.url, form_data())
        r = self.client.post(self.url, form_data())
        self.assertRedirects(r, "/s/demo/receipt/")
        self.assertEqual(Appeal.objects.count(), 1)

    def test_it_rejects_an_empty_text(self):
        r = self.client.post(self.url, form_data(text="   "))
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "бош")  # Kyrgyz: the text is empty
        self.assertEqual(Appeal.objects.count(), 0)

    @override_settings(APPEAL_TEXT_MAX=50)
    def test_it_rejects_a_text_over_the_limit_and_keeps_it(self):
        text = "Өтө узун кат " * 10
        r = self.client.post(self.url, form_data(text=text))
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "50")
        self.assertContains(r, text.strip())
        self.assertEqual(Appeal.objects.count(), 0)

    def test_signing_requires_a_name(self):
        r = self.client.post(self.signed_url, form_data(phone="0555"))
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, 'id="id_name_error"')
        self.assertContains(r, "0555")

    def test_a_signed_letter_keeps_the_identity_sealed(self):
        self.client.post(self.signed_url, form_data(name="Айбек Жолдошев", age="13"))
        appeal = Appeal.objects.get()
        self.assertFalse(appeal.is_anonymous)
        self.assertNotIn("Айбек".encode(), bytes(appeal.sealed_identity))

    def test_it_rejects_a_disallowed_file_type(self):
        upload = SimpleUploadedFile("virus.exe", b"MZ\x90\x00binary", "application/octet-stream")
        r = self.client.post(self.url, form_data(attachment=upload))
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, 'id="id_attachment_error"')
        self.assertContains(r, "Мени класста шылдыңдашат.")
        self.assertEqual(Appeal.objects.count(), 0)

    @override_settings(ATTACHMENT_MAX_BYTES=1000)
    def test_it_rejects_a_file_over_the_limit(self):
        upload = SimpleUploadedFile("big.pdf", b"%PDF-1.4 " + b"x" * 2000, "application/pdf")
        r = self.client.post(self.url, form_data(attachment=upload))
        self.assertContains(r, 'id="id_attachment_error"')
        self.assertEqual(Appeal.objects.count(), 0)

    def test_it_rejects_a_broken_image(self):
        upload = SimpleUploadedFile("photo.jpg", b"\xff\xd8\xff\xe0broken", "image/jpeg")
        r = self.client.post(self.url, form_data(attachment=upload))
        self.assertContains(r, 'id="id_attachment_error"')
        self.assertEqual(Appeal.objects.count(), 0)

    def test_it_strips_exif_and_gps_from_images(self):
        from journal.sealing import open_attachment

        data = jpeg_with_gps()
        self.assertIn(b"MarkerCamMaker", data)
        upload = SimpleUploadedFile("photo.jpg", data, "image/jpeg")
        self.client.post(self.url, form_data(attachment=upload))
        attachment = Appeal.objects.get().attachments.get()
        name, content_type, stored = open_attachment(self.key, attachment)
        self.assertEqual(content_type, "image/jpeg")
        self.assertNotIn(b"MarkerCamMaker", stored)
        with Image.open(io.BytesIO(stored)) as img:
            self.assertEqual(len(img.getexif()), 0)
            self.assertEqual(img.size, (40, 30))

    def test_an_author_can_keep_the_letter_from_named_staff(self):
        self.client.post(self.url, form_data(exclude=[str(self.aida.pk)]))
        appeal = Appeal.objects.get()
        self.assertEqual(list(appeal.excluded_staff.all()), [self.aida])
        self.login("aida")
        self.assertEqual(self.client.get(f"/staff/appeals/{appeal.pk}/").status_code, 404)

    def test_an_unknown_school_gets_404(self):
        for url in ("/s/nope/write/", "/s/nope/write/anonymous/", "/s/nope/write/signed/"):
            self.assertEqual(self.client.post(url, form_data()).status_code, 404)
            self.assertEqual(self.client.get(url).status_code, 404)


class WhoAreYouTests(BaseTestCase):
    def test_a_letter_without_who_you_are_is_accepted_as_other(self):
        data = form_data()
        del data["author_kind"]
        self.assertRedirects(self.client.post("/s/demo/write/anonymous/", data), "/s/demo/receipt/")
        self.assertEqual(Appeal.objects.get().author_kind, "other")


IDENTITY_FIELDS = ("name", "age", "school_class", "phone", "email", "address")


class AnonymousFirstStepTests(BaseTestCase):
    """Issue 15: anonymous or signed is chosen first; the anonymous form has no field asking
    who the author is, with JavaScript off (the server sends none)."""

    def test_the_first_step_offers_the_two_ways_and_no_form_field(self):
        body = self.client.get("/s/demo/write/").content.decode()
        self.assertIn('href="/s/demo/write/anonymous/"', body)
        self.assertIn('href="/s/demo/write/signed/"', body)
        self.assertNotIn("<textarea", body)
        self.assertNotIn('name="name"', body)

    def test_the_anonymous_form_has_no_identity_field(self):
        body = self.client.get("/s/demo/write/anonymous/").content.decode()
        for name in (*IDENTITY_FIELDS, "signed"):
            self.assertNotIn(f'name="{name}"', body)
        self.assertIn('name="text"', body)
        self.assertIn('name="token"', body)
        self.assertIn('name="exclude"', body)  # keeping the letter from named staff stays
        self.assertIn("райондун балдарды коргоо адисине", body)  # the specialist warning
        self.assertNotIn("Аты-жөнү", body)

    def test_the_anonymous_form_keeps_what_was_typed_on_an_error(self):
        r = self.client.post(
            "/s/demo/write/anonymous/",
            form_data(text=" ", exclude=[str(self.aida.pk)], author_kind="parent"),
        )
        self.assertEqual(r.status_code, 200)
        body = r.content.decode()
        self.assertIn('action="/s/demo/write/anonymous/"', body)
        self.assertRegex(body, r'value="parent"[^>]*checked')
        self.assertRegex(body, rf'value="{self.aida.pk}"[^>]*checked')
        self.assertIn('value="' + "t" * 32 + '"', body)  # the same token: one letter

    def test_the_anonymous_form_ignores_identity_fields_posted_to_it(self):
        self.client.post("/s/demo/write/anonymous/", form_data(name="Айбек", phone="0555"))
        appeal = Appeal.objects.get()
        self.assertTrue(appeal.is_anonymous)
        self.assertIsNone(appeal.sealed_identity)

    def test_the_signed_form_has_the_identity_fields_and_keeps_them_on_an_error(self):
        body = self.client.get("/s/demo/write/signed/").content.decode()
        for name in IDENTITY_FIELDS:
            self.assertIn(f'name="{name}"', body)
        r = self.client.post(
            "/s/demo/write/signed/", form_data(text="", name="Айбек", school_class="7Б")
        )
        self.assertContains(r, 'value="Айбек"')
        self.assertContains(r, 'value="7Б"')
        self.assertContains(r, 'action="/s/demo/write/signed/"')

    def test_a_form_opened_before_the_first_step_still_sends_its_letter(self):
        r = self.client.post("/s/demo/write/", form_data(signed="1", name="Айбек"))
        self.assertRedirects(r, "/s/demo/receipt/")
        self.assertFalse(Appeal.objects.get().is_anonymous)
