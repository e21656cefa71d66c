"""Reads of evidence."""

from django.utils.translation import gettext as _

from ..errors import NotFound
from ..models import Evidence


def evidence_get(*, ticket: str, evidence_id: int) -> Evidence:
    """Return the screenshot `evidence_id` of the case `ticket`, or raise NotFound."""
    evidence = Evidence.objects.select_related("case").filter(case__ticket=ticket, pk=evidence_id).first()
    if evidence is None:
        raise NotFound(_("Bukti tidak ditemukan."))
    return evidence
