"""Every pixel format Pillow decodes from PNG, JPEG and WebP comes out as it looks: the sanitized
copy, the thumbnail, the perceptual hash and the OCR input alike (no 16-bit grey turned white)."""

import io

import pytesseract
import pytest
from PIL import Image

from complaints.evidence import imaging as images
from complaints.evidence.validation import ORIENTATION_TAG, check_evidence
from tests import screenshots
from tests.helpers import png_raw, upload

WIDTH, HEIGHT = 64, 32
DARK, LIGHT = 64, 191  # the grey of the left and the right half, in 8 bits


def halves(mode: str, dark, light) -> Image.Image:
    image = Image.new(mode, (WIDTH, HEIGHT), light)
    image.paste(dark, (0, 0, WIDTH // 2, HEIGHT))
    return image


def saved(image: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def raw_rows(samples_per_pixel: int, bit_depth: int, dark: int, light: int, alpha: int | None = None) -> list[bytes]:
    """Return the scanlines of the two halves at 8 or 16 bits per sample (alpha last, if any)."""
    size = bit_depth // 8

    def pixel(value: int) -> bytes:
        samples = [value] * samples_per_pixel + ([alpha] if alpha is not None else [])
        return b"".join(sample.to_bytes(size, "big") for sample in samples)

    return [pixel(dark) * (WIDTH // 2) + pixel(light) * (WIDTH // 2)] * HEIGHT


def packed_grey_rows(bit_depth: int, dark: int, light: int) -> list[bytes]:
    """Return scanlines of 1, 2 or 4-bit grey samples packed into bytes."""
    per_byte = 8 // bit_depth
    values = [dark] * (WIDTH // 2) + [light] * (WIDTH // 2)
    row = bytearray()
    for start in range(0, WIDTH, per_byte):
        byte = 0
        for value in values[start : start + per_byte]:
            byte = (byte << bit_depth) | value
        row.append(byte)
    return [bytes(row)] * HEIGHT


def p_image(**options) -> bytes:
    image = halves("P", 0, 1)
    image.putpalette([DARK] * 3 + [LIGHT] * 3 + [255, 0, 0])
    return saved(image, "PNG", **options)


SIXTEEN = 257  # 0xFF * 257 = 0xFFFF: an 8-bit value scaled to 16 bits
GREYS = (DARK, LIGHT)


def grey(fmt: str, **options) -> bytes:
    return saved(halves("L", DARK, LIGHT), fmt, **options)


def rgb(fmt: str, mode: str = "RGB", **options) -> bytes:
    alpha = (255,) if mode == "RGBA" else ()
    return saved(halves(mode, (DARK,) * 3 + alpha, (LIGHT,) * 3 + alpha), fmt, **options)


def raw(bit_depth: int, colour_type: int, rows: list[bytes]) -> bytes:
    return png_raw(width=WIDTH, height=HEIGHT, bit_depth=bit_depth, colour_type=colour_type, rows=rows)


def raw16(colour_type: int, samples: int, alpha: int | None = None) -> bytes:
    return raw(16, colour_type, raw_rows(samples, 16, DARK * SIXTEEN, LIGHT * SIXTEEN, alpha=alpha))


# name → (file bytes, expected dark and light grey, tolerance)
SAMPLES = {
    "png 1-bit": (saved(halves("1", 0, 1), "PNG"), (0, 255), 0),
    "png 2-bit grey": (raw(2, 0, packed_grey_rows(2, 1, 2)), (85, 170), 0),
    "png 4-bit grey": (raw(4, 0, packed_grey_rows(4, 4, 12)), (68, 204), 0),
    "png 8-bit grey": (grey("PNG"), GREYS, 0),
    "png grey with a transparent colour": (grey("PNG", transparency=0), GREYS, 0),
    "png 16-bit grey": (saved(halves("I;16", DARK * SIXTEEN, LIGHT * SIXTEEN), "PNG"), GREYS, 1),
    "png 16-bit grey, written by hand": (raw16(0, 1), GREYS, 1),
    "png palette": (p_image(), GREYS, 0),
    "png 4-bit palette": (p_image(bits=4), GREYS, 0),
    "png palette with transparency": (p_image(transparency=2), GREYS, 0),
    "png grey and alpha": (saved(halves("LA", (DARK, 255), (LIGHT, 255)), "PNG"), GREYS, 0),
    "png 16-bit grey and alpha": (raw16(4, 1, alpha=65535), GREYS, 1),
    "png rgb": (rgb("PNG"), GREYS, 0),
    "png 16-bit rgb": (raw16(2, 3), GREYS, 1),
    "png rgba": (rgb("PNG", "RGBA"), GREYS, 0),
    "png 16-bit rgba": (raw16(6, 3, alpha=65535), GREYS, 1),
    "jpeg grey": (grey("JPEG", quality=95), GREYS, 6),
    "jpeg rgb": (rgb("JPEG", quality=95), GREYS, 6),
    "jpeg cmyk": (saved(halves("RGB", (DARK,) * 3, (LIGHT,) * 3).convert("CMYK"), "JPEG", quality=95), GREYS, 6),
    "webp rgb": (rgb("WEBP", lossless=True), GREYS, 0),
    "webp rgba": (rgb("WEBP", "RGBA", lossless=True), GREYS, 0),
}


def greys(image: Image.Image) -> tuple[int, int]:
    """Return the grey of the middle of each half (the mean of the colour channels)."""
    rgb = image.convert("RGB")
    left = rgb.getpixel((image.width // 4, image.height // 2))
    right = rgb.getpixel((3 * image.width // 4, image.height // 2))
    return round(sum(left) / 3), round(sum(right) / 3)


def close(found: tuple[int, int], expected: tuple[int, int], tolerance: int) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(found, expected, strict=True))


@pytest.mark.parametrize("name", list(SAMPLES))
def test_each_format_is_accepted_at_its_size(name):
    data, _expected, _tolerance = SAMPLES[name]
    [checked] = check_evidence([upload(data, "bukti")])
    assert (checked.width, checked.height) == (WIDTH, HEIGHT)


@pytest.mark.parametrize("name", list(SAMPLES))
def test_the_sanitized_copy_keeps_the_greys(name):
    data, expected, tolerance = SAMPLES[name]
    with Image.open(io.BytesIO(images.sanitize(images.decode_upright(data)))) as clean:
        assert clean.mode in ("RGB", "RGBA")
        assert close(greys(clean), expected, tolerance), greys(clean)


@pytest.mark.parametrize("name", list(SAMPLES))
def test_the_thumbnail_keeps_the_greys(name):
    data, expected, tolerance = SAMPLES[name]
    with Image.open(io.BytesIO(images.thumbnail(images.decode_upright(data)))) as thumb:
        assert close(greys(thumb), expected, tolerance + 4), greys(thumb)  # JPEG at quality 80


@pytest.mark.parametrize("name", list(SAMPLES))
def test_the_perceptual_hash_is_that_of_the_image_as_it_looks(name):
    data, expected, _tolerance = SAMPLES[name]
    reference = images.perceptual_hash(halves("L", *expected))
    assert images.hamming(images.perceptual_hash(images.decode_upright(data)), reference) <= 2


@pytest.fixture
def tesseract_input(monkeypatch) -> list[Image.Image]:
    """Catch what Tesseract is handed (a file): the pixels it would read."""
    seen = []

    def read(path, **kwargs):
        with Image.open(path) as image:
            seen.append(image.copy())
        return ""

    monkeypatch.setattr(pytesseract, "image_to_string", read)
    return seen


@pytest.mark.parametrize("name", list(SAMPLES))
def test_ocr_reads_the_image_as_it_looks(name, tesseract_input):
    data, expected, tolerance = SAMPLES[name]
    images.ocr(images.decode_upright(data))
    assert close(greys(tesseract_input[0]), expected, tolerance)


@pytest.mark.parametrize("name", [*SAMPLES, "png turned by exif", "jpeg turned by exif"])
def test_ocr_of_the_file_as_uploaded_reads_it_as_it_looks(name, tesseract_input):
    """The pipeline starts Tesseract on the uploaded file itself, before decoding it, when its
    pixels are those shown; every other file is read from its decoded pixels."""
    if name in SAMPLES:
        data, expected, tolerance = SAMPLES[name]
    else:
        fmt = "JPEG" if name.startswith("jpeg") else "PNG"
        data, expected, tolerance = turned(fmt), tuple(reversed(GREYS)), 6
    images.ocr(data if images.shown_as_stored(data) else images.decode_upright(data))
    assert close(greys(tesseract_input[0]), expected, tolerance), greys(tesseract_input[0])


def turned(fmt: str) -> bytes:
    """The two halves stored dark-left, with an EXIF turn of 180° (shown light-left)."""
    exif = Image.Exif()
    exif[ORIENTATION_TAG] = 3
    options = {"quality": 95} if fmt == "JPEG" else {}
    return saved(halves("RGB", (DARK,) * 3, (LIGHT,) * 3), fmt, exif=exif, **options)


@pytest.mark.parametrize("name", ["png 8-bit grey", "png rgb", "jpeg grey", "jpeg rgb"])
def test_a_plain_screenshot_is_read_as_uploaded(name):
    """A phone's PNG or JPEG screenshot goes to Tesseract without waiting for Python to decode it."""
    assert images.shown_as_stored(SAMPLES[name][0])


def test_an_exif_rotated_jpeg_reports_the_size_it_is_shown_at():
    content = screenshots.jpeg_with_gps(screenshots.post(size=(720, 1280)), orientation=6)
    [checked] = check_evidence([upload(content, "IMG_0001.jpg", "image/jpeg")])
    assert (checked.width, checked.height) == (1280, 720)  # as the sanitized copy and every viewer show it
    with Image.open(io.BytesIO(images.sanitize(images.decode_upright(content)))) as clean:
        assert clean.size == (checked.width, checked.height)


@pytest.mark.parametrize("orientation", range(1, 9))
def test_every_exif_orientation_reports_the_shown_size(orientation):
    content = screenshots.jpeg_with_gps(screenshots.post(size=(300, 500)), orientation=orientation)
    [checked] = check_evidence([upload(content, "IMG.jpg", "image/jpeg")])
    with Image.open(io.BytesIO(images.sanitize(images.decode_upright(content)))) as clean:
        assert (checked.width, checked.height) == clean.size
