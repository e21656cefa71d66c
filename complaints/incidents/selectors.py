"""Reads of incidents: the list, one incident, what a case page shows of its incident, and the
screenshots the other reports of an incident add to its primary."""

from dataclasses import dataclass

from django.db.models import Count, Exists, Max, Min, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from .. import jurisdiction
from ..errors import NotFound
from ..models import Case, Evidence, Incident

TICKETS_SHOWN = 20  # an incident of a thousand reports lists its first twenty; the queue filters the rest
EXTRA_EVIDENCE_SHOWN = 12


def incident_list(*, user, filters=None) -> QuerySet[Incident]:
    """Return the incidents with a case the official may see, the largest first, each with its
    size, newest report and earliest open deadline counted over those cases (one query)."""
    visible = jurisdiction.cases_for(user)
    if filters is not None:
        from ..triage.selectors import cases_filtered

        visible = cases_filtered(filters, user=user)
    mine = Q(cases__in=visible.order_by().values("pk"))
    open_mine = mine & Q(cases__status__in=Case.OPEN_STATUSES)
    return (
        Incident.objects.filter(Exists(visible.filter(incident=OuterRef("pk"))))
        .select_related("primary")
        .annotate(
            size=Count("cases", filter=mine),
            open_size=Count("cases", filter=open_mine),
            newest_at=Max("cases__submitted_at", filter=mine),
            earliest_deadline=Min("cases__deadline", filter=open_mine),
        )
        .order_by("-size", "-newest_at", "-pk")
    )


def incident_get(*, incident_id: int, user) -> Incident:
    """Return the incident, or raise NotFound: one without a case of the official's is unknown."""
    incident = incident_list(user=user).filter(pk=incident_id).first()
    if incident is None:
        raise NotFound(_("Insiden tidak ditemukan."))
    return incident


def incident_tickets(incident: Incident, *, user, limit: int = TICKETS_SHOWN) -> list[str]:
    """The tickets of the incident's cases the official may see, the primary first."""
    cases = jurisdiction.cases_for(user).filter(incident=incident)
    tickets = list(cases.order_by("submitted_at", "pk").values_list("ticket", flat=True)[: limit + 1])
    primary = incident.primary.ticket if incident.primary else None
    if primary in tickets:
        tickets.remove(primary)
        tickets.insert(0, primary)
    return tickets[:limit]


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
