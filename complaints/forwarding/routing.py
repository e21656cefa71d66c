"""Which agencies a classified case goes to (DESIGN §5): rules are data, agencies are data.

A rule maps a category (and optionally a behaviour) to agency kinds, and may hold only while
Bawaslu's window is open or only once it has closed. A regional kind resolves to the agency of
the civil servant's kabupaten/kota, else its province, else the national one.

Two dates matter. The receiving agency is the one that exists on the day of forwarding: a body
dissolved since the incident hands its cases to its successor (KASN → BKN). The incident date
still says which body was competent then, and the dossier says so.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from ..models import Agency, Case, RoutingRule
from ..triage import deadlines


def bawaslu_window_open(case: Case) -> bool:
    """Return whether Bawaslu may take the case: the incident within the election's stages and
    the report within the report window from the day it became known (DOMAIN.md)."""
    return case.election.within_stages(case.incident_date) and not case.is_late


@dataclass(frozen=True)
class Destination:
    agency: Agency  # the agency that receives the case on the day of forwarding
    competent: Agency | None  # the agency competent on the incident date, when another


def successor_on(agency: Agency, day: datetime.date) -> Agency | None:
    """Return `agency`, or the body that took over its duties, as it exists on `day`."""
    seen = set()
    while agency is not None and not agency.valid_on(day) and agency.pk not in seen:
        seen.add(agency.pk)
        agency = agency.succeeded_by
    return agency if agency is not None and agency.valid_on(day) else None


def _candidates(*, kind: str, case: Case, scope: str) -> list[Agency]:
    """Return the agencies of `kind` for the case's region, most specific first."""
    regional = scope == RoutingRule.Scope.REGION
    regions = [case.asn_region_id, case.asn_region.parent_id, None] if regional else [None]
    found = Agency.objects.filter(kind=kind).filter(
        Q(region_id__in=[region for region in regions if region]) | Q(region__isnull=True)
    )
    return sorted(found.select_related("succeeded_by"), key=lambda agency: regions.index(agency.region_id))


def resolve(*, kind: str, case: Case, scope: str, on: datetime.date | None = None) -> Destination | None:
    """Return where a case goes for `kind`: the most specific agency competent on the incident
    date, or its successor on the day of forwarding (`on`, today by default)."""
    on = on or timezone.localdate()
    for agency in _candidates(kind=kind, case=case, scope=scope):
        if not agency.valid_on(case.incident_date) and not agency.valid_on(on):
            continue
        receiver = successor_on(agency, on)
        if receiver is not None:
            return Destination(receiver, agency if receiver != agency else None)
    return None


def destinations(*, case: Case, on: datetime.date | None = None) -> list[Destination]:
    """Return where the rules send the case's classification, without repeats."""
    if not case.category:
        return []
    rules = RoutingRule.objects.filter(category=case.category).filter(
        Q(behaviour__isnull=True) | Q(behaviour_id=case.behaviour_id)
    )
    window_open = bawaslu_window_open(case)
    found: list[Destination] = []
    for rule in rules:
        if not rule.applies(bawaslu_window_open=window_open):
            continue
        for kind in rule.agency_kinds:
            destination = resolve(kind=kind, case=case, scope=rule.scope, on=on)
            if destination is not None and destination.agency not in [d.agency for d in found]:
                found.append(destination)
    return found


def suggest_agencies(*, case: Case) -> list[Agency]:
    """Return the agencies the rules suggest for the case today."""
    return [destination.agency for destination in destinations(case=case)]


def competent_on_incident(*, agency: Agency, case: Case) -> Agency | None:
    """Return the predecessor of `agency` that was competent on the incident date, if another."""
    if agency.valid_on(case.incident_date):
        return None
    return next(
        (
            predecessor
            for predecessor in agency.predecessors.all()
            if predecessor.valid_on(case.incident_date)
            and (predecessor.region_id is None or predecessor.region_id == agency.region_id)
        ),
        None,
    )


def response_due(agency: Agency, *, sent_on: datetime.date) -> datetime.date:
    """Return the day by which `agency` should report an outcome."""
    return deadlines.add_days(sent_on, agency.response_days, agency.response_day_type)
