"""Writes. Views and API views call these; nothing else creates reports or evidence."""

import datetime
import functools
import logging
from dataclasses import dataclass

from django.contrib.auth.hashers import check_password, make_password
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import deadlines, tasks, workflow
from .evidence import CheckedImage
from .models import Behaviour, Case, CaseEvent, Election, Evidence, Forwarding, Region, Reporter
from .storage import evidence_storage
from .tickets import generate_access_code, generate_ticket, normalize_access_code

logger = logging.getLogger(__name__)

TICKET_ATTEMPTS = 5  # a collision among 32**7 tickets is rare; five in a row means a bug


@dataclass(frozen=True)
class ReportInput:
    """A validated report (see `forms.ReportForm`), identity already dropped if anonymous."""

    anonymous: bool
    reporter_name: str
    reporter_email: str
    reporter_phone: str
    share_identity: bool
    asn_name: str
    asn_nip: str
    asn_agency: str
    asn_position: str
    asn_region: Region
    platform: str
    post_url: str
    incident_date: datetime.date
    known_date: datetime.date
    election: Election
    behaviours: list[Behaviour]
    description: str
    evidence: list[CheckedImage]


@dataclass(frozen=True)
class SubmittedReport:
    case: Case
    access_code: str  # plain text: shown once on the receipt, then gone


def _case_insert_with_unique_ticket(case: Case, *, ticket: str | None) -> Case:
    if ticket:  # a fixed ticket (demo data): taken as it is, or the insert fails
        case.ticket = ticket
        case.save(force_insert=True)
        return case
    for _attempt in range(TICKET_ATTEMPTS):
        case.ticket = generate_ticket()
        try:
            with transaction.atomic():
                case.save(force_insert=True)
                return case
        except IntegrityError:
            continue
    raise RuntimeError("Could not find a free ticket number.")


def evidence_seal(*, case: Case, image: CheckedImage, position: int) -> Evidence:
    """Store the exact uploaded bytes in private storage and record what was checked."""
    evidence = Evidence(
        case=case,
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


def _evidence_seal_all(*, case: Case, images: list[CheckedImage], sealed: list[str]) -> None:
    """Seal each image after the case's existing evidence, adding each stored name to `sealed`
    as it goes, so that a failure part-way still lets the caller delete every stored file."""
    last = case.evidence.order_by("-position").values_list("position", flat=True).first() or 0
    for position, image in enumerate(images, start=last + 1):
        evidence = evidence_seal(case=case, image=image, position=position)
        sealed.append(evidence.original.name)
        transaction.on_commit(lambda pk=evidence.pk: tasks.process_evidence.delay(evidence_id=pk))


def report_submit(*, report: ReportInput, ticket: str | None = None, access_code: str | None = None) -> SubmittedReport:
    """Create a case from a citizen's report, with its reporter, evidence and first event.

    All or nothing: if anything fails, no row remains and the stored files are deleted.
    The confirmation email is queued only once the transaction has committed.
    """
    access_code = access_code or generate_access_code()
    access_code_hash = make_password(access_code)  # slow on purpose: done outside the transaction
    sealed: list[str] = []
    try:
        with transaction.atomic():
            case = Case(
                access_code_hash=access_code_hash,
                anonymous=report.anonymous,
                share_identity=report.share_identity,
                consented_at=timezone.now(),
                asn_name=report.asn_name,
                asn_nip=report.asn_nip,
                asn_agency=report.asn_agency,
                asn_position=report.asn_position,
                asn_region=report.asn_region,
                platform=report.platform,
                post_url=report.post_url,
                incident_date=report.incident_date,
                known_date=report.known_date,
                election=report.election,
                description=report.description,
                is_late=deadlines.report_is_late(
                    known_date=report.known_date, submitted_on=timezone.localdate(), election_type=report.election.type
                ),
            )
            case.deadline = deadlines.deadline_for(case)
            _case_insert_with_unique_ticket(case, ticket=ticket)
            case.behaviours.set(report.behaviours)
            if not report.anonymous:
                Reporter.objects.create(
                    case=case,
                    name=report.reporter_name,
                    email=report.reporter_email,
                    phone=report.reporter_phone,
                )
            _evidence_seal_all(case=case, images=report.evidence, sealed=sealed)
            CaseEvent.objects.create(case=case, action=CaseEvent.Action.SUBMIT, to_status=case.status)
            if report.reporter_email:
                transaction.on_commit(lambda: tasks.send_report_confirmation.delay(case_id=case.pk))
    except BaseException:
        for name in sealed:
            evidence_storage.delete(name)
        raise
    logger.info("Report %s received with %d evidence files", case.ticket, len(sealed))
    return SubmittedReport(case=case, access_code=access_code)


class AccessDenied(workflow.WorkflowError):
    status_code = 403


@functools.cache
def _dummy_hash() -> str:
    return make_password("not-an-access-code")


def reply_case_authorize(*, ticket: str, access_code: str) -> Case:
    """Return the case the reporter may answer for, or raise.

    An unknown ticket and a wrong code get the same refusal, after the same hashing work, so
    neither the answer nor its timing tells whether a ticket exists.
    """
    case = Case.objects.filter(ticket=ticket).first()
    matches = check_password(normalize_access_code(access_code), case.access_code_hash if case else _dummy_hash())
    if case is None or not matches:
        raise AccessDenied(_("Nomor tiket atau kode akses salah."))
    if case.status != Case.Status.NEEDS_INFO:
        raise workflow.Conflict(_("Laporan ini sedang tidak menunggu keterangan dari Anda."))
    return case


def reply_submit(*, case: Case, text: str, evidence: list[CheckedImage]) -> workflow.Outcome:
    """Record the reporter's answer with any new screenshots; all or nothing, like a report."""
    sealed: list[str] = []
    try:
        with transaction.atomic():
            outcome = workflow.reply(case=case, text=text)
            _evidence_seal_all(case=outcome.case, images=evidence, sealed=sealed)
    except BaseException:
        for name in sealed:
            evidence_storage.delete(name)
        raise
    logger.info("Reply to %s received with %d evidence files", case.ticket, len(sealed))
    return outcome


def reporter_identity_view(*, case: Case, by) -> Reporter | None:
    """Return the reporter's identity for an official allowed to see it, and record that they did.

    Every look is an internal timeline event (UU 27/2022: access to personal data is logged).
    """
    if not by.has_perm("complaints.view_reporter_identity"):
        raise workflow.NotAllowed(_("Peran Anda tidak boleh melihat identitas pelapor."))
    if case.anonymous:
        return None  # nothing is stored, so nothing was seen
    CaseEvent.objects.create(
        case=case,
        action=CaseEvent.Action.IDENTITY_VIEWED,
        actor=by,
        from_status=case.status,
        to_status=case.status,
        is_public=False,
    )
    logger.info("Reporter identity of %s viewed by official %s", case.ticket, by.pk)
    return Reporter.objects.filter(case=case).first()


def evidence_file_open(*, evidence: Evidence, variant: str, by):
    """Open a screenshot's file for an official; raise NotAllowed, or LookupError if not made yet.

    The sanitized copy and thumbnail are for every official who may see the case; the sealed
    original only for roles allowed to download it, and each download is recorded.
    """
    if not by.has_perm("complaints.view_case"):
        raise workflow.NotAllowed(_("Peran Anda tidak boleh melihat bukti."))
    if variant == "original":
        if not by.has_perm("complaints.download_original_evidence"):
            raise workflow.NotAllowed(_("Peran Anda tidak boleh mengunduh berkas asli; buka salinan bersihnya."))
        CaseEvent.objects.create(
            case=evidence.case,
            action=CaseEvent.Action.ORIGINAL_DOWNLOADED,
            actor=by,
            from_status=evidence.case.status,
            to_status=evidence.case.status,
            internal_note=f"#{evidence.position} SHA-256 {evidence.sha256}",
            is_public=False,
        )
        return evidence.original.open("rb")
    copy = {"sanitized": evidence.sanitized, "thumbnail": evidence.thumbnail}.get(variant)
    if copy is None:
        raise LookupError(variant)
    if not copy:
        raise LookupError(_("Salinan ini belum tersedia: bukti belum diproses."))
    return copy.open("rb")


def agency_acknowledge(*, forwarding: Forwarding) -> None:
    """Record that the agency received the dossier (once); the reporter sees it."""
    with transaction.atomic():
        locked = Forwarding.objects.select_for_update().select_related("case", "agency").get(pk=forwarding.pk)
        if locked.acknowledged_at:
            return
        locked.acknowledged_at = timezone.now()
        locked.save(update_fields=["acknowledged_at"])
        _agency_event(locked, CaseEvent.Action.AGENCY_ACKNOWLEDGED)


def agency_outcome_record(*, forwarding: Forwarding, data: dict, letter=None) -> None:
    """Record what the agency decided (once). When every agency has, the case awaits closing."""
    stored = None
    try:
        with transaction.atomic():
            locked = Forwarding.objects.select_for_update().select_related("case", "agency").get(pk=forwarding.pk)
            if locked.outcome:
                raise workflow.Conflict(_("Hasil penanganan sudah dilaporkan sebelumnya."))
            for field in ("outcome", "discipline_level", "decision_number", "decision_date", "outcome_note"):
                setattr(locked, field, data.get(field) or ("" if field != "decision_date" else None))
            locked.outcome_at = timezone.now()
            locked.acknowledged_at = locked.acknowledged_at or locked.outcome_at
            if letter is not None:
                locked.decision_letter.save(f"dossiers/letters/{locked.key.hex}/keputusan.pdf", letter, save=False)
                stored = locked.decision_letter.name
            locked.save()
            _agency_event(locked, CaseEvent.Action.AGENCY_OUTCOME, note=locked.get_outcome_display())
            if not locked.case.forwardings.filter(outcome="").exists():
                Case.objects.filter(pk=locked.case_id).update(deadline=None)  # nothing left to wait for
    except BaseException:
        if stored:
            evidence_storage.delete(stored)
        raise


def _agency_event(forwarding: Forwarding, action: str, *, note: str = "") -> None:
    case = forwarding.case
    CaseEvent.objects.create(
        case=case,
        action=action,
        from_status=case.status,
        to_status=case.status,
        public_note=f"{forwarding.agency.name}{': ' + note if note else ''}",
    )


def forwarding_resend(*, forwarding: Forwarding, by) -> None:
    """Send the dossier again with a fresh link (koordinator): after a failure, or when the link
    expired or the agency lost the email. Not once the agency has reported."""
    if not by.has_perm("complaints.coordinate_case"):
        raise workflow.NotAllowed(_("Peran Anda tidak boleh mengirim ulang berkas."))
    updated = Forwarding.objects.filter(pk=forwarding.pk, outcome="").update(delivery=Forwarding.Delivery.QUEUED)
    if not updated:
        raise workflow.Conflict(_("Instansi sudah melaporkan hasil; berkas tidak perlu dikirim ulang."))
    transaction.on_commit(lambda: tasks.send_dossier.delay(forwarding_id=forwarding.pk))


def dossier_access_check(*, forwarding: Forwarding, by) -> None:
    """Allow a dossier download to coordinators only, recording it when it names the reporter."""
    if not by.has_perm("complaints.coordinate_case"):
        raise workflow.NotAllowed(_("Peran Anda tidak boleh mengunduh berkas penerusan."))
    case = forwarding.case
    if case.share_identity and not case.anonymous:
        CaseEvent.objects.create(
            case=case,
            action=CaseEvent.Action.IDENTITY_VIEWED,
            actor=by,
            from_status=case.status,
            to_status=case.status,
            internal_note=f"berkas untuk {forwarding.agency.name}",
            is_public=False,
        )
