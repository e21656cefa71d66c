"""Reads of triage: the queue (one selector for the HTML queue and the API list), its counts, and
the case as an official sees it (one selector for the case page and the API detail)."""

import datetime
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Exists, F, Max, OuterRef, Prefetch, Q, QuerySet, Subquery, Value, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import chain, jurisdiction, timeline
from ..errors import NotFound
from ..evidence.similar import Similar, evidence_similar
from ..evidence.suggestions import Suggestion, case_suggestions
from ..forwarding.routing import suggest_agencies
from ..incidents.selectors import IncidentSummary, evidence_from_reports_of, incident_of
from ..models import Agency, Case, CaseEvent, Evidence, Forwarding
from ..tickets import InvalidTicket, normalize_ticket
from .actions import available_actions
from .filters import STEP_STATUSES, CaseFilters, Due, QueueOrder

QUEUE_SCAN_CHUNK = 200  # ids read first while filling a page of the grouped queue (more if incidents fill it)


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _due(due: str) -> Q:
    today = timezone.localdate()
    open_case = Q(status__in=Case.OPEN_STATUSES)
    if due == Due.TODAY:
        return open_case & Q(deadline=today)
    if due == Due.WEEK:
        return open_case & Q(deadline__gte=today, deadline__lte=today + datetime.timedelta(days=7))
    return open_case & Q(deadline__lt=today)


def cases_filtered(filters: CaseFilters, *, user) -> QuerySet[Case]:
    """Return the cases of the official's regions under every filter but the status (the tabs')."""
    cases = jurisdiction.cases_for(user)
    if filters.source:
        cases = cases.filter(source=filters.source)
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
    if filters.behaviour:
        cases = cases.filter(behaviour__code=filters.behaviour)
    if filters.reason:
        cases = cases.filter(rejection_reason=filters.reason)
    if filters.agency:
        cases = cases.filter(forwardings__agency_id=filters.agency)  # one forwarding per agency and case
    if filters.step:
        cases = cases.filter(status__in=STEP_STATUSES[filters.step])
    if filters.due:
        cases = cases.filter(_due(filters.due))
    if filters.date_from:
        cases = cases.filter(submitted_at__gte=_day_start(filters.date_from))
    if filters.date_to:
        cases = cases.filter(submitted_at__lt=_day_start(filters.date_to + datetime.timedelta(days=1)))
    if filters.incident:
        cases = cases.filter(incident_id=filters.incident)
    return cases


def _search(text: str) -> Q:
    """Match the civil servant's name, agency, NIP, the description or the text read from the
    screenshots, and a ticket.

    Text that reads as a ticket is searched as text too: about one word in 32 of eight letters
    ("Moeldoko") carries a valid check symbol, and it is far more often a name than a ticket.
    """
    text = text.strip()
    try:
        ticket = normalize_ticket(text)
    except InvalidTicket:
        ticket = None
    if connection.vendor == "postgresql":
        return Q(pk__in=_matching_ids(text, ticket))
    screenshots = Evidence.objects.filter(case=OuterRef("pk"), ocr_text__icontains=text)
    condition = (
        Q(asn_name__icontains=text)
        | Q(asn_agency__icontains=text)
        | Q(asn_nip__icontains=text)
        | Q(description__icontains=text)
        | Q(Exists(screenshots))
    )
    return condition | Q(ticket=ticket) if ticket else condition


# Each part is read through its own index (migration 0016): the trigram indexes answer the ILIKEs
# and a prefix index the NIP from its start (together, a bitmap OR), the stored tsvector's GIN
# index the screenshots' words, the unique ticket the ticket; the union of their ids is then
# joined to the cases. One OR over the cases with an EXISTS in it would filter every case instead.
_MATCHING_IDS = """
SELECT "id" FROM "complaints_case"
 WHERE "asn_name" ILIKE %s OR "asn_agency" ILIKE %s OR "description" ILIKE %s OR "asn_nip" LIKE %s
    OR "ticket" = %s
UNION
SELECT "case_id" FROM "complaints_evidence" WHERE "ocr_vector" @@ plainto_tsquery('simple', %s)
"""


def _matching_ids(text: str, ticket: str | None) -> RawSQL:
    """The ids of the cases that match `text` on PostgreSQL, as a subquery."""
    literal = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    like, nip_prefix = f"%{literal}%", f"{literal}%"
    return RawSQL(_MATCHING_IDS, (like, like, like, nip_prefix, ticket or "", text))  # noqa: S611 (bound parameters)


def case_list_for_user(*, user, filters: CaseFilters) -> QuerySet[Case]:
    """Return the cases an official may see, filtered, the nearest deadline first.

    Everything the queue shows comes in the same query (no query per case).
    """
    cases = cases_filtered(filters, user=user)
    if filters.status:
        cases = cases.filter(status=filters.status)
    return (
        cases.select_related("asn_region__parent", "election", "assignee", "behaviour")
        .prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.order_by("position").only("pk", "case_id", "thumbnail"))
        )
        .order_by(F("deadline").asc(nulls_last=True), "submitted_at", "pk")
    )


def case_list_ordered(*, user, filters: CaseFilters, order: str = QueueOrder.DEADLINE) -> QuerySet[Case]:
    """`case_list_for_user` in `order`: the newest through the index on submitted_at; the largest
    incidents by each one's count of reports (a count per incident: slower than the others on a
    large queue, and asked for only when wanted)."""
    cases = case_list_for_user(user=user, filters=filters)
    if order == QueueOrder.NEWEST:
        return cases.order_by("-submitted_at", "-pk")
    if order == QueueOrder.INCIDENT:
        reports = (
            Case.objects.filter(incident_id=OuterRef("incident_id"))
            .order_by()
            .values("incident_id")
            .annotate(count=Count("pk"))
            .values("count")
        )
        size = Coalesce(Subquery(reports), Value(1))
        return cases.alias(incident_size=size).order_by(
            F("incident_size").desc(), F("deadline").asc(nulls_last=True), "submitted_at", "pk"
        )
    return cases


def queue_page(
    *, user, filters: CaseFilters, number: int, size: int, order: str = QueueOrder.DEADLINE
) -> tuple[list[Case], bool]:
    """Return a page of the queue with each incident as one row, and whether more follow.

    The cases are read in the queue's order (nearest deadline first) through an index, ids only,
    a batch at a time (usually one), until the page has `size` rows: the first case of an
    incident met stands for it (its deadline is the incident's earliest under the filters), its
    later cases are skipped. The work grows with the page, not the queue. Each incident's row
    then carries `group_size` and `group_newest` over its cases under the filters (one grouped
    query for the page).
    """
    ordered = case_list_ordered(user=user, filters=filters, order=order)
    skip, seen, chosen = (number - 1) * size, set(), []
    for pk, incident_id in _in_order(ordered, first=number * size * 2):
        group = incident_id or -pk
        if group in seen:
            continue
        seen.add(group)
        if skip:
            skip -= 1
            continue
        chosen.append(pk)
        if len(chosen) > size:
            break
    rows = {case.pk: case for case in ordered.select_related("incident__primary").filter(pk__in=chosen[:size])}
    page = [rows[pk] for pk in chosen[:size] if pk in rows]
    incidents = [case.incident_id for case in page if case.incident_id]
    groups = {}
    if incidents:
        filtered = cases_filtered(filters, user=user)
        if filters.status:
            filtered = filtered.filter(status=filters.status)
        groups = {
            row["incident_id"]: row
            for row in filtered.filter(incident_id__in=incidents)
            .order_by()
            .values("incident_id")
            .annotate(size=Count("pk"), newest=Max("submitted_at"))
        }
    for case in page:
        group = groups.get(case.incident_id, {})
        case.group_size, case.group_newest = group.get("size", 1), group.get("newest", case.submitted_at)
    return page, len(chosen) > size


def _in_order(cases: QuerySet[Case], *, first: int):
    """Yield (pk, incident_id) in the queue's order, a LIMITed query at a time (so the database
    reads them through the queue's index), each batch twice the one before."""
    start, batch = 0, max(first, QUEUE_SCAN_CHUNK)
    while True:
        rows = list(cases.values_list("pk", "incident_id")[start : start + batch])
        yield from rows
        if len(rows) < batch:
            return
        start, batch = start + batch, batch * 2


def queue_counts(*, user, filters: CaseFilters) -> dict:
    """Return the queue's counts: each status tab's cases under the other filters, and the rows of
    the chosen tab (an incident one row). Two grouped queries over the filtered cases."""
    by_status = case_status_counts(user=user, filters=filters)
    cases = cases_filtered(filters, user=user)
    if filters.status:
        cases = cases.filter(status=filters.status)
    groups = cases.order_by().aggregate(
        alone=Count("pk", filter=Q(incident=None)), incidents=Count("incident_id", distinct=True)
    )
    return {"by_status": by_status, "rows": groups["alone"] + groups["incidents"], "incidents": groups["incidents"]}


def incident_members(*, user, filters: CaseFilters, incident_ids: list[int], limit: int) -> dict[int, list[Case]]:
    """Return the first `limit` cases under the filters of each incident, for the queue to unfold."""
    if not incident_ids:
        return {}
    cases = cases_filtered(filters, user=user)
    if filters.status:
        cases = cases.filter(status=filters.status)
    rows = (
        cases.filter(incident_id__in=incident_ids)
        .annotate(
            member_rank=Window(
                RowNumber(), partition_by=[F("incident_id")], order_by=[F("submitted_at").asc(), F("pk").asc()]
            )
        )
        .filter(member_rank__lte=limit)
        .only("pk", "ticket", "status", "incident_id", "submitted_at", "deadline", "assignee")
        .order_by("incident_id", "submitted_at", "pk")
    )
    members: dict[int, list[Case]] = {}
    for case in rows:
        members.setdefault(case.incident_id, []).append(case)
    return members


def case_status_counts(*, user, filters: CaseFilters) -> dict[str, int]:
    """Return how many cases each status tab holds under the other filters (one query)."""
    rows = cases_filtered(filters, user=user).order_by().values("status").annotate(count=Count("pk"))
    counts = {status: 0 for status in Case.Status.values}
    counts.update({row["status"]: row["count"] for row in rows})
    return counts


def case_get_for_official(*, ticket: str, user) -> Case:
    """Return the case with what its page shows alongside, or raise NotFound: a case outside
    the official's regions is as unknown as a case that does not exist."""
    case = (
        jurisdiction.cases_for(user)
        .select_related("asn_region__parent", "election", "assignee", "verified_by", "behaviour", "duplicate_of")
        .prefetch_related("behaviours", "evidence", "duplicates")
        .filter(ticket=ticket)
        .first()
    )
    if case is None:
        raise NotFound(_("Kasus tidak ditemukan."))
    return case


@dataclass(frozen=True)
class EvidenceEntry:
    item: Evidence
    similar: list[Similar]


@dataclass(frozen=True)
class CaseDetail:
    """A case as an official sees it, for the case page and the API detail alike."""

    case: Case
    timeline: list[CaseEvent]
    evidence: list[EvidenceEntry]
    suggestions: list[Suggestion]
    suggested_agencies: list[Agency]
    forwardings: list[Forwarding]
    available_actions: list[str]
    chain_break: chain.Break | None  # where the hash-chained timeline was altered, if it was
    reported_before: int  # the official's other cases about the same person (the register's key)
    incident: IncidentSummary | None  # the group of reports of the same post
    incident_evidence: list[Evidence]  # for an incident's primary: what the other reports add


def case_detail(*, ticket: str, user) -> CaseDetail:
    """Return the case `ticket` with its timeline, evidence and similar screenshots, suggestions,
    suggested agencies, forwardings and the actions `user` may take; raise NotFound."""
    case = case_get_for_official(ticket=ticket, user=user)
    events = list(timeline.for_officials(case=case))
    return CaseDetail(
        case=case,
        timeline=events,
        evidence=[EvidenceEntry(item, evidence_similar(evidence=item)) for item in case.evidence.all()],
        suggestions=case_suggestions(case=case),
        suggested_agencies=suggest_agencies(case=case),
        forwardings=list(case.forwardings.select_related("agency")),
        available_actions=available_actions(case, user),
        chain_break=timeline.chain_break(case=case, events=events),
        reported_before=_same_person(case, user=user).count(),
        incident=incident_of(case),
        incident_evidence=evidence_from_reports_of(case, user=user) if _is_primary(case) else [],
    )


def _is_primary(case: Case) -> bool:
    return case.incident_id is not None and case.incident.primary_id == case.pk


def _same_person(case: Case, *, user) -> QuerySet[Case]:
    if not case.asn_key:
        return Case.objects.none()
    return jurisdiction.cases_for(user).filter(asn_key=case.asn_key).exclude(pk=case.pk)


def case_list_overdue(*, user) -> QuerySet[Case]:
    """Return the open cases past their deadline that `user` may see, the oldest first."""
    return (
        jurisdiction.cases_for(user)
        .filter(status__in=Case.OPEN_STATUSES, deadline__lt=timezone.localdate())
        .select_related("assignee")
        .order_by("deadline", "pk")
    )


def case_list_needs_info_expired() -> QuerySet[Case]:
    return Case.objects.filter(status=Case.Status.NEEDS_INFO, deadline__lt=timezone.localdate()).order_by("pk")
