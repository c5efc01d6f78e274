"""Finding 10: a picture above the pixel limit is refused before a pixel is decoded, with a
clear error in the author's language, and nothing else the author typed is lost."""

import io
import warnings
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image, ImageFile

from intake.files import clean_upload
from ishenim.testing import BaseTestCase
from journal.models import Appeal

TEXT = "Мени класста шылдыңдашат. Сүрөттө көрүнүп турат."


def png(width, height):
    out = io.BytesIO()
    Image.new("1", (width, height)).save(out, format="PNG")  # a few KB: compresses to nothing
    return SimpleUploadedFile("big.png", out.getvalue(), "image/png")


class BigPictureTests(BaseTestCase):
    url = "/s/demo/write/anonymous/"

    def post(self, picture, **headers):
        data = {"author_kind": "pupil", "text": TEXT, "token": "b" * 32}
        return self.client.post(self.url, {**data, "attachment": picture}, **headers)

    @override_settings(IMAGE_MAX_PIXELS=1_000_000)
    def test_a_picture_above_the_pixel_limit_is_refused_before_decoding(self):
        with mock.patch.object(ImageFile.ImageFile, "load", side_effect=AssertionError) as load:
            r = self.post(png(1500, 1000))
        load.assert_not_called()
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, 'id="id_attachment_error"')
        self.assertContains(r, "2 мегапиксел")
        self.assertContains(r, TEXT)  # the letter is kept
        self.assertFalse(Appeal.objects.exists())

    @override_settings(IMAGE_MAX_PIXELS=1_000_000)
    def test_the_error_is_in_russian_for_a_russian_page(self):
        self.client.cookies["lang"] = "ru"
        r = self.post(png(1500, 1000))
        self.assertContains(r, "мегапиксел")
        self.assertContains(r, "Изображение слишком большое")
        self.assertContains(r, TEXT)

    @override_settings(IMAGE_MAX_PIXELS=1_000_000)
    def test_a_picture_within_the_limit_is_attached(self):
        r = self.post(png(1000, 1000))
        self.assertRedirects(r, "/s/demo/receipt/")
        self.assertEqual(Appeal.objects.get().attachments.count(), 1)

    def test_a_79_megapixel_png_is_refused_by_default_without_decoding(self):
        picture = png(10_000, 7_900)
        with mock.patch.object(ImageFile.ImageFile, "load", side_effect=AssertionError) as load:
            with self.assertRaisesMessage(Exception, "79"), warnings.catch_warnings():
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # Pillow's own
                clean_upload(picture)
        load.assert_not_called()
