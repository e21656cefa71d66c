"""The agency's page: no account, a signed expiring link per forwarding (`/instansi/<token>/`)."""

from django.contrib import messages
from django.core import signing
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from . import dossier, services, workflow
from .responses import private_file
from .triage_forms import AgencyOutcomeForm


def _forwarding_or_403(request, token: str):
    try:
        return dossier.forwarding_from_token(token), None
    except signing.BadSignature:  # tampered, unknown or expired (SignatureExpired is a BadSignature)
        return None, render(request, "agency/invalid.html", status=403)


@never_cache
@require_http_methods(["GET", "POST"])
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
            try:
                services.agency_outcome_record(
                    forwarding=forwarding, data=form.cleaned_data, letter=form.cleaned_data["decision_letter"]
                )
            except workflow.Conflict as conflict:
                messages.error(request, conflict.message)
            else:
                messages.success(request, _("Terima kasih. Hasil penanganan sudah tercatat."))
            return redirect("agency", token)
        status = 400
    forwarding.refresh_from_db()
    context = {"forwarding": forwarding, "case": forwarding.case, "form": form, "token": token}
    return render(request, "agency/page.html", context, status=status)


@never_cache
@require_GET
def agency_dossier(request, token: str):
    forwarding, refused = _forwarding_or_403(request, token)
    if refused:
        return refused
    if not forwarding.dossier:
        raise Http404(_("Berkas belum siap."))
    name = f"{forwarding.case.ticket}.pdf"
    return private_file(forwarding.dossier.open("rb"), content_type="application/pdf", filename=name, attachment=True)
