"""Forwarding's pages: the agency's signed link (`/instansi/<token>/`), and the koordinator's
resend, dossier and decision letter on the case page."""

from django.contrib import messages
from django.core import signing
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..errors import NotAllowed, NotFound
from ..responses import (
    decision_letter_file,
    domain_errors,
    dossier_file,
    error_page,
    official_required,
    private_file,
)
from . import links, selectors, services
from .forms import AgencyOutcomeForm, DossierCheckForm


def _forwarding_or_403(request, token: str):
    try:
        return links.forwarding_from_token(token), None
    except signing.BadSignature:  # tampered, unknown or expired (SignatureExpired is a BadSignature)
        return None, render(request, "agency/invalid.html", status=403)


def _back_to_agency_page(request, error, status, token: str):
    messages.error(request, error.message)
    return redirect("agency", token)


@never_cache
@require_http_methods(["GET", "POST"])
@domain_errors(on_error=_back_to_agency_page)
def agency_page(request, token: str):
    forwarding, refused = _forwarding_or_403(request, token)
    if refused:
        return refused
    form, status = AgencyOutcomeForm(), 200
    if request.method == "POST":
        if request.POST.get("do") == "acknowledge":
            services.agency_acknowledge(forwarding=forwarding)
            messages.success(request, _("Terima kasih. Penerimaan berkas sudah tercatat."))
            return redirect("agency", token)
        form = AgencyOutcomeForm(request.POST, request.FILES)
        if form.is_valid():
            services.agency_outcome_record(
                forwarding=forwarding, data=form.cleaned_data, letter=form.cleaned_data["decision_letter"]
            )
            messages.success(request, _("Terima kasih. Hasil penanganan sudah tercatat."))
            return redirect("agency", token)
        status = 400
    forwarding.refresh_from_db()
    context = {"forwarding": forwarding, "case": forwarding.case, "form": form, "token": token}
    return render(request, "agency/page.html", context, status=status)


@never_cache
@require_GET
@domain_errors()
def agency_dossier(request, token: str):
    forwarding, refused = _forwarding_or_403(request, token)
    if refused:
        return refused
    if not forwarding.dossier:
        raise NotFound(_("Berkas belum siap."))
    name = f"{forwarding.case.ticket}.pdf"
    return private_file(forwarding.dossier.open("rb"), content_type="application/pdf", filename=name, attachment=True)


def _back_to_case(request, error, status, ticket: str, forwarding_id: int):
    if isinstance(error, NotAllowed | NotFound):
        return error_page(request, error, status)
    messages.error(request, error.message)
    return redirect("official-case", ticket)


@official_required
@require_POST
@domain_errors(on_error=_back_to_case)
def forwarding_resend(request, ticket: str, forwarding_id: int):
    forwarding = selectors.forwarding_get(ticket=ticket, forwarding_id=forwarding_id, user=request.user)
    services.forwarding_resend(forwarding=forwarding, by=request.user)
    messages.success(request, _("Berkas untuk %(agency)s dikirim ulang.") % {"agency": forwarding.agency.name})
    return redirect("official-case", ticket)


# A forwarding's documents for the koordinator: the dossier sent, the decision letter received.
DOCUMENTS = {"dossier": dossier_file, "letter": decision_letter_file}


@never_cache
@official_required
@require_GET
@domain_errors()
def forwarding_document(request, ticket: str, forwarding_id: int, document: str):
    forwarding = selectors.forwarding_get(ticket=ticket, forwarding_id=forwarding_id, user=request.user)
    return DOCUMENTS[document](request, forwarding)


@require_http_methods(["GET", "POST"])
@domain_errors()
def dossier_verify(request, key):
    """Anyone holding a dossier checks it is the one the portal sent: its number, date and
    recipient, and whether a SHA-256 matches (the file itself is never sent here)."""
    forwarding = selectors.forwarding_by_key(key=key)
    form = DossierCheckForm(request.POST if request.method == "POST" else None)
    matches = form.cleaned_data["sha256"] == forwarding.dossier_sha256 if form.is_valid() else None
    status = 400 if request.method == "POST" and matches is None else 200
    context = {"forwarding": forwarding, "form": form, "matches": matches}
    return render(request, "dossier/verify.html", context, status=status)
