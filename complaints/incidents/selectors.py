"""Reads of incidents: the list, one incident, what a case page shows of its incident, and the
screenshots the other reports of an incident add to its primary."""

from dataclasses import dataclass

from django.db.models import Count, Exists, F, Max, Min, OuterRef, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext as _

from .. import jurisdiction
from ..errors import NotFound
from ..models import Case, Evidence, Incident

TICKETS_SHOWN = 20  # an incident of a thousand reports lists its first twenty; the queue filters the rest
EXTRA_EVIDENCE_SHOWN = 12


def incident_list(*, user) -> QuerySet[Incident]:
    """Return the incidents with a case the official may see, the newest first (an index scan:
    the list does not grow slower with the cases; `incident_stats` counts a page's)."""
    visible = jurisdiction.cases_for(user)
    return (
        Incident.objects.filter(Exists(visible.filter(incident=OuterRef("pk"))))
        .select_related("primary")
        .order_by("-pk")
    )


def incident_stats(incidents: list[Incident], *, user) -> dict[int, dict]:
    """Return each incident's size, open cases, newest report and earliest open deadline, over
    the cases the official may see (one grouped query for a page of incidents)."""
    if not incidents:
        return {}
    is_open = Q(status__in=Case.OPEN_STATUSES)
    rows = (
        jurisdiction.cases_for(user)
        .filter(incident__in=[incident.pk for incident in incidents])
        .order_by()
        .values("incident_id")
        .annotate(
            size=Count("pk"),
            open_size=Count("pk", filter=is_open),
            newest_at=Max("submitted_at"),
            earliest_deadline=Min("deadline", filter=is_open),
        )
    )
    return {row.pop("incident_id"): row for row in rows}


def incident_get(*, incident_id: int, user) -> Incident:
    """Return the incident, or raise NotFound: one without a case of the official's is unknown."""
    incident = incident_list(user=user).filter(pk=incident_id).first()
    if incident is None:
        raise NotFound(_("Insiden tidak ditemukan."))
    return incident


def incident_tickets(incidents: list[Incident], *, user, limit: int = TICKETS_SHOWN) -> dict[int, list[str]]:
    """The first tickets of each incident's cases the official may see, the primary first (one query)."""
    if not incidents:
        return {}
    order = [F("submitted_at").asc(), F("pk").asc()]
    rows = (
        jurisdiction.cases_for(user)
        .filter(incident__in=[incident.pk for incident in incidents])
        .annotate(rank=Window(RowNumber(), partition_by=[F("incident_id")], order_by=order))
        .filter(rank__lte=limit + 1)
        .order_by("incident_id", "submitted_at", "pk")
        .values_list("incident_id", "ticket")
    )
    found: dict[int, list[str]] = {}
    for incident_id, ticket in rows:
        found.setdefault(incident_id, []).append(ticket)
    for incident in incidents:
        tickets = found.setdefault(incident.pk, [])
        primary = incident.primary.ticket if incident.primary else None
        if primary in tickets:
            tickets.remove(primary)
            tickets.insert(0, primary)
        found[incident.pk] = tickets[:limit]
    return found


@dataclass(frozen=True)
class IncidentSummary:
    """What a case page and the API detail say of a case's incident."""

    id: int
    size: int
    primary_ticket: str | None
    post_url: str


def incident_of(case: Case) -> IncidentSummary | None:
    if case.incident_id is None:
        return None
    incident = Incident.objects.select_related("primary").get(pk=case.incident_id)
    return IncidentSummary(
        id=incident.pk,
        size=incident.cases.count(),
        primary_ticket=incident.primary.ticket if incident.primary else None,
        post_url=incident.post_url,
    )


def evidence_from_reports_of(case: Case, *, user) -> list[Evidence]:
    """Return the screenshots other reports of the case's incident add, for its primary's page:
    one per distinct file (the same bytes sent a hundred times show once), the largest first
    (a sharper capture), each with its case's ticket."""
    if case.incident_id is None:
        return []
    own = set(case.evidence.values_list("sha256", flat=True))
    others = (
        Evidence.objects.filter(case__in=jurisdiction.cases_for(user).filter(incident_id=case.incident_id))
        .exclude(case=case)
        .exclude(sha256__in=own)
        .select_related("case")
        .only("pk", "sha256", "width", "height", "thumbnail", "uploaded_at", "ocr_text", "case__ticket")
        .order_by("-width", "uploaded_at", "pk")
    )
    shown, seen = [], set(own)
    for evidence in others[: EXTRA_EVIDENCE_SHOWN * 20]:
        if evidence.sha256 not in seen:
            seen.add(evidence.sha256)
            shown.append(evidence)
        if len(shown) == EXTRA_EVIDENCE_SHOWN:
            break
    return shown
