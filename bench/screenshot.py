"""The bench's phone screenshot: 1080 by 2400 pixels, about 1 MB as PNG, the same bytes every run.

A post as a phone shows it: status bar, account bar, a picture, then the caption and comments in
Indonesian, so that Tesseract has lines to read. The picture is random colour smoothed out (a seeded
generator), which PNG compresses about as badly as a photo: its height sets the file's size.
"""

import io
import random

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1080, 2400  # a common Android phone's screen
PICTURE_HEIGHT = 640  # pixels of picture that bring the PNG to about 1 MB
SEED = 14  # issue 14
LINES = [
    "Disukai oleh 12.480 orang lainnya",
    "diskominfo.kabupaten Mari dukung pasangan",
    "calon nomor urut dua pada pemilihan bupati",
    "tanggal 27 November. Bersama kita lanjutkan",
    "pembangunan jalan desa, sekolah dan puskesmas.",
    "#pilkadadamai #lanjutkan2024",
    "Lihat semua 1.204 komentar",
    "warga.serang Kok akun resmi pemerintah",
    "ikut kampanye ya?",
    "budi_santoso Ini melanggar netralitas ASN,",
    "laporkan ke Bawaslu",
    "siti.rahayu Kepala dinas juga hadir di",
    "acara kampanye kemarin",
    "pemuda.banten Tolong diperiksa, ini akun",
    "instansi pemerintah",
    "2 hari yang lalu   Lihat terjemahan",
]


def screenshot() -> bytes:
    """Return the screenshot as PNG bytes (about 1 MB; deterministic)."""
    rng = random.Random(SEED)  # noqa: S311 (pixels, not secrets)
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    large, small = ImageFont.load_default(size=40), ImageFont.load_default(size=34)
    draw.rectangle((0, 0, WIDTH, 90), fill=(20, 20, 20))
    draw.text((40, 24), "10.42   4G   87%", font=small, fill="white")
    draw.text((40, 130), "diskominfo.kabupaten   Ikuti", font=large, fill="black")
    seed_pixels = Image.frombytes("RGB", (54, 54), rng.randbytes(54 * 54 * 3))
    image.paste(seed_pixels.resize((WIDTH, PICTURE_HEIGHT), Image.Resampling.BICUBIC), (0, 220))
    top = 220 + PICTURE_HEIGHT + 60
    for number, line in enumerate(LINES):
        draw.text((40, top + 64 * number), line, font=small, fill="black")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()
