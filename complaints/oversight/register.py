"""The register of reported civil servants (DESIGN §6, `/petugas/asn/`, `GET /api/v1/officials/`).

One entry per person across the cases an official may see, keyed by `people.person_key`. It
helps officials with what citizens reported; it holds nothing beyond the cases themselves. Two
entries that may be one person (the same name in another agency, or with and without a NIP)
are shown side by side as possible matches, never merged.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Max, Min, Q, QuerySet

from .. import jurisdiction
from ..models import Case, Forwarding, Region
from . import people
from .stats import SANCTIONS

TICKETS_SHOWN = 20  # a person's tickets listed in an entry; the rest are one search away


@dataclass
class Person:
    key: str
    asn_nip: str
    asn_name: str
    asn_agency: str
    region: str
    region_name: str
    cases: int
    open: int
    sanctioned: int
    first_reported: object
    last_reported: object
    tickets: list[str] = field(default_factory=list)
    outcomes: dict[str, int] = field(default_factory=dict)
    possible_matches: list[dict] = field(default_factory=list)

    @property
    def outcome_labels(self) -> list[tuple[str, int]]:
        return [(Forwarding.Outcome(code).label, count) for code, count in sorted(self.outcomes.items())]


def _search(cases: QuerySet[Case], text: str) -> QuerySet[Case]:
    digits = text.replace(" ", "")
    if digits.isdigit():
        return cases.filter(asn_nip__startswith=digits)
    name = people.name_key(text)
    return cases.filter(Q(asn_name_key__contains=name) | Q(asn_agency__icontains=text.strip()))


def people_list(*, user, q: str = "", region: str = "", key: str = "") -> QuerySet:
    """Return one row per person of the official's cases, the most reported first.

    Rows are dicts; `people_detail` completes a page of them (tickets, outcomes, matches).
    """
    cases = jurisdiction.cases_for(user).exclude(asn_key="")
    if q.strip():
        cases = _search(cases, q)
    if region:
        cases = cases.filter(Q(asn_region_id=region) | Q(asn_region__parent_id=region))
    if key:
        cases = cases.filter(asn_key=key)
    sanctioned = Forwarding.objects.filter(outcome__in=SANCTIONS).values("case_id")
    return (
        cases.order_by()
        .values("asn_key")
        .annotate(
            cases=Count("pk"),
            open=Count("pk", filter=Q(status__in=Case.OPEN_STATUSES)),
            sanctioned=Count("pk", filter=Q(pk__in=sanctioned)),
            asn_nip=Max("asn_nip"),
            asn_name=Max("asn_name"),
            asn_agency=Max("asn_agency"),
            asn_name_key=Max("asn_name_key"),
            region=Max("asn_region_id"),
            first_reported=Min("submitted_at"),
            last_reported=Max("submitted_at"),
        )
        .order_by("-cases", "-last_reported", "asn_key")
    )


def people_detail(rows: list[dict], *, user) -> list[Person]:
    """Complete a page of register rows: tickets, agencies' outcomes, possible matches (3 queries)."""
    keys = [row["asn_key"] for row in rows]
    cases = jurisdiction.cases_for(user)
    tickets: dict[str, list[str]] = {}
    for key, ticket in cases.filter(asn_key__in=keys).order_by("-submitted_at").values_list("asn_key", "ticket"):
        tickets.setdefault(key, []).append(ticket)
    outcomes: dict[str, dict[str, int]] = {}
    reported = (
        Forwarding.objects.filter(case__in=cases.filter(asn_key__in=keys).values("pk"))
        .exclude(outcome="")
        .order_by()
        .values_list("case__asn_key", "outcome")
        .annotate(count=Count("pk"))
    )
    for key, outcome, count in reported:
        outcomes.setdefault(key, {})[outcome] = count
    names = {row["asn_name_key"] for row in rows if row["asn_name_key"]}
    namesakes: dict[str, list[dict]] = {}
    for other in (
        cases.filter(asn_name_key__in=names)
        .order_by()
        .values("asn_key", "asn_name_key")
        .annotate(asn_name=Max("asn_name"), asn_agency=Max("asn_agency"), asn_nip=Max("asn_nip"), cases=Count("pk"))
    ):
        namesakes.setdefault(other["asn_name_key"], []).append(other)
    region_names = dict(Region.objects.filter(code__in={row["region"] for row in rows}).values_list("code", "name"))
    entries = []
    for row in rows:
        entries.append(
            Person(
                key=row["asn_key"],
                asn_nip=row["asn_nip"],
                asn_name=row["asn_name"],
                asn_agency=row["asn_agency"],
                region=row["region"],
                region_name=region_names.get(row["region"], ""),
                cases=row["cases"],
                open=row["open"],
                sanctioned=row["sanctioned"],
                first_reported=row["first_reported"],
                last_reported=row["last_reported"],
                tickets=tickets.get(row["asn_key"], [])[:TICKETS_SHOWN],
                outcomes=outcomes.get(row["asn_key"], {}),
                possible_matches=[
                    match for match in namesakes.get(row["asn_name_key"], []) if match["asn_key"] != row["asn_key"]
                ],
            )
        )
    return entries
