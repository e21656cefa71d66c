"""The case's timeline: every CaseEvent is written here (like Saleor's order/events.py), each
linked to the one before by its hash (`chain`).

Events are append-only. A public event is what the reporter reads on the status page; its
internal note and its actor are for officials only. Looks at protected data (the reporter's
identity, a sealed original) are recorded as internal events that change no status.
"""

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from . import chain
from .models import Case, CaseEvent, Evidence, Forwarding

Action = CaseEvent.Action


def _append(*, case: Case, at=None, **fields) -> CaseEvent:
    """Append an event to the case's chain: the case row is locked so events chain one by one."""
    with transaction.atomic():
        ticket = Case.objects.select_for_update().filter(pk=case.pk).values_list("ticket", flat=True).get()
        last = CaseEvent.objects.filter(case_id=case.pk).order_by("-pk").values_list("hash", flat=True).first()
        evidence = list(Evidence.objects.filter(case_id=case.pk).only("pk", "sha256", "uploaded_at"))
        return _linked(case=case, ticket=ticket, previous=last, evidence=evidence, at=at, **fields)


def _linked(*, case: Case, ticket: str, previous: str | None, evidence: list, at=None, **fields) -> CaseEvent:
    """Write the event after `previous` (None: the first), its hash over the screenshots it saw."""
    event = CaseEvent(case=case, at=at or timezone.now(), prev_hash=previous or chain.GENESIS, **fields)
    event.hash = chain.event_hash(event, ticket=ticket, evidence=chain.evidence_at(evidence, event.at))
    event.save()
    return event


def submitted(*, case: Case, evidence: list[Evidence], by=None) -> CaseEvent:
    """Record that the report arrived, or that an official (`by`) recorded a finding, with the
    screenshots sealed with it: the first link of the chain of a case made in this transaction.

    Nothing is read to write it: no one else sees the new row to append to it (so there is
    nothing to lock), no event comes before it, and its screenshots are in hand.
    """
    return _linked(
        case=case,
        ticket=case.ticket,
        previous=None,
        evidence=evidence,
        at=case.submitted_at,
        action=Action.SUBMIT,
        actor=by,
        to_status=case.status,
    )


def transitioned(
    *, case: Case, action: str, by, from_status: str, public_note: str = "", internal_note: str = ""
) -> CaseEvent:
    """Record a change of status made by `by` (None: the reporter or the system)."""
    return _append(
        case=case,
        action=action,
        actor=by,
        from_status=from_status,
        to_status=case.status,
        public_note=public_note,
        internal_note=internal_note,
    )


def _internal(*, case: Case, action: str, by, note: str = "") -> CaseEvent:
    """Record, for officials only, an event that leaves the status as it is."""
    return _append(
        case=case,
        action=action,
        actor=by,
        from_status=case.status,
        to_status=case.status,
        internal_note=note,
        is_public=False,
    )


def identity_viewed(*, case: Case, by, note: str = "") -> CaseEvent:
    """Record that an official saw the reporter's identity (on the page, or in a dossier)."""
    return _internal(case=case, action=Action.IDENTITY_VIEWED, by=by, note=note)


def original_downloaded(*, case: Case, by, note: str) -> CaseEvent:
    """Record that an official downloaded a sealed original."""
    return _internal(case=case, action=Action.ORIGINAL_DOWNLOADED, by=by, note=note)


def erased(*, case: Case, what: str, days: int, note: str = "") -> CaseEvent:
    """Record that the reporter's identity ("identity") or a sealed original ("original") was
    erased at the end of its retention; officials see it, the reporter does not."""
    action = Action.IDENTITY_ERASED if what == "identity" else Action.ORIGINAL_ERASED
    text = f"Masa simpan {days} hari sejak kasus selesai. {note}".strip()
    return _internal(case=case, action=action, by=None, note=text)


def agency_reported(*, forwarding: Forwarding, action: str, note: str = "") -> CaseEvent:
    """Record what an agency did through its link (receipt, outcome); the reporter sees it."""
    case = forwarding.case
    return _append(
        case=case,
        action=action,
        from_status=case.status,
        to_status=case.status,
        public_note=f"{forwarding.agency.name}{': ' + note if note else ''}",
    )


def agency_reminded(*, forwarding: Forwarding, by) -> CaseEvent:
    """Record, for officials only, that the office reminded an agency of its answer."""
    return _internal(case=forwarding.case, action=Action.AGENCY_REMINDED, by=by, note=forwarding.agency.name)


def incident_changed(*, case: Case, action: str, by, note: str) -> CaseEvent:
    """Record, for officials only, that the case joined an incident, was split out of one, or
    that its incident was merged into another (`by` None: grouped at intake)."""
    return _internal(case=case, action=action, by=by, note=note)


def for_officials(*, case: Case) -> QuerySet[CaseEvent]:
    """Return every event, internal ones and actors included."""
    return case.events.select_related("actor")


def for_public(*, case: Case) -> QuerySet[CaseEvent]:
    """Return the events a reporter may see: public ones, without actors or internal notes."""
    return case.events.filter(is_public=True).only("at", "action", "from_status", "to_status", "public_note", "case_id")


def chain_break(*, case: Case, events: list[CaseEvent] | None = None) -> chain.Break | None:
    """Return where the case's chain breaks, or None if its whole history is as written."""
    events = events if events is not None else list(case.events.all())
    evidence = list(Evidence.objects.filter(case_id=case.pk).only("pk", "sha256", "uploaded_at"))
    return chain.check(ticket=case.ticket, events=events, evidence=evidence)
