"""Evidence files for officials (`/petugas/kasus/<ticket>/bukti/...`): never a public URL."""

from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ..responses import domain_errors, evidence_file, official_required
from .selectors import evidence_get


@never_cache
@official_required
@require_GET
@domain_errors()
def case_evidence(request, ticket: str, evidence_id: int, variant: str):
    """Serve a screenshot from private storage to an official."""
    return evidence_file(request, evidence_get(ticket=ticket, evidence_id=evidence_id, user=request.user), variant)
