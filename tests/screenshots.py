"""Phone screenshots for tests: rendered Indonesian text in a social-media layout, with metadata."""

import io

from PIL import Image, ImageDraw, ImageFont
from PIL.PngImagePlugin import PngInfo

GPS_IFD = 0x8825
ORIENTATION = 0x0112
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description creator="Fotografer Rahasia"/></x:xmpmeta>'


def post(
    *,
    account="pemprov.banten",
    headline="Paslon 02 nomor urut dua",
    footer=("Suka  Komentari  Bagikan", "Disukai oleh 1.204 orang", "#lanjutkan2024 #pilkadadamai"),
    nip="",
    colour=(200, 30, 60),
    size=(720, 1280),
) -> Image.Image:
    """Draw a post as a phone shows it: account bar, picture with a slogan, buttons, caption."""
    font, small = ImageFont.load_default(size=36), ImageFont.load_default(size=30)
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, size[0], 110), fill=(245, 245, 245))
    draw.text((30, 36), f"{account}   Ikuti", font=font, fill="black")
    draw.rectangle((0, 130, size[0], 720), fill=colour)
    draw.ellipse((240, 200, 480, 440), fill=(250, 220, 190))
    draw.rectangle((20, 540, size[0] - 20, 620), fill="white")  # the slogan's caption box
    draw.text((40, 560), headline, font=font, fill="black")
    for number, line in enumerate(footer):
        draw.text((30, 760 + 56 * number), line, font=small, fill="black")
    if nip:
        draw.text((30, 760 + 56 * len(footer)), f"NIP {nip}", font=small, fill="black")
    return image


def jpeg_with_gps(image: Image.Image, *, orientation: int = 1) -> bytes:
    """Return JPEG bytes carrying EXIF GPS (Serang), an orientation, XMP and a comment."""
    exif = Image.Exif()
    exif[0x010F] = "Pabrikan Ponsel"  # Make
    exif[ORIENTATION] = orientation
    exif.get_ifd(GPS_IFD).update({1: "S", 2: (6.0, 7.0, 12.0), 3: "E", 4: (106.0, 9.0, 1.0)})
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92, exif=exif, xmp=XMP, comment=b"dikirim dari ponsel pelapor")
    return buffer.getvalue()


def png_with_text(image: Image.Image) -> bytes:
    info = PngInfo()
    info.add_text("Author", "Nama Pelapor")
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    buffer = io.BytesIO()
    image.save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()
