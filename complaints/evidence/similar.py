"""Similar screenshots across cases, found through the perceptual hash's indexed bands."""

from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import IntegerField, Q, QuerySet
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


def evidence_similar(*, evidence: Evidence) -> list[Similar]:
    """Return screenshots of other cases whose perceptual hash is within the setting's distance.

    Multi-index hashing: the hash is four 16-bit bands, each indexed. Two hashes within
    distance d differ in some band by at most d // 4 bits (else they would differ by more than
    d), so only rows with a band among those few neighbour values are read, through the band
    indexes (about 68 N / 65,536 rows for d = 6: 0.1% of the table), and their full distance
    is checked: by PostgreSQL, so that only the matches come back, or here on SQLite.
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
    if connection.vendor == "postgresql":
        distance = RawSQL(
            """bit_count(('x' || "complaints_evidence"."phash")::bit(64) # ('x' || %s)::bit(64))""",
            (evidence.phash,),
            output_field=IntegerField(),
        )
        candidates = candidates.alias(distance=distance).filter(distance__lte=limit)
    found = [Similar(other, imaging.hamming(evidence.phash, other.phash)) for other in candidates]
    return sorted((s for s in found if s.distance <= limit), key=lambda s: (s.distance, s.evidence.case.submitted_at))
