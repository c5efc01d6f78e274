"""Finding 9: an attached PDF is re-written from its pages, without scripts, actions, embedded
files or metadata (as pictures lose EXIF); a PDF that cannot be read is refused with a clear
error in the author's language, keeping the letter."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    TextStringObject,
)

from ishenim.testing import BaseTestCase
from journal.models import Appeal
from journal.sealing import open_attachment

TEXT = "Мени класста шылдыңдашат. Файлды тиркедим."
AUTHOR_MARKER = "Айбек-Автор-5521"
SCRIPT = "app.alert('pwned-7781')"
DANGEROUS = ["/JS", "/JavaScript", "/OpenAction", "/AA", "/EmbeddedFiles", "/Launch", "/Metadata"]


def booby_trapped_pdf():
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_blank_page(200, 200)
    script = writer._add_object(
        DictionaryObject(
            {
                NameObject("/S"): NameObject("/JavaScript"),
                NameObject("/JS"): TextStringObject(SCRIPT),
            }
        )
    )
    writer._root_object[NameObject("/Names")] = DictionaryObject(
        {
            NameObject("/JavaScript"): DictionaryObject(
                {NameObject("/Names"): ArrayObject([TextStringObject("boot"), script])}
            )
        }
    )
    writer.add_metadata({"/Author": AUTHOR_MARKER, "/Creator": "Phone of " + AUTHOR_MARKER})
    writer.add_attachment("secret.txt", b"embedded-secret-9913")
    launch = DictionaryObject(
        {
            NameObject("/S"): NameObject("/Launch"),
            NameObject("/F"): TextStringObject("cmd.exe"),
        }
    )
    writer._root_object[NameObject("/OpenAction")] = launch
    page = writer.pages[0]
    page[NameObject("/AA")] = DictionaryObject(
        {
            NameObject("/O"): DictionaryObject(
                {
                    NameObject("/S"): NameObject("/JavaScript"),
                    NameObject("/JS"): TextStringObject(SCRIPT),
                }
            )
        }
    )
    link = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject([]),
            NameObject("/A"): DictionaryObject(
                {
                    NameObject("/S"): NameObject("/JavaScript"),
                    NameObject("/JS"): TextStringObject(SCRIPT),
                }
            ),
        }
    )
    page[NameObject("/Annots")] = ArrayObject([writer._add_object(link)])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def keys_anywhere(reader):
    """Every dictionary key reachable from the trailer."""
    found, seen, stack = set(), set(), [reader.trailer]
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            if (obj.idnum, obj.generation) in seen:
                continue
            seen.add((obj.idnum, obj.generation))
            obj = obj.get_object()
        if isinstance(obj, dict):
            found.update(obj.keys())
            stack.extend(obj.values())
        elif isinstance(obj, list):
            stack.extend(obj)
    return found


class PdfAttachmentTests(BaseTestCase):
    url = "/s/demo/write/"

    def post(self, upload):
        data = {"author_kind": "pupil", "signed": "0", "text": TEXT, "token": "p" * 32}
        return self.client.post(self.url, {**data, "attachment": upload})

    def test_uploaded_pdfs_lose_javascript_actions_embedded_files_and_metadata(self):
        original = booby_trapped_pdf()
        self.assertIn(AUTHOR_MARKER, str(PdfReader(io.BytesIO(original)).metadata))
        self.assertTrue(set(DANGEROUS[:6]) & keys_anywhere(PdfReader(io.BytesIO(original))))
        r = self.post(SimpleUploadedFile("letter.pdf", original, "application/pdf"))
        self.assertRedirects(r, "/s/demo/receipt/")
        attachment = Appeal.objects.get().attachments.get()
        _name, content_type, stored = open_attachment(self.key, attachment)
        self.assertEqual(content_type, "application/pdf")
        for marker in (AUTHOR_MARKER.encode(), b"pwned-7781", b"embedded-secret-9913", b"cmd.exe"):
            self.assertNotIn(marker, stored)
        reader = PdfReader(io.BytesIO(stored))
        self.assertEqual(len(reader.pages), 2)  # the pages themselves are kept
        self.assertEqual(set(DANGEROUS) & keys_anywhere(reader), set())
        self.assertNotIn(AUTHOR_MARKER, str(reader.metadata or ""))
        self.assertEqual(reader.attachments, {})

    def test_a_pdf_that_cannot_be_read_is_refused_and_the_letter_is_kept(self):
        broken = b"%PDF-1.4\n1 0 obj << /Type /Catalog broken"
        r = self.post(SimpleUploadedFile("letter.pdf", broken, "application/pdf"))
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, 'id="id_attachment_error"')
        self.assertContains(r, "PDF")
        self.assertContains(r, TEXT)
        self.assertFalse(Appeal.objects.exists())

    def test_the_unreadable_pdf_error_is_in_russian_on_a_russian_page(self):
        self.client.cookies["lang"] = "ru"
        r = self.post(SimpleUploadedFile("letter.pdf", b"%PDF-1.7\ngarbage", "application/pdf"))
        self.assertContains(r, "Не удалось открыть PDF")
        self.assertContains(r, TEXT)
        self.assertFalse(Appeal.objects.exists())
