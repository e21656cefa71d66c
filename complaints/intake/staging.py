"""Screenshots received before their report (DESIGN §3): resumable uploads and the check page.

A phone on a weak signal sends each screenshot in parts (the tus protocol, `tus.py`); a
part that arrives whole is kept, so a dropped connection resumes from the last byte received
instead of sending the file again. Without JavaScript, the check page holds the chosen files
here while the citizen reads over the report. The report then names its files by their ids
(`ReportForm`'s `uploads`), and they are checked like any other upload.

Nothing here is ever sent back to a browser: a staged file is only read into a report. What is
not used within STAGED_UPLOAD_HOURS is deleted by the periodic purge.
"""

import datetime
import hashlib
import hmac
import logging
import os
import tempfile
import uuid

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Sum
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from ..errors import Conflict, Invalid, NotFound
from ..models import StagedPart, StagedUpload

logger = logging.getLogger(__name__)

NAME_MAX = 255


def _cutoff(now: datetime.datetime | None = None) -> datetime.datetime:
    return (now or timezone.now()) - datetime.timedelta(hours=settings.STAGED_UPLOAD_HOURS)


def _name(name: str) -> str:
    """The file's own name, without a path or control characters, for the lists."""
    name = os.path.basename(name.replace("\\", "/"))
    return "".join(char for char in name if char.isprintable())[:NAME_MAX] or "berkas"


def _too_large(length: int) -> Invalid:
    message = _("Berkas %(size)s lebih dari batas %(limit)s per tangkapan layar.") % {
        "size": filesizeformat(length),
        "limit": filesizeformat(settings.MAX_EVIDENCE_BYTES),
    }
    return Invalid.on_field("evidence", message, code="too_large")


class StagingFull(Conflict):
    """The uploads held together have reached STAGED_UPLOAD_MAX_BYTES: the form sends its files
    with the report instead, so a flood of unused uploads can fill neither the database nor stop
    anyone reporting."""

    code = "staging_full"


def owner_of(session) -> str:
    """The owner of a browser session's uploads (the session started now if it was not yet):
    keyed by SECRET_KEY, so the database holds no session key (which would let its reader act as
    the citizen)."""
    if not session.session_key:
        session.save()
    return hmac.new(settings.SECRET_KEY.encode(), f"staging:{session.session_key}".encode(), hashlib.sha256).hexdigest()


def upload_create(*, name: str, length: int, owner: str) -> StagedUpload:
    """Open an upload of `length` bytes; refuse an empty or oversize file before any byte comes,
    and any file while the uploads held together are at their limit."""
    if length <= 0:
        raise Invalid.on_field("evidence", _("Berkas kosong tidak dapat dikirim."), code="empty")
    if length > settings.MAX_EVIDENCE_BYTES:
        raise _too_large(length)
    held = StagedUpload.objects.filter(created_at__gte=_cutoff()).aggregate(total=Sum("length"))["total"] or 0
    if held + length > settings.STAGED_UPLOAD_MAX_BYTES:
        logger.warning("Staged uploads at their limit (%d bytes held): files go with their reports", held)
        raise StagingFull(_("Unggahan bertahap sedang penuh. Kirim tangkapan layar bersama laporannya."))
    return StagedUpload.objects.create(name=_name(name), length=length, owner=owner, created_at=timezone.now())


def upload_get(upload_id: uuid.UUID | str, *, owner: str, lock: bool = False) -> StagedUpload:
    """Return an upload of `owner` still kept (`lock`: its row locked), or raise NotFound (unknown,
    another session's, expired, or already used)."""
    uploads = StagedUpload.objects.select_for_update() if lock else StagedUpload.objects
    try:
        return uploads.get(pk=upload_id, owner=owner, created_at__gte=_cutoff())
    except (StagedUpload.DoesNotExist, ValueError):
        raise NotFound(_("Unggahan ini tidak ada atau sudah kedaluwarsa."), code="upload_not_found") from None


def upload_append(*, upload_id: uuid.UUID | str, owner: str, offset: int, data: bytes) -> StagedUpload:
    """Add the bytes that start at `offset`; the upload's offset must be exactly there.

    The row is locked, so two requests with the same part (a retry racing its original) add it
    once: the second finds the offset moved and gets a Conflict that names the new offset.
    """
    with transaction.atomic():
        upload = upload_get(upload_id, owner=owner, lock=True)
        if offset != upload.offset:
            raise Conflict(
                _("Bagian ini dimulai di byte %(offset)d; yang sudah diterima %(received)d byte.")
                % {"offset": offset, "received": upload.offset},
                code="offset_mismatch",
            )
        if upload.offset + len(data) > upload.length:
            raise Invalid(_("Bagian ini melewati panjang berkas yang dinyatakan."), code="beyond_length")
        if data:
            StagedPart.objects.create(upload=upload, offset=upload.offset, data=data)
            upload.offset += len(data)
            upload.save(update_fields=["offset"])
    return upload


def uploads_stage(files: list[UploadedFile], *, owner: str) -> list[StagedUpload]:
    """Keep files that came whole in a form (the check page without JavaScript), in parts: one
    insert a part, the upload complete at once (nobody else can see it before the commit)."""
    staged = []
    with transaction.atomic():
        for upload in files:
            kept = upload_create(name=upload.name or "", length=upload.size, owner=owner)
            upload.seek(0)
            for chunk in upload.chunks(settings.UPLOAD_CHUNK_BYTES):
                StagedPart.objects.create(upload=kept, offset=kept.offset, data=chunk)
                kept.offset += len(chunk)
            kept.save(update_fields=["offset"])
            staged.append(kept)
    return staged


def uploads_kept(ids: list[str], *, owner: str | None) -> list[StagedUpload]:
    """Return the complete uploads of `owner` among `ids`, in the order given; refuse any other id
    (and, without an owner, as in the API, every id)."""
    limit = settings.MAX_EVIDENCE_FILES
    if len(ids) > limit:
        raise Invalid.on_field(
            "evidence",
            _("Unggah paling banyak %(limit)d tangkapan layar; Anda memilih %(count)d.")
            % {"limit": limit, "count": len(ids)},
            code="too_many_files",
        )
    try:
        keys = list(dict.fromkeys(uuid.UUID(str(upload_id)) for upload_id in ids))
    except ValueError:
        keys = None
    kept = StagedUpload.objects.filter(owner=owner or "-", created_at__gte=_cutoff())
    found = {} if keys is None else kept.filter(pk__in=keys).in_bulk()
    if keys is None or len(found) != len(keys):
        raise Invalid.on_field(
            "evidence",
            _(
                "Tangkapan layar yang diunggah sebelumnya tidak ditemukan: sudah terkirim dengan laporan, "
                "atau sudah lebih dari %(hours)d jam. Pilih ulang."
            )
            % {"hours": settings.STAGED_UPLOAD_HOURS},
            code="upload_not_found",
        )
    if unfinished := [upload.name for upload in found.values() if not upload.complete]:
        raise Invalid.on_field(
            "evidence",
            _("%(names)s belum selesai diunggah. Kirim lagi agar unggahan dilanjutkan.")
            % {"names": ", ".join(unfinished)},
            code="upload_incomplete",
        )
    return [found[key] for key in keys]


def uploads_open(uploads: list[StagedUpload]) -> list[UploadedFile]:
    """Return each upload as a file a form reads like one sent with it (in memory up to Django's
    FILE_UPLOAD_MAX_MEMORY_SIZE, on disk beyond)."""
    files = []
    for upload in uploads:
        spooled = tempfile.SpooledTemporaryFile(max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE)  # noqa: SIM115 (the form reads it)
        for part in upload.parts.order_by("offset").values_list("data", flat=True).iterator():
            spooled.write(part)
        spooled.seek(0)
        files.append(UploadedFile(spooled, name=upload.name, size=upload.length))
    return files


def uploads_discard(uploads: list[StagedUpload]) -> None:
    """Delete uploads as their report stores them (in its transaction): each is used once, so a
    report sent twice at the same moment with the same uploads is refused the second time."""
    if not uploads:
        return
    _total, deleted = StagedUpload.objects.filter(pk__in=[upload.pk for upload in uploads]).delete()
    if deleted.get(StagedUpload._meta.label, 0) != len(uploads):
        raise Conflict.on_field(
            "evidence", _("Tangkapan layar ini sudah terkirim dengan laporan lain."), code="upload_used"
        )


def uploads_forget(uploads: list[StagedUpload]) -> None:
    """Delete uploads the citizen will choose again (one of them was refused)."""
    StagedUpload.objects.filter(pk__in=[upload.pk for upload in uploads]).delete()


def uploads_purge(now: datetime.datetime | None = None) -> int:
    """Delete uploads older than STAGED_UPLOAD_HOURS: never used, or left by an interrupted
    report (periodic). Return how many."""
    _total, deleted = StagedUpload.objects.filter(created_at__lt=_cutoff(now)).delete()
    count = deleted.get(StagedUpload._meta.label, 0)
    logger.info("%d staged uploads purged", count)
    return count
