"""Reads for the reporter's pages: the public case and the question awaiting an answer."""

from ..models import Case, CaseEvent


def case_get_public(*, ticket: str) -> Case | None:
    """Return the case for a normalised ticket, or None."""
    return Case.objects.select_related("duplicate_of").filter(ticket=ticket).first()


def case_open_question(*, case: Case) -> CaseEvent | None:
    """Return the official's question the reporter has yet to answer, if any."""
    if case.status != Case.Status.NEEDS_INFO:
        return None
    return case.events.filter(action=CaseEvent.Action.REQUEST_INFO).order_by("-at", "-pk").first()
