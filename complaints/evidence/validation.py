"""Evidence images: validation at upload (DESIGN §4).

The type of a file is decided by decoding it, never by its name or declared MIME type. Only
the JPEG, PNG and WebP decoders are tried, the pixel count is checked from the header before
anything is decoded, and then a truncated or corrupt file is refused at the door rather than
found broken later: a PNG by checking every chunk's CRC-32 to the end (a cut file, a flipped
byte), without inflating its pixels (two thirds of a report's time, issue 14: the pipeline
decodes them after the answer); a JPEG or WebP, which carry no checksum, by decoding it whole.
"""

import hashlib
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from ..models import Evidence

# Pillow format name → stored MIME type. MPO is the JPEG variant many phone cameras write.
ACCEPTED_FORMATS = {
    "JPEG": Evidence.Mime.JPEG,
    "MPO": Evidence.Mime.JPEG,
    "PNG": Evidence.Mime.PNG,
    "WEBP": Evidence.Mime.WEBP,
}
DECODERS = ("JPEG", "PNG", "WEBP")  # Image.open tries only these (MPO comes with JPEG)
_HASH_CHUNK = 64 * 1024
ORIENTATION_TAG = 0x0112
TURNED_ORIENTATIONS = (5, 6, 7, 8)  # EXIF orientations that show the image turned a quarter
EXIF_CHUNK = b"eXIf"  # a PNG's EXIF (orientation): may come after the pixels


@dataclass(frozen=True)
class CheckedImage:
    """An upload that decoded as an accepted image within the limits."""

    upload: UploadedFile
    sha256: str
    mime: str
    width: int
    height: int
    size: int


def _megapixels(pixels: int) -> str:
    return f"{pixels / 1_000_000:.1f}".replace(".", ",")


def _digest(upload: UploadedFile) -> tuple[str, bool]:
    """Return the file's SHA-256 and whether it holds a PNG eXIf chunk's name (read in one pass;
    the name found by chance in compressed data only means the PNG is decoded whole)."""
    digest, found, tail = hashlib.sha256(), False, b""
    upload.seek(0)
    for chunk in upload.chunks(_HASH_CHUNK):
        digest.update(chunk)
        found = found or EXIF_CHUNK in tail + chunk
        tail = chunk[-len(EXIF_CHUNK) + 1 :]
    upload.seek(0)
    return digest.hexdigest(), found


def _inspect(upload: UploadedFile, *, label: str) -> CheckedImage:
    """Return the checked image, or raise ValidationError naming the file and the limit."""
    if upload.size == 0:
        raise ValidationError(_("%(file)s kosong (0 byte). Pilih tangkapan layar yang benar.") % {"file": label})
    if upload.size > settings.MAX_EVIDENCE_BYTES:
        raise ValidationError(
            _("%(file)s berukuran %(size)s, melebihi batas %(limit)s per berkas.")
            % {
                "file": label,
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(settings.MAX_EVIDENCE_BYTES),
            },
            code="file_too_large",
        )
    not_an_image = ValidationError(
        _("%(file)s bukan gambar JPEG, PNG atau WebP. Unggah tangkapan layar dalam salah satu format itu.")
        % {"file": label},
        code="invalid_image",
    )
    damaged = ValidationError(
        _("%(file)s rusak atau tidak lengkap sehingga tidak dapat dibaca. Unggah ulang berkas aslinya.")
        % {"file": label},
        code="invalid_image",
    )
    sha256, exif_chunk = _digest(upload)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload, formats=DECODERS) as image:
                width, height = image.size
                if width * height > settings.MAX_EVIDENCE_PIXELS:
                    raise ValidationError(
                        _(
                            "%(file)s berukuran %(width)d x %(height)d piksel (%(mp)s megapiksel), "
                            "melebihi batas %(limit)s megapiksel."
                        )
                        % {
                            "file": label,
                            "width": width,
                            "height": height,
                            "mp": _megapixels(width * height),
                            "limit": _megapixels(settings.MAX_EVIDENCE_PIXELS),
                        },
                        code="too_many_pixels",
                    )
                image_format = image.format
                if image_format == "PNG" and not exif_chunk:
                    image.verify()  # each chunk's CRC, through IEND
                else:
                    if image.getexif().get(ORIENTATION_TAG) in TURNED_ORIENTATIONS:
                        width, height = height, width  # the size as shown, like the sanitized copy
                    image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            _("%(file)s terlalu besar untuk dibuka (melebihi batas %(limit)s megapiksel).")
            % {"file": label, "limit": _megapixels(settings.MAX_EVIDENCE_PIXELS)},
            code="too_many_pixels",
        ) from None
    except UnidentifiedImageError:
        raise not_an_image from None
    except (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError):
        raise damaged from None

    upload.seek(0)
    return CheckedImage(
        upload=upload,
        sha256=sha256,
        mime=ACCEPTED_FORMATS[image_format],
        width=width,
        height=height,
        size=upload.size,
    )


def check_evidence(uploads: list[UploadedFile]) -> list[CheckedImage]:
    """Return every upload checked, or raise one ValidationError listing each problem."""
    limit = settings.MAX_EVIDENCE_FILES
    if not uploads:
        raise ValidationError(_("Unggah paling sedikit 1 tangkapan layar sebagai bukti."), code="required")
    if len(uploads) > limit:
        raise ValidationError(
            _("Unggah paling banyak %(limit)d tangkapan layar; Anda memilih %(count)d.")
            % {"limit": limit, "count": len(uploads)},
            code="too_many_files",
        )
    checked, problems = [], []
    for number, upload in enumerate(uploads, start=1):
        label = _("Berkas %(number)d (%(name)s)") % {"number": number, "name": upload.name or "?"}
        try:
            checked.append(_inspect(upload, label=label))
        except ValidationError as error:
            problems.append(error)
    if problems:
        raise ValidationError(problems)
    return checked
