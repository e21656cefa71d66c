"""Reads for the reporter's pages and the public API: the case as the reporter may see it."""

from dataclasses import dataclass

from django.utils import timezone

from .. import timeline
from ..models import Case, CaseEvent, Forwarding, RejectionReason


def case_get_public(*, ticket: str) -> Case | None:
    """Return the case for a normalised ticket, or None."""
    # A ticket is unique: no ORDER BY for first() to compile and PostgreSQL to sort.
    return next(iter(Case.objects.select_related("duplicate_of").filter(ticket=ticket)[:1]), None)


def case_open_question(*, case: Case) -> CaseEvent | None:
    """Return the official's question the reporter has yet to answer, if any."""
    if case.status != Case.Status.NEEDS_INFO:
        return None
    return case.events.filter(action=CaseEvent.Action.REQUEST_INFO).order_by("-at", "-pk").first()


@dataclass(frozen=True)
class PublicStatus:
    """What the reporter may know of a case, the same on the page, in the API and in emails."""

    case: Case
    timeline: list[CaseEvent]
    rejection: dict | None  # {reason, label, primary_ticket}
    follows: Case | None  # a duplicate follows its primary's status and outcome
    forwardings: list[Forwarding]  # of the case, or of the primary it follows
    outcomes: list[dict]  # [{agency, outcome, label, decided_at}]


def case_public_status(*, case: Case) -> PublicStatus:
    """Return the public view of `case`: its public timeline, why it was rejected, and what the
    agencies decided (the primary's, for a duplicate)."""
    follows = case.duplicate_of if case.rejection_reason == RejectionReason.DUPLICATE else None
    rejection = None
    if case.status == Case.Status.REJECTED:
        rejection = {
            "reason": case.rejection_reason,
            "label": case.get_rejection_reason_display(),
            "primary_ticket": follows.ticket if follows else None,
        }
    carrier = follows or case
    forwardings = list(carrier.forwardings.select_related("agency").order_by("agency__kind", "pk"))
    outcomes = [
        {
            "agency": forwarding.agency.name,
            "outcome": forwarding.outcome,
            "label": forwarding.get_outcome_display(),
            "decided_at": forwarding.decision_date or timezone.localdate(forwarding.outcome_at),
        }
        for forwarding in forwardings
        if forwarding.outcome
    ]
    return PublicStatus(
        case=case,
        timeline=list(timeline.for_public(case=case)),
        rejection=rejection,
        follows=follows,
        forwardings=forwardings,
        outcomes=outcomes,
    )
