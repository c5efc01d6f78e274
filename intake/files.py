"""Attachments: images and PDF only; images re-encoded so EXIF and GPS never get stored."""

import io
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

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
    if data.startswith(b"%PDF-"):
        return CleanFile("document.pdf", "application/pdf", data)
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
