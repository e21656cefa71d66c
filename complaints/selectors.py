"""Reads shared by the HTML views and the API."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from . import evidence as images
from .models import Behaviour, Case, CaseEvent, Election, Evidence, Region
from .tickets import InvalidTicket, normalize_ticket


def case_get_public(*, ticket: str) -> Case | None:
    """Return the case for a normalised ticket, or None."""
    return Case.objects.select_related("duplicate_of").filter(ticket=ticket).first()


def case_public_timeline(*, case: Case) -> QuerySet[CaseEvent]:
    """Return the events a reporter may see: public ones, without actors or internal notes."""
    return case.events.filter(is_public=True).only("at", "action", "to_status", "public_note", "case_id")


def case_open_question(*, case: Case) -> CaseEvent | None:
    """Return the official's question the reporter has yet to answer, if any."""
    if case.status != Case.Status.NEEDS_INFO:
        return None
    return case.events.filter(action=CaseEvent.Action.REQUEST_INFO).order_by("-at", "-pk").first()


@dataclass(frozen=True)
class CaseFilters:
    """The queue's filters, the same for `/petugas/` and `GET /api/v1/cases/`."""

    status: str = ""
    category: str = ""
    region: str = ""  # a province code (36) or a kabupaten/kota code (36.73)
    platform: str = ""
    election: str = ""  # slug
    overdue: bool = False
    mine: bool = False
    q: str = ""


def _filtered(filters: CaseFilters, *, user) -> QuerySet[Case]:
    cases = Case.objects.all()
    if filters.category:
        cases = cases.filter(category=filters.category)
    if filters.region:
        cases = cases.filter(Q(asn_region_id=filters.region) | Q(asn_region__parent_id=filters.region))
    if filters.platform:
        cases = cases.filter(platform=filters.platform)
    if filters.election:
        cases = cases.filter(election__slug=filters.election)
    if filters.overdue:
        cases = cases.filter(status__in=Case.OPEN_STATUSES, deadline__lt=timezone.localdate())
    if filters.mine:
        cases = cases.filter(assignee=user)
    if filters.q:
        cases = cases.filter(_search(filters.q))
    return cases


def _search(text: str) -> Q:
    """Match the civil servant's name, agency, the description or the text read from the
    screenshots (PostgreSQL's full-text search; a plain match on SQLite), and a ticket.

    Text that reads as a ticket is searched as text too: about one word in 32 of eight letters
    ("Moeldoko") carries a valid check symbol, and it is far more often a name than a ticket.
    """
    text = text.strip()
    if connection.vendor == "postgresql":
        screenshots = Evidence.objects.filter(case=OuterRef("pk"), ocr_text__search=SearchQuery(text, config="simple"))
    else:
        screenshots = Evidence.objects.filter(case=OuterRef("pk"), ocr_text__icontains=text)
    condition = (
        Q(asn_name__icontains=text)
        | Q(asn_agency__icontains=text)
        | Q(description__icontains=text)
        | Q(Exists(screenshots))
    )
    try:
        return condition | Q(ticket=normalize_ticket(text))
    except InvalidTicket:
        return condition


def case_list_for_user(*, user, filters: CaseFilters) -> QuerySet[Case]:
    """Return the cases an official may see, filtered, the nearest deadline first.

    Everything the queue shows comes in the same query (no query per case).
    """
    cases = _filtered(filters, user=user)
    if filters.status:
        cases = cases.filter(status=filters.status)
    return (
        cases.select_related("asn_region__parent", "election", "assignee", "behaviour")
        .prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.order_by("position").only("pk", "case_id", "thumbnail"))
        )
        .order_by(F("deadline").asc(nulls_last=True), "submitted_at", "pk")
    )


def case_status_counts(*, user, filters: CaseFilters) -> dict[str, int]:
    """Return how many cases each status tab holds under the other filters (one query)."""
    rows = _filtered(filters, user=user).order_by().values("status").annotate(count=Count("pk"))
    counts = {status: 0 for status in Case.Status.values}
    counts.update({row["status"]: row["count"] for row in rows})
    return counts


def case_get_for_official(*, ticket: str) -> Case | None:
    return (
        Case.objects.select_related(
            "asn_region__parent", "election", "assignee", "verified_by", "behaviour", "duplicate_of"
        )
        .prefetch_related("behaviours", "evidence", "duplicates")
        .filter(ticket=ticket)
        .first()
    )


def case_timeline(*, case: Case) -> QuerySet[CaseEvent]:
    """Return every event, internal ones and actors included, for officials."""
    return case.events.select_related("actor")


def evidence_get(*, ticket: str, evidence_id: int) -> Evidence | None:
    return Evidence.objects.select_related("case").filter(case__ticket=ticket, pk=evidence_id).first()


@dataclass(frozen=True)
class Similar:
    evidence: Evidence
    distance: int


def evidence_similar_candidates(*, phash: str) -> QuerySet[Evidence]:
    """Return the rows sharing a band with `phash` up to d // 4 flipped bits, read through the band indexes."""
    radius = settings.SIMILAR_EVIDENCE_DISTANCE // Evidence.HASH_BANDS
    condition = Q()
    for band, value in enumerate(images.hash_bands(phash)):
        condition |= Q(**{f"phash_band{band}__in": sorted(images.band_neighbours(value, radius))})
    return Evidence.objects.filter(condition)


def evidence_similar(*, evidence: Evidence) -> list[Similar]:
    """Return screenshots of other cases whose perceptual hash is within the setting's distance.

    Multi-index hashing: the hash is four 16-bit bands, each indexed. Two hashes within
    distance d differ in some band by at most d // 4 bits (else they would differ by more than
    d), so only rows with a band among those few neighbour values are read, through the band
    indexes, and their full distance is checked. The rows read do not grow with the table the
    way a scan would.
    """
    if not evidence.phash:
        return []
    limit = settings.SIMILAR_EVIDENCE_DISTANCE
    candidates = (
        evidence_similar_candidates(phash=evidence.phash)
        .exclude(case_id=evidence.case_id)
        .select_related("case")
        .only("pk", "phash", "position", "case__ticket", "case__status", "case__submitted_at")
    )
    found = [Similar(other, images.hamming(evidence.phash, other.phash)) for other in candidates]
    return sorted((s for s in found if s.distance <= limit), key=lambda s: (s.distance, s.evidence.case.submitted_at))


def case_list_overdue() -> QuerySet[Case]:
    return (
        Case.objects.filter(status__in=Case.OPEN_STATUSES, deadline__lt=timezone.localdate())
        .select_related("assignee")
        .order_by("deadline", "pk")
    )


def case_list_needs_info_expired() -> QuerySet[Case]:
    return Case.objects.filter(status=Case.Status.NEEDS_INFO, deadline__lt=timezone.localdate()).order_by("pk")


def election_list() -> QuerySet[Election]:
    return Election.objects.all()


def region_list(*, parent: str | None) -> QuerySet[Region]:
    """Return provinces when `parent` is empty, else the regions directly under it."""
    if parent:
        return Region.objects.filter(parent_id=parent)
    return Region.objects.filter(level=Region.Level.PROVINCE)


def behaviour_list() -> QuerySet[Behaviour]:
    return Behaviour.objects.filter(is_active=True)
