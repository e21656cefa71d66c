"""Citizens' pages: the landing page, the report form, the receipt and the status pages."""

import math

from django.conf import settings
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods

from . import selectors, services
from .forms import ReportForm
from .throttles import LookupThrottle, SubmitThrottle
from .tickets import InvalidTicket, normalize_ticket

RECEIPT_SESSION_KEY = "report_receipt"
IDENTITY_FIELDS = ("reporter_name", "reporter_email", "reporter_phone")


def too_large(request) -> bool:
    """Return whether the request body is over the report limit, without reading it."""
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > settings.MAX_REPORT_REQUEST_BYTES
    except ValueError:
        return False


def throttled(request, wait: float):
    response = render(request, "429.html", {"minutes": math.ceil(wait / 60)}, status=429)
    response["Retry-After"] = str(math.ceil(wait))
    return response


@require_GET
def landing(request):
    return render(request, "complaints/landing.html")


@sensitive_post_parameters(*IDENTITY_FIELDS)
@require_http_methods(["GET", "POST"])
def report_create(request):
    status = 200
    if request.method == "POST":
        if too_large(request):
            context = {"max_files": settings.MAX_EVIDENCE_FILES, "max_bytes": settings.MAX_EVIDENCE_BYTES}
            return render(request, "413.html", context, status=413)
        if wait := SubmitThrottle().check(request):
            return throttled(request, wait)
        form = ReportForm(request.POST, request.FILES)
        if form.is_valid():
            submitted = services.report_submit(report=form.to_input())
            request.session[RECEIPT_SESSION_KEY] = {
                "ticket": submitted.case.ticket,
                "access_code": submitted.access_code,
            }
            return redirect("report-receipt")
        status = 400
    else:
        form = ReportForm()
    context = {
        "form": form,
        "max_files": settings.MAX_EVIDENCE_FILES,
        "max_bytes": settings.MAX_EVIDENCE_BYTES,
        "js_text": _report_form_text(),
    }
    return render(request, "complaints/report_form.html", context, status=status)


def _report_form_text() -> dict[str, str]:
    """Return the texts the form's script shows, translated here like every other text.

    Placeholders are in braces, filled in by the script.
    """
    return {
        "province": _("Provinsi tempat ASN bekerja"),
        "choose_province": _("— pilih provinsi —"),
        "too_many": _("Anda memilih {count} berkas; paling banyak {max}. Pilih ulang."),
        "too_big": _("{name} lebih dari {size} dan akan ditolak."),
        "sending": _("Mengirim laporan: {percent} persen"),
        "processing": _("Berkas terkirim. Memeriksa bukti…"),
        "failed": _("Koneksi terputus. Laporan belum terkirim; periksa koneksi lalu kirim lagi."),
        "remove_hint": _("Untuk mengganti, pilih ulang semua berkas."),
    }


@never_cache
@require_GET
def report_receipt(request):
    """Show the ticket and access code once: the session forgets them as they are shown."""
    receipt = request.session.pop(RECEIPT_SESSION_KEY, None)
    if receipt is None:
        return render(request, "complaints/receipt_gone.html", status=410)
    return render(request, "complaints/receipt.html", receipt)


def _invalid_ticket(request, text: str):
    error = _("Nomor tiket tidak valid. Periksa kembali: formatnya NTR-XXXX-XXXX, seperti pada tanda terima.")
    return render(request, "complaints/status_lookup.html", {"error": error, "ticket": text}, status=400)


@require_GET
def status_lookup(request):
    text = request.GET.get("ticket")
    if text is None:
        return render(request, "complaints/status_lookup.html")
    try:
        return redirect("status-detail", normalize_ticket(text))
    except InvalidTicket:
        return _invalid_ticket(request, text)


@require_GET
def status_detail(request, ticket: str):
    try:
        normalized = normalize_ticket(ticket)
    except InvalidTicket:
        return _invalid_ticket(request, ticket)
    if normalized != ticket:
        return redirect("status-detail", normalized)
    if wait := LookupThrottle().check(request):
        return throttled(request, wait)
    case = selectors.case_get_public(ticket=normalized)
    if case is None:
        return render(request, "complaints/status_not_found.html", {"ticket": normalized}, status=404)
    context = {"case": case, "timeline": selectors.case_public_timeline(case=case)}
    return render(request, "complaints/status_detail.html", context)
