"""Reads of evidence."""

from django.utils.translation import gettext as _

from .. import jurisdiction
from ..errors import NotFound
from ..models import Evidence


def evidence_get(*, ticket: str, evidence_id: int, user) -> Evidence:
    """Return the screenshot `evidence_id` of the case `ticket`, or raise NotFound (a case
    outside the official's regions included)."""
    evidence = (
        Evidence.objects.select_related("case")
        .filter(case__ticket=ticket, pk=evidence_id, case__in=jurisdiction.cases_for(user))
        .first()
    )
    if evidence is None:
        raise NotFound(_("Bukti tidak ditemukan."))
    return evidence
