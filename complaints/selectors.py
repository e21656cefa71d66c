"""Reads shared by the HTML views and the API."""

from django.db.models import QuerySet

from .models import Behaviour, Case, CaseEvent, Election, Region


def case_get_public(*, ticket: str) -> Case | None:
    """Return the case for a normalised ticket, or None."""
    return Case.objects.filter(ticket=ticket).first()


def case_public_timeline(*, case: Case) -> QuerySet[CaseEvent]:
    """Return the events a reporter may see: public ones, without actors or internal notes."""
    return case.events.filter(is_public=True).only("at", "action", "to_status", "public_note", "case_id")


def election_list() -> QuerySet[Election]:
    return Election.objects.all()


def region_list(*, parent: str | None) -> QuerySet[Region]:
    """Return provinces when `parent` is empty, else the regions directly under it."""
    if parent:
        return Region.objects.filter(parent_id=parent)
    return Region.objects.filter(level=Region.Level.PROVINCE)


def behaviour_list() -> QuerySet[Behaviour]:
    return Behaviour.objects.filter(is_active=True)
