"""Evidence images after upload: the pixels as shown, the sanitized copy, the thumbnail, the
perceptual hash and its bands, and the OCR text (DESIGN §4)."""

import io
import os
import tempfile

from django.conf import settings
from PIL import Image, ImageOps

from .validation import DECODERS, ORIENTATION_TAG

SANITIZED_FILE = "sanitized.png"  # lossless: screenshots are text, and text must stay legible
THUMBNAIL_FILE = "thumbnail.jpg"
THUMBNAIL_WIDTH = 360  # CSS pixels of the queue and the case page, at most
BAND_BITS = 16
HIGH_DEPTH_MODES = ("I;16", "I;16B", "I;16L", "I;16N", "I")  # 16-bit grey PNGs decode to these
ALPHA_MODES = ("RGBA", "LA", "PA", "La", "RGBa")


def decode_upright(data: bytes) -> Image.Image:
    """Return the image as a viewer shows it: turned the way the phone meant, in 8-bit RGB or RGBA.

    Every later step (sanitized copy, thumbnail, hash, OCR) reads these pixels.
    """
    with Image.open(io.BytesIO(data), formats=DECODERS) as image:
        image.load()
        return _as_shown(ImageOps.exif_transpose(image))


def _as_shown(image: Image.Image) -> Image.Image:
    if image.mode in HIGH_DEPTH_MODES:
        # Scale 16 bits down to 8: a plain convert("L") would clip every value above 255 to white.
        image = image.convert("I").point(lambda value: value / 257).convert("L")
    transparent = image.mode in ALPHA_MODES or "transparency" in image.info
    return image.convert("RGBA" if transparent else "RGB")


def _flattened(image: Image.Image) -> Image.Image:
    """Return RGB pixels, transparent ones shown on white as a page shows them."""
    if image.mode != "RGBA":
        return image.convert("RGB")
    return Image.alpha_composite(Image.new("RGBA", image.size, "white"), image).convert("RGB")


def sanitize(image: Image.Image) -> bytes:
    """Return a PNG of the pixels alone: no EXIF (GPS), XMP, IPTC, ICC, comments or text chunks.

    The pixels are copied into a new image, so nothing but pixels can come along.
    """
    clean = Image.frombytes(image.mode, image.size, image.tobytes())
    buffer = io.BytesIO()
    # Level 3 of 9: a tenth larger than the most compressed, written four times as fast (the
    # sanitized copy is kept beside the original, not sent to anyone over a phone's connection).
    clean.save(buffer, "PNG", compress_level=3)
    return buffer.getvalue()


def thumbnail(image: Image.Image) -> bytes:
    copy = _flattened(image)
    copy.thumbnail((THUMBNAIL_WIDTH, THUMBNAIL_WIDTH * 4))
    buffer = io.BytesIO()
    copy.save(buffer, "JPEG", quality=80, optimize=True)
    return buffer.getvalue()


def perceptual_hash(image: Image.Image) -> str:
    """Return the 64-bit perceptual hash as 16 hexadecimal digits."""
    import imagehash  # with numpy, only where screenshots are processed: not in every web process

    return str(imagehash.phash(_flattened(image)))


def hash_bands(phash: str) -> list[int]:
    """Split a 64-bit hash into four 16-bit bands, most significant first."""
    value = int(phash, 16)
    return [(value >> (BAND_BITS * (3 - band))) & 0xFFFF for band in range(4)]


def band_neighbours(band: int, radius: int) -> set[int]:
    """Return every 16-bit value within `radius` bit flips of `band` (itself included)."""
    values = {band}
    for _flip in range(radius):
        values |= {value ^ (1 << bit) for value in values for bit in range(BAND_BITS)}
    return values


def hamming(first: str, second: str) -> int:
    return (int(first, 16) ^ int(second, 16)).bit_count()


class OcrUnavailable(RuntimeError):
    """Tesseract is not installed where this worker runs."""


def shown_as_stored(data: bytes) -> bool:
    """Whether a file's own pixels are the ones shown, so a reader may take the file as it is: an
    8-bit grey or colour PNG or JPEG, neither turned by EXIF nor transparent.

    Read from the header alone, without decoding the pixels. A PNG counts only without any eXIf
    chunk (found by its name anywhere in the file: a false alarm just means decoding first).
    """
    try:
        with Image.open(io.BytesIO(data), formats=("PNG", "JPEG")) as image:
            if image.mode not in ("L", "RGB") or "transparency" in image.info:
                return False
            if image.format == "PNG":
                return b"eXIf" not in data
            return image.getexif().get(ORIENTATION_TAG, 1) == 1  # a JPEG's EXIF comes before its pixels
    except Exception:  # not one of those, or damaged: the decoded pixels are read instead
        return False


def ocr(image: Image.Image | bytes) -> str:
    """Return the text Tesseract reads in the image (Indonesian and English): decoded pixels, or
    the bytes of a file whose pixels are `shown_as_stored`, handed over as they are (Tesseract
    then starts without waiting for Python to decode them)."""
    import pytesseract  # only where screenshots are processed

    # pytesseract runs the program with this process's environment: OpenMP reads its limit there.
    os.environ["OMP_THREAD_LIMIT"] = str(settings.OCR_THREADS)
    try:
        # Handed over uncompressed: given the image, pytesseract writes a PNG first, a tenth of
        # a second that Tesseract then spends again decoding it.
        with tempfile.NamedTemporaryFile(suffix=".img") as pixels:
            if isinstance(image, bytes):
                pixels.write(image)
            else:
                _flattened(image).save(pixels, "PPM")
            pixels.flush()
            return pytesseract.image_to_string(
                pixels.name, lang=settings.OCR_LANGUAGES, timeout=settings.OCR_TIMEOUT
            ).strip()
    except pytesseract.TesseractNotFoundError:
        raise OcrUnavailable(
            "Tesseract tidak terpasang di mesin pemroses (Debian: tesseract-ocr tesseract-ocr-ind)."
        ) from None
