import hashlib
import io
import os

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from complaints.evidence.validation import check_evidence
from tests.helpers import image_bytes, upload


def messages(error: ValidationError) -> str:
    return " ".join(error.messages)


def noisy_png(size=(600, 600)) -> bytes:
    """A PNG that does not compress: random pixels."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("fmt", "mime"),
    [("PNG", "image/png"), ("JPEG", "image/jpeg"), ("WEBP", "image/webp")],
)
def test_accepted_formats_are_recognised_by_content(fmt, mime):
    content = image_bytes(fmt)
    # Named and declared as something else: the decoder decides.
    [checked] = check_evidence([upload(content, name="foto.gif", content_type="application/octet-stream")])
    assert checked.mime == mime
    assert (checked.width, checked.height) == (360, 640)
    assert checked.size == len(content)
    assert checked.sha256 == hashlib.sha256(content).hexdigest()


def test_sha256_is_of_the_exact_bytes_even_with_trailing_data():
    content = image_bytes("PNG") + b"trailing bytes after IEND"
    [checked] = check_evidence([upload(content)])
    assert checked.sha256 == hashlib.sha256(content).hexdigest()


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        (b"just some text, not an image", "bukti.png", "bukan gambar JPEG, PNG atau WebP"),
        (b"<html><script>alert(1)</script></html>", "bukti.png", "bukan gambar JPEG, PNG atau WebP"),
        (b"", "kosong.png", "kosong (0 byte)"),
        (image_bytes("PNG")[:200], "potong.png", "rusak atau tidak lengkap"),
        (image_bytes("JPEG")[:300], "potong.jpg", "rusak atau tidak lengkap"),
        (image_bytes("GIF"), "animasi.gif", "bukan gambar JPEG, PNG atau WebP"),
        (image_bytes("BMP"), "layar.bmp", "bukan gambar JPEG, PNG atau WebP"),
    ],
    ids=["text", "html", "zero-byte", "truncated-png", "truncated-jpeg", "gif", "bmp"],
)
def test_bad_files_are_refused_with_the_file_named(content, name, expected):
    with pytest.raises(ValidationError) as refused:
        check_evidence([upload(content, name=name)])
    assert expected in messages(refused.value)
    assert f"Berkas 1 ({name})" in messages(refused.value)


def flipped(content: bytes, at: float) -> bytes:
    """The file with one byte changed, `at` of the way through (a bit flipped on the phone)."""
    position = int(len(content) * at)
    return content[:position] + bytes([content[position] ^ 0x10]) + content[position + 1 :]


@pytest.mark.parametrize("at", [0.3, 0.6, 0.9])
def test_a_png_with_a_damaged_byte_is_refused(at):
    """A PNG's pixels are not decoded at the door, but every chunk's checksum is read to the end."""
    content = noisy_png((200, 200))
    with pytest.raises(ValidationError) as refused:
        check_evidence([upload(flipped(content, at), name="rusak.png")])
    assert "rusak atau tidak lengkap" in messages(refused.value)


def test_a_png_missing_its_end_is_refused():
    content = noisy_png((200, 200))
    with pytest.raises(ValidationError) as refused:
        check_evidence([upload(content[: content.rindex(b"IEND") - 4], name="potong.png")])
    assert "rusak atau tidak lengkap" in messages(refused.value)


@pytest.mark.parametrize(("orientation", "shown"), [(1, (360, 640)), (6, (640, 360)), (8, (640, 360))])
def test_a_png_turned_by_its_exif_reports_the_size_it_is_shown_at(orientation, shown):
    exif = Image.Exif()
    exif[0x0112] = orientation
    buffer = io.BytesIO()
    Image.new("RGB", (360, 640), "white").save(buffer, "PNG", exif=exif)
    [checked] = check_evidence([upload(buffer.getvalue())])
    assert (checked.width, checked.height) == shown


def test_an_oversize_file_names_the_limit(settings):
    settings.MAX_EVIDENCE_BYTES = 100_000
    content = noisy_png()
    assert len(content) > 100_000
    with pytest.raises(ValidationError) as refused:
        check_evidence([upload(content)])
    assert "melebihi batas 97,7\xa0KB per berkas" in messages(refused.value)
    assert refused.value.error_list[0].error_list[0].code == "file_too_large"


def test_an_image_over_the_pixel_limit_is_refused_before_decoding(settings):
    settings.MAX_EVIDENCE_PIXELS = 40_000_000
    # 9000 x 9000 = 81 megapixels, tiny on disk: a decompression bomb for a phone-sized limit.
    bomb = image_bytes("PNG", size=(9000, 9000), mode="1")
    assert len(bomb) < 200_000
    with pytest.raises(ValidationError) as refused:
        check_evidence([upload(bomb)])
    text = messages(refused.value)
    assert "9000 x 9000 piksel (81,0 megapiksel)" in text
    assert "melebihi batas 40,0 megapiksel" in text


def test_pillows_own_bomb_guard_is_reported_as_too_many_pixels(settings, monkeypatch):
    settings.MAX_EVIDENCE_PIXELS = 10**12  # our limit out of the way; Pillow's still applies
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    with pytest.raises(ValidationError) as refused:
        check_evidence([upload(image_bytes("PNG", size=(100, 100)))])
    assert "terlalu besar untuk dibuka" in messages(refused.value)


def test_count_limits():
    with pytest.raises(ValidationError) as refused:
        check_evidence([])
    assert "paling sedikit 1 tangkapan layar" in messages(refused.value)
    six = [upload(image_bytes(), name=f"{n}.png") for n in range(6)]
    with pytest.raises(ValidationError) as refused:
        check_evidence(six)
    assert "paling banyak 5 tangkapan layar; Anda memilih 6" in messages(refused.value)
    assert len(check_evidence(six[:5])) == 5


def test_every_bad_file_is_reported_at_once():
    files = [upload(image_bytes()), upload(b"", name="dua.png"), upload(b"teks", name="tiga.png")]
    with pytest.raises(ValidationError) as refused:
        check_evidence(files)
    text = messages(refused.value)
    assert "Berkas 2 (dua.png)" in text
    assert "Berkas 3 (tiga.png)" in text
    assert "Berkas 1" not in text


def test_rendering_a_pdf_does_not_make_truncated_uploads_acceptable():
    """WeasyPrint turns Pillow's LOAD_TRUNCATED_IMAGES on when imported; the portal turns it off."""
    from complaints.forwarding import dossier

    dossier._weasyprint_html()(string="<p>x</p>").write_pdf()
    with pytest.raises(ValidationError) as refused:
        check_evidence([upload(image_bytes("PNG")[:200], name="potong.png")])
    assert "rusak atau tidak lengkap" in messages(refused.value)
