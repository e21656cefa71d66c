"""Writes and guarded reads of evidence: sealing uploads, opening files for officials."""

import contextlib
from collections.abc import Iterator

from django.utils import timezone
from django.utils.translation import gettext as _

from .. import permissions, tasks, timeline
from ..errors import NotFound
from ..models import Case, Evidence
from ..storage import evidence_storage
from .validation import CheckedImage

# Derived copies and their content types; the original keeps the type it was sealed with.
COPIES = {"sanitized": Evidence.Mime.PNG.value, "thumbnail": Evidence.Mime.JPEG.value}
VARIANTS = ("original", *COPIES)


def evidence_seal(*, case: Case, image: CheckedImage, position: int, uploaded_at=None) -> Evidence:
    """Store the exact uploaded bytes in private storage and record what was checked."""
    evidence = Evidence(
        case=case,
        uploaded_at=uploaded_at or timezone.now(),
        position=position,
        original_name=(image.upload.name or "")[:255],
        sha256=image.sha256,
        mime=image.mime,
        size_bytes=image.size,
        width=image.width,
        height=image.height,
    )
    image.upload.seek(0)
    evidence.original.save("original", image.upload, save=False)
    try:
        evidence.save()
    except BaseException:
        evidence_storage.delete(evidence.original.name)
        raise
    return evidence


@contextlib.contextmanager
def sealing() -> Iterator[list[str]]:
    """Yield a list to which sealed files' names are added; if the block fails, delete them all.

    Wrap the transaction with it: a rolled-back report leaves no row and no file behind.
    """
    sealed: list[str] = []
    try:
        yield sealed
    except BaseException:
        for name in sealed:
            evidence_storage.delete(name)
        raise


def evidence_seal_all(
    *, case: Case, images: list[CheckedImage], sealed: list[str], uploaded_at=None, new_case: bool = False
) -> list[Evidence]:
    """Seal each image after the case's existing evidence (none, for a `new_case`) and return
    what was sealed; the caller queues its processing after commit (`tasks.case_received`).

    Each stored name is added to `sealed` as it goes (see `sealing`). A report's screenshots
    are uploaded when it is submitted (`uploaded_at`): its first timeline event holds their hashes.
    """
    last = 0 if new_case else case.evidence.order_by("-position").values_list("position", flat=True).first() or 0
    sealed_now = []
    for position, image in enumerate(images, start=last + 1):
        evidence = evidence_seal(case=case, image=image, position=position, uploaded_at=uploaded_at)
        sealed.append(evidence.original.name)
        sealed_now.append(evidence)
    return sealed_now


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
