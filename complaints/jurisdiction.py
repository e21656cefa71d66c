"""Jurisdiction (DESIGN §1): an official limited to regions sees and acts on their cases only.

Regions are provinces (their kabupaten/kota included) or kabupaten/kota; an official with none
is national. Every read of cases for officials starts from `cases_for`.
"""

from django.db.models import Q, QuerySet

from .models import Case, Jurisdiction, Region


def regions_of(official) -> frozenset[str]:
    """Return the region codes `official` is limited to (empty: national), read once per request."""
    if not hasattr(official, "_jurisdiction"):
        codes = Jurisdiction.objects.filter(official_id=official.pk).values_list("region_id", flat=True)
        official._jurisdiction = frozenset(codes)
    return official._jurisdiction


def regions_named(official) -> list[Region]:
    """Return the official's regions (none for a national official), for the pages to name."""
    return list(Region.objects.filter(code__in=regions_of(official)))


def cases_for(official) -> QuerySet[Case]:
    """Return the cases `official` may see: all for a national official, else their regions'."""
    regions = regions_of(official)
    if not regions:
        return Case.objects.all()
    return Case.objects.filter(Q(asn_region_id__in=regions) | Q(asn_region__parent_id__in=regions))


def covers(official, region: Region) -> bool:
    """Return whether `region` lies within the official's regions."""
    regions = regions_of(official)
    return not regions or region.code in regions or region.parent_id in regions


def region_choices(official, choices: list) -> list:
    """Return grouped region choices (see the report form) cut to the official's regions."""
    regions = regions_of(official)
    if not regions:
        return choices
    kept = []
    for value, label in choices:
        if isinstance(label, list | tuple):  # a province's group
            options = [(code, name) for code, name in label if code in regions or code.split(".")[0] in regions]
            if options:
                kept.append((value, options))
        elif not value:
            kept.append((value, label))
    return kept
