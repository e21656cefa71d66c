"""Which agencies a classified case goes to (DESIGN §5): rules are data, agencies are data.

A rule maps a category (and optionally a behaviour) to agency kinds. A regional kind resolves
to the agency of the civil servant's kabupaten/kota if there is one, else of its province,
else the national one; every agency must be valid on the incident date (KASN until
2024-08-22, BKN from 2024-08-23).
"""

from django.db.models import Q

from ..models import Agency, Case, RoutingRule


def election_running(case: Case) -> bool:
    """Whether the incident fell within the election's stages: campaign start to voting day."""
    return case.election.campaign_start <= case.incident_date <= case.election.voting_date


def resolve(*, kind: str, case: Case, scope: str) -> Agency | None:
    """Return the most specific agency of `kind` valid on the incident date, or None."""
    regions = [case.asn_region_id, case.asn_region.parent_id, None] if scope == RoutingRule.Scope.REGION else [None]
    candidates = list(
        Agency.objects.filter(kind=kind).filter(Q(region_id__in=[r for r in regions if r]) | Q(region__isnull=True))
    )
    for region_id in regions:
        for agency in candidates:
            if agency.region_id == region_id and agency.valid_on(case.incident_date):
                return agency
    return None


def suggest_agencies(*, case: Case) -> list[Agency]:
    """Return the agencies the rules suggest for the case's classification, without repeats."""
    if not case.category:
        return []
    rules = RoutingRule.objects.filter(category=case.category).filter(
        Q(behaviour__isnull=True) | Q(behaviour_id=case.behaviour_id)
    )
    found: list[Agency] = []
    for rule in rules:
        if rule.only_while_election_runs and not election_running(case):
            continue
        for kind in rule.agency_kinds:
            agency = resolve(kind=kind, case=case, scope=rule.scope)
            if agency is not None and agency not in found:
                found.append(agency)
    return found
