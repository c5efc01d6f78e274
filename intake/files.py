"""Attachments: images and PDF only; images re-encoded so EXIF and GPS never get stored, PDFs
re-written from their pages so no script, embedded file or document metadata gets stored."""

import io
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

# Pillow only warns between MAX_IMAGE_PIXELS and twice that: the limit is also checked by hand
# on the header's size, before any pixel is decoded (a 79-megapixel PNG took 832 MB and 5 s).
Image.MAX_IMAGE_PIXELS = settings.IMAGE_MAX_PIXELS
IMAGE_FORMATS = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "WEBP": ("image/webp", "webp"),
}


@dataclass(frozen=True)
class CleanFile:
    name: str
    content_type: str
    data: bytes


def clean_upload(upload) -> CleanFile:
    if upload.size > settings.ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            _("The file is too large. The limit is %(limit)s.")
            % {"limit": filesizeformat(settings.ATTACHMENT_MAX_BYTES)}
        )
    data = upload.read()
    if data.lstrip()[:1024].find(b"%PDF-") != -1 or upload.name.lower().endswith(".pdf"):
        return CleanFile("document.pdf", "application/pdf", clean_pdf(data))
    try:
        with Image.open(io.BytesIO(data)) as probe:  # reads the header only
            fmt = probe.format
            width, height = probe.size
            if width * height > settings.IMAGE_MAX_PIXELS:
                raise ValidationError(_too_many_pixels(width * height))
            probe.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        fmt = None
        if upload.name.lower().endswith((".jpg", ".jpeg", ".png", ".webp", ".gif", ".heic")):
            raise ValidationError(
                _("The picture could not be opened: it may be damaged. Try another one.")
            ) from None
    if fmt not in IMAGE_FORMATS:
        raise ValidationError(_("Only pictures (JPEG, PNG, WebP) and PDF files can be attached."))
    try:
        return CleanFile(*_reencode(data, fmt))
    except (OSError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("The picture could not be opened: it may be damaged. Try another one.")
        ) from None


def _too_many_pixels(pixels):
    return _(
        "The picture is too large: %(pixels)s megapixels, the limit is %(limit)s. "
        "Please attach a smaller photo or a screenshot; your letter is kept."
    ) % {
        "pixels": round(pixels / 1_000_000),
        "limit": round(settings.IMAGE_MAX_PIXELS / 1_000_000),
    }


def _reencode(data, fmt):
    """Draw the pixels into a new image: no EXIF, GPS, comments or thumbnails survive."""
    content_type, ext = IMAGE_FORMATS[fmt]
    with Image.open(io.BytesIO(data)) as img:
        img = ImageOps.exif_transpose(img)  # keep the picture upright once EXIF is gone
        has_alpha = img.mode in ("RGBA", "LA", "PA") or "transparency" in img.info
        mode = "RGBA" if has_alpha and fmt != "JPEG" else "RGB"
        img = img.convert(mode)
        clean = Image.new(mode, img.size)
        clean.paste(img)
    out = io.BytesIO()
    clean.save(out, format=fmt, **({"quality": 85} if fmt != "PNG" else {}))
    return f"picture.{ext}", content_type, out.getvalue()


# Keys that run something or carry something other than the pages: scripts, actions on
# opening or on any event, launching programs, files inside the file, and metadata (author,
# software, dates — XMP streams too).
PDF_DROPPED_KEYS = {
    "/JS",
    "/JavaScript",
    "/OpenAction",
    "/AA",
    "/EmbeddedFiles",
    "/EmbeddedFile",
    "/Launch",
    "/Metadata",
    "/PieceInfo",
    "/Info",
}
# Actions that run or fetch something; a link to a page or an address is kept.
PDF_DROPPED_ACTIONS = {
    "/JavaScript",
    "/Launch",
    "/ImportData",
    "/SubmitForm",
    "/GoToE",
    "/GoToR",
    "/Rendition",
    "/RichMediaExecute",
    "/Sound",
    "/Movie",
}
PDF_DROPPED_ANNOTATIONS = {"/FileAttachment", "/RichMedia", "/Screen", "/Movie", "/Sound"}


def clean_pdf(data: bytes) -> bytes:
    """Copy the pages into a new PDF and strip what could run or tell about the author; a file
    that cannot be read is refused (a parser that fails here would fail on a staff laptop)."""
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValidationError(_pdf_unreadable())
        writer = PdfWriter()
        for page in reader.pages:
            writer.add_page(page)
        writer.metadata = None
        for obj in list(writer._objects):
            if obj is not None:
                _strip(obj, set())
        out = io.BytesIO()
        writer.write(out)
    except ValidationError:
        raise
    except (PyPdfError, ValueError, TypeError, KeyError, AttributeError, OSError, RecursionError):
        # Only the kind of failure, never the content.
        logging.getLogger(__name__).info("an attached PDF could not be read")
        raise ValidationError(_pdf_unreadable()) from None
    if not reader.pages:
        raise ValidationError(_pdf_unreadable())
    return out.getvalue()


def _pdf_unreadable():
    return _(
        "The PDF file could not be opened: it may be damaged or locked with a password. "
        "Try another file or a photo of the page; your letter is kept."
    )


def _strip(obj, seen):
    if isinstance(obj, IndirectObject):
        return
    if id(obj) in seen:
        return
    seen.add(id(obj))
    if isinstance(obj, DictionaryObject):
        for key in list(obj.keys()):
            if key in PDF_DROPPED_KEYS:
                del obj[key]
        action = obj.get("/A")
        if isinstance(action, IndirectObject):
            action = action.get_object()
        if isinstance(action, DictionaryObject) and action.get("/S") in PDF_DROPPED_ACTIONS:
            del obj[NameObject("/A")]
        if obj.get("/S") in PDF_DROPPED_ACTIONS:
            obj.clear()
        annotations = obj.get("/Annots")
        if isinstance(annotations, IndirectObject):
            annotations = annotations.get_object()
        if isinstance(annotations, ArrayObject):
            kept = [
                a
                for a in annotations
                if a.get_object().get("/Subtype") not in PDF_DROPPED_ANNOTATIONS
            ]
            annotations[:] = kept
        for value in obj.values():
            _strip(value, seen)
    elif isinstance(obj, ArrayObject):
        for value in obj:
            _strip(value, seen)
