"""Reads of reference data for forms and clients."""

from django.db.models import QuerySet

from ..models import Behaviour, Election, Region


def election_list() -> QuerySet[Election]:
    return Election.objects.all()


def region_list(*, parent: str | None) -> QuerySet[Region]:
    """Return provinces when `parent` is empty, else the regions directly under it."""
    if parent:
        return Region.objects.filter(parent_id=parent)
    return Region.objects.filter(level=Region.Level.PROVINCE)


def behaviour_list() -> QuerySet[Behaviour]:
    return Behaviour.objects.filter(is_active=True)
