"""The tus 1.0.0 core protocol with its creation extension (https://tus.io/protocols/resumable-upload),
for the report form's screenshots: the browser (tus-js-client) opens an upload with
`POST /lapor/unggah/`, sends the file in parts with `PATCH`, and after a dropped connection asks
with `HEAD` how much arrived, then goes on from there. The bytes are kept by `staging`.

Only what the protocol needs: no download, no deletion by the client (the purge deletes), no
concatenation. An upload belongs to the browser session that opened it: another gets 404. Each
request carries the CSRF token like any form of the site; the opening of an upload is counted per
client address (UPLOAD_RATE, in UploadGuardMiddleware).
"""

import base64
import binascii
import re

from django.conf import settings
from django.http import HttpResponse, UnreadablePostError
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from ..errors import DomainError, NotFound
from ..responses import http_status
from . import staging

TUS_VERSION = "1.0.0"
DIGITS = re.compile(r"^[0-9]{1,20}$")
PART_TYPE = "application/offset+octet-stream"


def _answer(status: int, message: str = "", **headers: str) -> HttpResponse:
    response = HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
    response["Tus-Resumable"] = TUS_VERSION
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


# Beside the project's mapping (responses.http_status): a file too large for an upload, and no room
# to hold one now (the form then sends the files with the report).
TUS_STATUS = {"too_large": 413, "staging_full": 503}


def _refused(error: DomainError) -> HttpResponse:
    status = TUS_STATUS.get(error.code) or http_status(error)
    return _answer(status, error.message, **({"Retry_After": "600"} if status == 503 else {}))


def _wrong_version(request) -> HttpResponse | None:
    if request.headers.get("Tus-Resumable") != TUS_VERSION:
        return _answer(412, "Tus-Resumable 1.0.0 required.", Tus_Version=TUS_VERSION)
    return None


def _filename(metadata: str) -> str:
    """The `filename` of an Upload-Metadata header ("key base64,key base64"), or ""."""
    for pair in metadata.split(","):
        key, _space, value = pair.strip().partition(" ")
        if key == "filename":
            try:
                return base64.b64decode(value, validate=True).decode("utf-8")
            except (binascii.Error, UnicodeDecodeError):
                return ""
    return ""


@never_cache
@require_http_methods(["OPTIONS", "POST"])
def upload_create(request):
    """Open an upload: its length is declared first, so an oversize file is refused at once."""
    if request.method == "OPTIONS":
        return _answer(
            204, Tus_Version=TUS_VERSION, Tus_Extension="creation", Tus_Max_Size=str(settings.MAX_EVIDENCE_BYTES)
        )
    if refused := _wrong_version(request):
        return refused
    length = request.headers.get("Upload-Length", "")
    if not DIGITS.match(length):
        return _answer(400, "Upload-Length must be the file's size in bytes.")
    try:
        upload = staging.upload_create(
            name=_filename(request.headers.get("Upload-Metadata", "")),
            length=int(length),
            owner=staging.owner_of(request.session),
        )
    except DomainError as error:
        return _refused(error)
    return _answer(201, Location=reverse("upload-detail", args=[upload.pk]), Upload_Offset="0")


@never_cache
@require_http_methods(["HEAD", "PATCH"])
def upload_detail(request, upload_id):
    """HEAD: how many bytes arrived. PATCH: the next part, which must start there."""
    if refused := _wrong_version(request):
        return refused
    if request.method == "HEAD":
        try:
            upload = staging.upload_get(upload_id, owner=staging.owner_of(request.session))
        except NotFound as error:
            return _refused(error)
        return _answer(200, Upload_Offset=str(upload.offset), Upload_Length=str(upload.length))
    if request.content_type != PART_TYPE:
        return _answer(415, f"Content-Type must be {PART_TYPE}.")
    offset = request.headers.get("Upload-Offset", "")
    if not DIGITS.match(offset):
        return _answer(400, "Upload-Offset must be a number of bytes.")
    if int(request.META.get("CONTENT_LENGTH") or 0) > settings.UPLOAD_CHUNK_BYTES:
        return _answer(413, f"A part is at most {settings.UPLOAD_CHUNK_BYTES} bytes.")
    try:
        data = request.body
    except (UnreadablePostError, OSError):  # the connection dropped mid-part: nothing of it is kept
        return _answer(400, "The part did not arrive whole.")
    try:
        upload = staging.upload_append(
            upload_id=upload_id, owner=staging.owner_of(request.session), offset=int(offset), data=data
        )
    except DomainError as error:
        return _refused(error)
    return _answer(204, Upload_Offset=str(upload.offset))
