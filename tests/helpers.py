"""Helpers shared by the tests: images and uploads made in memory."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (360, 640), mode: str = "RGB", **save) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, (230, 240, 250) if mode == "RGB" else 1).save(buffer, fmt, **save)
    return buffer.getvalue()


def upload(content: bytes, name: str = "tangkapan.png", content_type: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def png_raw(*, width: int, height: int, bit_depth: int, colour_type: int, rows: list[bytes]) -> bytes:
    """Return a PNG written by hand, for the sample formats Pillow cannot write (16-bit RGB, say).

    `rows` are the raw scanlines, without the filter byte.
    """

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, 0)
    pixels = zlib.compress(b"".join(b"\0" + row for row in rows))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
