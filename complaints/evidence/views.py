"""Evidence files for officials (`/petugas/kasus/<ticket>/bukti/...`): never a public URL."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from ..responses import domain_errors, evidence_file, official_required
from .selectors import evidence_get
from .services import evidence_reprocess


@never_cache
@official_required
@require_GET
@domain_errors()
def case_evidence(request, ticket: str, evidence_id: int, variant: str):
    """Serve a screenshot from private storage to an official."""
    return evidence_file(request, evidence_get(ticket=ticket, evidence_id=evidence_id, user=request.user), variant)


@official_required
@require_POST
@domain_errors()
def case_evidence_reprocess(request, ticket: str, evidence_id: int):
    """Run a screenshot's failed steps again (the admin's retry on the case page)."""
    evidence = evidence_get(ticket=ticket, evidence_id=evidence_id, user=request.user)
    evidence_reprocess(evidence=evidence, by=request.user)
    messages.success(
        request,
        _("Tangkapan layar %(n)s diproses ulang. Muat ulang halaman ini sebentar lagi untuk melihat hasilnya.")
        % {"n": evidence.position},
    )
    return redirect("official-case", ticket)
