"""Similar screenshots across cases, found through the perceptual hash's indexed bands."""

from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from ..models import Evidence
from . import imaging


@dataclass(frozen=True)
class Similar:
    evidence: Evidence
    distance: int


def evidence_similar_candidates(*, phash: str) -> QuerySet[Evidence]:
    """Return the rows sharing a band with `phash` up to d // 4 flipped bits, read through the band indexes."""
    radius = settings.SIMILAR_EVIDENCE_DISTANCE // Evidence.HASH_BANDS
    condition = Q()
    for band, value in enumerate(imaging.hash_bands(phash)):
        condition |= Q(**{f"phash_band{band}__in": sorted(imaging.band_neighbours(value, radius))})
    return Evidence.objects.filter(condition)


# On PostgreSQL each band is read through a covering index (migration 0017: the band, with the
# hash and the case), so the distance is checked on the index's entries alone: of the thousand
# candidates at a million screenshots only the few matches are fetched from the table.
_SIMILAR_IDS = " UNION ".join(
    f'SELECT "id" FROM "complaints_evidence" WHERE "phash_band{band}" = ANY(%s) AND "case_id" <> %s '  # noqa: S608 (band numbers, constants)
    "AND bit_count(('x' || \"phash\")::bit(64) # ('x' || %s)::bit(64)) <= %s"
    for band in range(Evidence.HASH_BANDS)
)


def evidence_similar_rows(*, evidence: Evidence) -> QuerySet[Evidence]:
    """Return the screenshots of other cases that the look-up reads: on PostgreSQL only those
    within the distance, elsewhere every candidate of the bands (their distance checked after)."""
    limit = settings.SIMILAR_EVIDENCE_DISTANCE
    if connection.vendor == "postgresql":
        radius = limit // Evidence.HASH_BANDS
        params = []
        for value in imaging.hash_bands(evidence.phash):
            params += [sorted(imaging.band_neighbours(value, radius)), evidence.case_id, evidence.phash, limit]
        rows = Evidence.objects.filter(pk__in=RawSQL(_SIMILAR_IDS, params))  # noqa: S611 (bound parameters)
    else:
        rows = evidence_similar_candidates(phash=evidence.phash).exclude(case_id=evidence.case_id)
    return rows.select_related("case").only(
        "pk", "phash", "position", "case__ticket", "case__status", "case__submitted_at"
    )


def evidence_similar(*, evidence: Evidence) -> list[Similar]:
    """Return screenshots of other cases whose perceptual hash is within the setting's distance.

    Multi-index hashing: the hash is four 16-bit bands, each indexed. Two hashes within
    distance d differ in some band by at most d // 4 bits (else they would differ by more than
    d), so only rows with a band among those few neighbour values are read, through the band
    indexes (about 68 N / 65,536 rows for d = 6: 0.1% of the table), and their full distance
    is checked.
    """
    if not evidence.phash:
        return []
    limit = settings.SIMILAR_EVIDENCE_DISTANCE
    found = [
        Similar(other, imaging.hamming(evidence.phash, other.phash))
        for other in evidence_similar_rows(evidence=evidence)
    ]
    return sorted((s for s in found if s.distance <= limit), key=lambda s: (s.distance, s.evidence.case.submitted_at))
