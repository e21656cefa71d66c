"""Intake: a citizen's report and the reporter's answers. Nothing else creates a report."""

import datetime
import functools
import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import background, tasks, timeline
from ..errors import Conflict, NotAllowed
from ..evidence.services import (
    Sealed,
    evidence_process_queue,
    evidence_record,
    evidence_seal_all,
    evidence_store,
    sealing,
)
from ..evidence.validation import CheckedImage
from ..incidents import posts
from ..models import Behaviour, Case, Election, Region, Reporter
from ..oversight import people
from ..tickets import access_code_hash as access_code_hashed
from ..tickets import access_code_matches, generate_access_code, generate_ticket
from ..triage import deadlines, workflow
from . import staging, status_pages

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
    source: str = Case.Source.LAPORAN
    recorded_by: object | None = None  # the official who recorded a finding (temuan)
    staged: list = ()  # the StagedUploads among the evidence: deleted as the report is stored


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


def report_submit(
    *, report: ReportInput, ticket: str | None = None, access_code: str | None = None, submitted_at=None
) -> SubmittedReport:
    """Create a case from a citizen's report (or an official's finding), with its reporter,
    evidence and first event.

    All or nothing: if anything fails, no row remains and the stored files are deleted.
    The confirmation email is queued only once the transaction has committed. A finding has no
    reporter and no access code; the official who recorded it is the first event's actor.
    """
    finding = report.source == Case.Source.TEMUAN
    access_code = "" if finding else access_code or generate_access_code()
    access_code_hash = access_code_hashed(access_code)  # a finding's ("!") never matches
    with sealing() as sealed:
        case = _case_create(
            report, ticket=ticket, access_code_hash=access_code_hash, sealed=sealed, submitted_at=submitted_at
        )
        staging.uploads_discard(report.staged)  # in the report's transaction: used once, or kept for a retry
    logger.info("%s %s received with %d evidence files", case.get_source_display(), case.ticket, len(sealed))
    return SubmittedReport(case=case, access_code=access_code)


def findings_record(*, findings: list[ReportInput]) -> list[Case]:
    """Record a monitoring team's findings at once: all of them, or none and no file."""
    with sealing() as sealed:
        cases = [
            _case_create(finding, ticket=None, access_code_hash=access_code_hashed(None), sealed=sealed)
            for finding in findings
        ]
    logger.info("%d findings recorded with %d evidence files", len(cases), len(sealed))
    return cases


def _case_create(
    report: ReportInput, *, ticket: str | None, access_code_hash: str, sealed: Sealed, submitted_at=None
) -> Case:
    finding = report.source == Case.Source.TEMUAN
    submitted_at = submitted_at or timezone.now()  # a demo case is dated in the past
    # The screenshots go to storage first, on their own threads, while the rows are written.
    # A report's screenshots are uploaded when it is submitted: its first event holds their hashes.
    stored = evidence_store(images=report.evidence, sealed=sealed, uploaded_at=submitted_at)
    case = Case(
        submitted_at=submitted_at,
        source=report.source,
        access_code_hash=access_code_hash,
        anonymous=report.anonymous,
        share_identity=report.share_identity,
        consented_at=timezone.now(),
        asn_name=report.asn_name,
        asn_nip=report.asn_nip,
        asn_agency=report.asn_agency,
        asn_position=report.asn_position,
        asn_region=report.asn_region,
        asn_key=people.person_key(nip=report.asn_nip, name=report.asn_name, agency=report.asn_agency),
        asn_name_key=people.name_key(report.asn_name)[:200],
        platform=report.platform,
        post_url=report.post_url,
        post_key=posts.post_key(report.post_url, report.platform),
        incident_date=report.incident_date,
        known_date=report.known_date,
        election=report.election,
        description=report.description,
    )
    # A new case is received: its deadline is the first review's (deadlines.deadline_for).
    case.is_late, case.deadline = deadlines.report_arrival(
        known_date=report.known_date, submitted_on=timezone.localdate(submitted_at), election_type=report.election.type
    )
    _case_insert_with_unique_ticket(case, ticket=ticket)
    Behaviours = Case.behaviours.through  # a new case has none: inserted at once, nothing read first
    Behaviours.objects.bulk_create([Behaviours(case=case, behaviour=behaviour) for behaviour in report.behaviours])
    if not (report.anonymous or finding):
        Reporter.objects.create(
            case=case, name=report.reporter_name, email=report.reporter_email, phone=report.reporter_phone
        )
    evidence = evidence_record(case=case, evidence=stored, new_case=True)
    timeline.submitted(case=case, evidence=evidence, by=report.recorded_by)
    confirm = bool(report.reporter_email) and not finding
    transaction.on_commit(lambda: background.queue(tasks.case_received, case_id=case.pk, confirm=confirm))
    return case


def case_received(*, case_id: int, confirm: bool) -> None:
    """Do what follows a report or a reply (on a worker, `tasks.case_received`): queue the
    reporter's confirmation first (without a broker each runs here in turn, and OCR takes a
    while), build the case's public status, then queue each new screenshot's processing."""
    if confirm:
        tasks.send_report_confirmation.delay(case_id=case_id)
    status_pages.case_build_or_log(case_id=case_id)  # the reporter's first look-up reads it
    evidence_process_queue(case_id=case_id)


@functools.cache
def _dummy_hash() -> str:
    return access_code_hashed("AAAAA-AAAAA")  # checked when the ticket is unknown: the same work


def reply_case_authorize(*, ticket: str, access_code: str) -> Case:
    """Return the case the reporter may answer for, or raise.

    An unknown ticket and a wrong code get the same refusal, after the same hashing work, so
    neither the answer nor its timing tells whether a ticket exists.
    """
    case = Case.objects.filter(ticket=ticket).first()
    matches = access_code_matches(access_code, case.access_code_hash if case else _dummy_hash())
    if case is None or not matches:
        raise NotAllowed.on_field("access_code", _("Nomor tiket atau kode akses salah."), code="invalid_access_code")
    if case.status != Case.Status.NEEDS_INFO:
        raise Conflict(_("Laporan ini sedang tidak menunggu keterangan dari Anda."), code="not_awaiting_reply")
    return case


def reply_submit(*, case: Case, text: str, evidence: list[CheckedImage]) -> workflow.Outcome:
    """Record the reporter's answer with any new screenshots; all or nothing, like a report."""
    with sealing() as sealed:
        outcome = workflow.reply(case=case, text=text)
        if evidence_seal_all(case=outcome.case, images=evidence, sealed=sealed):
            transaction.on_commit(lambda: background.queue(tasks.case_received, case_id=case.pk))
    logger.info("Reply to %s received with %d evidence files", case.ticket, len(sealed))
    return outcome
