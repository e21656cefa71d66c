"""Writes and guarded reads of evidence: sealing uploads, opening files for officials."""

import contextlib
import functools
from collections.abc import Iterator
from concurrent import futures
from concurrent.futures import Future, ThreadPoolExecutor

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import permissions, tasks, timeline
from ..errors import NotFound
from ..models import Case, Evidence, evidence_upload_to
from ..storage import evidence_storage
from .validation import CheckedImage

# Derived copies and their content types; the original keeps the type it was sealed with.
COPIES = {"sanitized": Evidence.Mime.PNG.value, "thumbnail": Evidence.Mime.JPEG.value}
VARIANTS = ("original", *COPIES)


class Sealed:
    """The files a block stores (`sealing`): their names, and the uploads still under way.

    Each file is stored on a thread of its own while the request goes on writing the rows that
    record it (issue 14: a report's upload to S3 no longer waits for, nor holds up, its rows).
    """

    def __init__(self):
        self.names: list[str] = []
        self._pending: list[tuple[str, Future]] = []

    def __len__(self) -> int:
        return len(self.names)

    def store(self, name: str, content) -> None:
        self.names.append(name)
        self._pending.append((name, _uploader().submit(evidence_storage.save, name, content)))

    def wait(self) -> None:
        """Return once every file is stored; raise the first upload's failure."""
        pending, self._pending = self._pending, []
        try:
            for name, upload in pending:
                if upload.result() != name:  # named by a fresh UUID: no storage renames it
                    raise RuntimeError(f"The storage kept {name} under another name.")
        finally:
            futures.wait([upload for _name, upload in pending])


@functools.cache
def _uploader() -> ThreadPoolExecutor:
    # Made at first use, so in each web or worker process after it forked, never before.
    return ThreadPoolExecutor(max_workers=settings.MAX_EVIDENCE_FILES, thread_name_prefix="evidence-upload")


@contextlib.contextmanager
def sealing() -> Iterator[Sealed]:
    """A transaction whose rows commit only once every file they record is stored.

    If the block fails, or a file cannot be stored, no row remains and every stored file is
    deleted: a rolled-back report leaves no row and no file behind.
    """
    sealed = Sealed()
    try:
        with transaction.atomic():
            yield sealed
            sealed.wait()
    except BaseException:
        with contextlib.suppress(Exception):
            sealed.wait()  # no upload may land after its file was deleted
        for name in sealed.names:
            evidence_storage.delete(name)
        raise


def evidence_store(*, images: list[CheckedImage], sealed: Sealed, uploaded_at=None) -> list[Evidence]:
    """Start storing each image's exact bytes in private storage; return its evidence, which
    `evidence_record` writes once the case exists (the caller waits in `sealing`)."""
    uploaded_at = uploaded_at or timezone.now()
    stored = []
    for image in images:
        evidence = Evidence(
            uploaded_at=uploaded_at,
            original_name=(image.upload.name or "")[:255],
            sha256=image.sha256,
            mime=image.mime,
            size_bytes=image.size,
            width=image.width,
            height=image.height,
        )
        evidence.original = evidence_upload_to(evidence, "original")
        image.upload.seek(0)
        sealed.store(evidence.original.name, image.upload)
        stored.append(evidence)
    return stored


def evidence_record(*, case: Case, evidence: list[Evidence], new_case: bool = False) -> list[Evidence]:
    """Write the rows of `evidence_store`'s files, after the case's existing evidence (none, for
    a `new_case`); the caller queues their processing after commit (`tasks.case_received`)."""
    last = 0 if new_case else case.evidence.order_by("-position").values_list("position", flat=True).first() or 0
    for position, item in enumerate(evidence, start=last + 1):
        item.case, item.position = case, position
        item.save(force_insert=True)
    return evidence


def evidence_seal_all(
    *, case: Case, images: list[CheckedImage], sealed: Sealed, uploaded_at=None, new_case: bool = False
) -> list[Evidence]:
    """Store each image and record it on the case (`evidence_store`, then `evidence_record`).

    A report's screenshots are uploaded when it is submitted (`uploaded_at`): its first timeline
    event holds their hashes.
    """
    stored = evidence_store(images=images, sealed=sealed, uploaded_at=uploaded_at)
    return evidence_record(case=case, evidence=stored, new_case=new_case)


def evidence_reprocess(*, evidence: Evidence, by) -> None:
    """Queue the screenshot's failed and pending steps again (an admin, after a worker's fault
    was mended: Tesseract missing, storage away)."""
    permissions.require(by, permissions.REPROCESS_EVIDENCE, _("Peran Anda tidak boleh memproses ulang bukti."))
    tasks.process_evidence.delay(evidence_id=evidence.pk)


def evidence_process_queue(*, case_id: int) -> None:
    """Queue the processing of each of the case's screenshots not yet processed."""
    for evidence_id in Evidence.objects.filter(case_id=case_id, processed_at=None).values_list("pk", flat=True):
        tasks.process_evidence.delay(evidence_id=evidence_id)


def evidence_file_open(*, evidence: Evidence, variant: str, by):
    """Return (open file, content type) of a screenshot for an official.

    The sanitized copy and thumbnail are for every official who may see the case; the sealed
    original only for roles allowed to download it, and each download is recorded.
    """
    permissions.require(by, permissions.VIEW_CASE, _("Peran Anda tidak boleh melihat bukti."))
    if variant == "original":
        permissions.require(
            by,
            permissions.DOWNLOAD_ORIGINAL,
            _("Peran Anda tidak boleh mengunduh berkas asli; buka salinan bersihnya."),
        )
        if evidence.original_erased_at:
            raise NotFound(
                _("Berkas asli sudah dihapus pada akhir masa simpannya; SHA-256-nya tetap tercatat: %(sha)s")
                % {"sha": evidence.sha256},
                code="erased",
            )
        timeline.original_downloaded(case=evidence.case, by=by, note=f"#{evidence.position} SHA-256 {evidence.sha256}")
        return evidence.original.open("rb"), evidence.mime
    if variant not in COPIES:
        raise NotFound(_("Bukti tidak ditemukan."))
    copy = getattr(evidence, variant)
    if not copy:
        raise NotFound(_("Salinan ini belum tersedia: bukti belum diproses."), code="not_processed")
    return copy.open("rb"), COPIES[variant]
