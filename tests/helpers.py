"""Helpers shared by the tests: images and uploads made in memory."""

import datetime
import io
import struct
import zlib
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

# Every unit test starts at this moment and ticks on from it (the `clock` fixture), so that none
# meets midnight, a new minute or a new year by luck of when it runs. A Wednesday, a working day.
FROZEN_AT = datetime.datetime(2026, 11, 25, 10, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


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


def together(*moves) -> list:
    """Run each callable in its own thread and database connection, released together by a
    barrier; return what each returned or raised."""
    import threading

    from django.db import connection

    barrier = threading.Barrier(len(moves))
    results: list = [None] * len(moves)

    def run(number, move):
        try:
            barrier.wait(timeout=10)
            results[number] = move()
        except Exception as error:  # the test reads what each got
            results[number] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(number, move)) for number, move in enumerate(moves)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def race(case_pk: int, *moves: tuple[str, object, dict]) -> dict[str, str]:
    """Run workflow actions at once, each in its own thread and database connection, each from
    the case as read before any of them acted; return {action: "ok" | "conflict"}.

    `moves` are (action, official, body). A barrier releases them together.
    """
    import threading

    from django.db import connection

    from complaints.errors import Conflict
    from complaints.models import Case
    from complaints.triage import workflow

    barrier = threading.Barrier(len(moves))
    results: dict[str, str] = {}

    def act(action: str, user, body: dict) -> None:
        try:
            stale = Case.objects.get(pk=case_pk)
            barrier.wait(timeout=10)
            workflow.perform(action, case=stale, by=user, **body)
            results[action] = "ok"
        except Conflict:
            results[action] = "conflict"
        finally:
            connection.close()

    threads = [threading.Thread(target=act, args=move) for move in moves]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def error_of(response, http_status: int) -> dict:
    """Assert the API's error shape with this status and return the error body."""
    assert response.status_code == http_status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "fields"}
    assert body["error"]["message"]
    return body["error"]


def stored_files(folder) -> list:
    """Return the files under `folder` (none if it does not exist)."""
    return [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []


def assert_nothing_stored(folder) -> None:
    """Assert that no case, reporter, evidence, event or evidence file was stored."""
    from complaints.models import Case, CaseEvent, Evidence, Reporter

    assert Case.objects.count() == 0
    assert Reporter.objects.count() == 0
    assert Evidence.objects.count() == 0
    assert CaseEvent.objects.count() == 0
    assert stored_files(folder) == []
