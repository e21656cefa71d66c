"""Citizens' pages: the landing page, the report form, the receipt and the status pages."""

import functools

from cryptography.fernet import InvalidToken
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import permissions
from ..errors import DomainError
from ..evidence.validation import check_evidence
from ..fields import identity_cipher
from ..responses import client_address, domain_errors, framed_page, official_required, throttled_page
from ..tickets import InvalidTicket, normalize_ticket
from . import check, pow, selectors, services, staging, status_pages
from .findings import FindingBatchForm, FindingForm
from .forms import IDENTITY_FIELDS, ReplyForm, ReportForm
from .throttles import LookupThrottle, SubmitThrottle, UploadThrottle

RECEIPT_SESSION_KEY = "report_receipt"
FORM_SESSION_KEY = "report_form_opened"
RECEIPT_SECONDS = 15 * 60  # a receipt not shown by then is gone: the reporter never saw a code


@require_GET
def landing(request):
    return render(request, "complaints/landing.html")


@sensitive_post_parameters(*IDENTITY_FIELDS)
@require_http_methods(["GET", "POST"])
def report_create(request):
    if request.method == "GET":
        # Start the session now: if the answer to the upload is lost on a bad connection, the
        # page can still ask for the receipt, which is kept in this session.
        request.session.setdefault(FORM_SESSION_KEY, True)
        return _form_page(request, ReportForm())
    # Size and rate were checked by UploadGuardMiddleware.
    return _submit(request, ReportForm(request.POST, request.FILES, uploads_owner=staging.owner_of(request.session)))


def _submit(request, form):
    """Store a valid report and show its receipt; else the form again with its errors."""
    if form.is_valid() and _proof_of_work_ok(request, form):
        try:
            submitted = services.report_submit(report=form.to_input())
        except DomainError as refused:  # the same screenshots sent twice at once: the second is refused
            _errors_add(form, refused)
        else:
            _receipt_keep(request, ticket=submitted.case.ticket, access_code=submitted.access_code)
            return redirect("report-receipt")
    return _form_page(request, form, kept=_kept(request, form), status=400)


@never_cache  # it holds the reporter's identity, for this browser alone
@sensitive_post_parameters(*IDENTITY_FIELDS)
@require_POST
def report_check(request):
    """Check your answers, without JavaScript: the report as it will be sent, each answer with a
    way back to change it. The screenshots are kept here (`staging`) so they are sent once; what
    was typed travels in the page's hidden fields, never stored."""
    form = ReportForm(request.POST, request.FILES, uploads_owner=staging.owner_of(request.session))
    if not form.is_valid():
        return _form_page(request, form, kept=_kept(request, form), status=400)
    sent = request.FILES.getlist("evidence")
    allowed, wait = _holdable(request, len(sent))
    if allowed < len(sent):
        return throttled_page(request, wait)
    try:
        kept = form.staged + staging.uploads_stage(sent, owner=form.uploads_owner)
    except staging.StagingFull:  # nowhere to hold the screenshots: sent as it is, counted as a report
        if wait := SubmitThrottle().check(request):
            return throttled_page(request, wait)
        return _submit(request, form)
    context = {"form": form, "answers": check.answers(form, kept), "carried": check.carried(form), "kept": kept}
    return render(request, "complaints/report_check.html", context)


@never_cache
@sensitive_post_parameters(*IDENTITY_FIELDS)
@require_POST
def report_change(request):
    """An answer to change, from the check page: the form again, filled in, without errors."""
    kept = check.kept(request.POST, owner=staging.owner_of(request.session))
    return _form_page(request, ReportForm(initial=check.typed(request.POST)), kept=kept)


def _kept(request, form) -> list:
    """The screenshots the citizen will not choose again: those sent ahead, and those sent with
    this form if they passed the checks (kept in `staging` until the report comes).

    When one was refused, each of the others is kept if it passes on its own; the refused one is
    named in the error, dropped, and chosen again.
    """
    sent = request.FILES.getlist("evidence")
    good = form.staged
    if form.has_error("evidence"):
        read = form.files.getlist("evidence")[: len(form.staged)]  # the staged ones, as the form read them
        good = [upload for upload, file in zip(form.staged, read, strict=True) if _passes(file)]
        staging.uploads_forget([upload for upload in form.staged if upload not in good])
        sent = [file for file in sent if _passes(file)]
    try:
        allowed, _wait = _holdable(request, len(sent))
        return good + staging.uploads_stage(sent[:allowed], owner=form.uploads_owner)
    except staging.StagingFull:  # the files sent now are chosen again
        return good


def _holdable(request, count: int) -> tuple[int, float]:
    """How many of `count` files this address may have held now, each counted against UPLOAD_RATE
    as an upload of its own; and, if not all, the seconds to wait."""
    for allowed in range(count):
        if wait := UploadThrottle().check(request):
            return allowed, wait
    return count, 0


def _passes(file) -> bool:
    try:
        check_evidence([file])
    except ValidationError:
        return False
    return True


def _errors_add(form, refused: DomainError) -> None:
    for field, messages_ in refused.fields.items():
        for message in messages_:
            form.add_error(field, message)
    if not refused.fields:
        form.add_error(None, refused.message)


def _form_page(request, form, *, kept=(), status: int = 200):
    if kept:  # the held screenshots are enough: the file input is for more
        form.fields["evidence"].required = False
    context = {
        "form": form,
        "kept": kept,
        "max_files": settings.MAX_EVIDENCE_FILES,
        "max_bytes": settings.MAX_EVIDENCE_BYTES,
        "chunk_bytes": settings.UPLOAD_CHUNK_BYTES,
        "pow": settings.POW,
        "retention_identity_days": settings.RETENTION_IDENTITY_DAYS,
        "retention_originals_years": round(settings.RETENTION_ORIGINALS_DAYS / 365),
        "js_text": _report_form_text(),
    }
    return render(request, "complaints/report_form.html", context, status=status)


def _proof_of_work_ok(request, form) -> bool:
    """Check the proof of work where it is due now; a missing or bad one is the form's error."""
    if not pow.required(client_address(request)):
        return True
    try:
        pow.check(request.POST.get("altcha", ""))
    except DomainError as refused:
        form.add_error(None, refused.message)
        return False
    return True


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
        "sending_left": _("Mengirim laporan: {percent} persen, sekitar {left} lagi"),
        "seconds": _("{count} detik"),
        "minutes": _("{count} menit"),
        "restored": _("Isian yang Anda ketik sebelumnya dipulihkan dari perangkat ini, tanpa tangkapan layar."),
        "forget": _("Hapus isian ini"),
        "check": _("Periksa laporan"),
        "send": _("Kirim laporan"),
        "change": _("ubah"),
        "yes": _("Ya"),
        "no": _("Tidak"),
        "empty": _("(tidak diisi)"),
        "files": _("{count} berkas: {names}"),
        "processing": _("Berkas terkirim. Memeriksa bukti…"),
        "failed": _(
            "Koneksi terputus. Laporan belum terkirim. Isian dan tangkapan layar yang Anda pilih tetap ada: "
            "periksa koneksi, lalu tekan Kirim laporan lagi."
        ),
        "expired": _(
            "Sesi formulir sudah kedaluwarsa. Muat ulang halaman: isian Anda dipulihkan, tangkapan layar dipilih ulang."
        ),
        "proving": _("Menyelesaikan tantangan keamanan: {percent} persen"),
        "throttled": _(
            "Terlalu banyak laporan dari sambungan Anda. Isian Anda tetap ada; kirim lagi sekitar {minutes} menit lagi."
        ),
        "too_large": _("Berkas terlalu besar untuk dikirim. Isian Anda tetap ada; pilih berkas yang lebih kecil."),
        "server_error": _("Terjadi gangguan pada server. Isian Anda tetap ada; coba kirim lagi sebentar lagi."),
    }


def _receipt_keep(request, *, ticket: str, access_code: str) -> None:
    """Keep the receipt in the session until it is shown, the code encrypted (DESIGN §3)."""
    token = identity_cipher().encrypt(access_code.encode()).decode()
    request.session[RECEIPT_SESSION_KEY] = {"ticket": ticket, "access_code": token}


@never_cache
@require_GET
def report_receipt(request):
    """Show the ticket and access code once: the session forgets them as they are shown."""
    receipt = request.session.pop(RECEIPT_SESSION_KEY, None)
    try:
        access_code = identity_cipher().decrypt(receipt["access_code"].encode(), ttl=RECEIPT_SECONDS).decode()
    except (TypeError, KeyError, InvalidToken):
        return render(request, "complaints/receipt_gone.html", status=410)
    return render(request, "complaints/receipt.html", {"ticket": receipt["ticket"], "access_code": access_code})


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


def canonical_ticket(url_name: str):
    """Decorate a view of `/status/<ticket>/...`: a mistyped ticket gets the lookup form with a
    message, a ticket typed another way (lower case, no dashes) the redirect to its one address."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, ticket: str):
            try:
                normalized = normalize_ticket(ticket)
            except InvalidTicket:
                return _invalid_ticket(request, ticket)
            if normalized != ticket:
                return redirect(url_name, normalized)
            return view(request, ticket)

        return wrapped

    return decorate


@require_GET
@canonical_ticket("status-detail")
def status_detail(request, ticket: str):
    if wait := LookupThrottle().check(request):
        return throttled_page(request, wait)
    body = status_pages.kept(ticket=ticket, kind="page")
    if body is None:
        return render(request, "complaints/status_not_found.html", {"ticket": ticket}, status=404)
    return framed_page(request, "complaints/status_detail.html", ticket=ticket, body=body)


def _reply_page(request, ticket: str, *, form=None, error: str | None = None, status: int = 200):
    case = selectors.case_get_public(ticket=ticket)
    question = selectors.case_open_question(case=case) if case else None
    context = {"ticket": ticket, "form": form or ReplyForm(), "error": error, "question": question, "case": case}
    return render(request, "complaints/status_reply.html", context, status=status)


def _reply_refused(request, error: DomainError, status: int, ticket: str):
    """A wrong access code or a case not awaiting an answer: the form again, with the message on
    the field the refusal names (the access code), else above the form."""
    form = ReplyForm(request.POST, request.FILES)
    form.is_valid()
    for field, messages_ in error.fields.items():
        for message in messages_:
            form.add_error(field, message)
    return _reply_page(request, ticket, form=form, error=None if error.fields else error.message, status=status)


@sensitive_post_parameters("access_code", "text")
@require_http_methods(["GET", "POST"])
@canonical_ticket("status-reply")
@domain_errors(on_error=_reply_refused)
def status_reply(request, ticket: str):
    """The reporter answers an official's question, proving with the access code who answers."""
    if request.method == "GET":
        if selectors.case_get_public(ticket=ticket) is None:
            return render(request, "complaints/status_not_found.html", {"ticket": ticket}, status=404)
        return _reply_page(request, ticket)
    # A POST (counted by the reply rate limit in UploadGuardMiddleware) always goes through the
    # access-code check, which refuses an unknown ticket and a wrong code alike.
    form = ReplyForm(request.POST, request.FILES)
    if not form.is_valid():
        return _reply_page(request, ticket, form=form, status=400)
    authorized = services.reply_case_authorize(ticket=ticket, access_code=form.cleaned_data["access_code"])
    services.reply_submit(case=authorized, text=form.cleaned_data["text"], evidence=form.cleaned_data["evidence"])
    messages.success(request, _("Terima kasih. Jawaban Anda sudah diterima dan akan diperiksa petugas."))
    return redirect("status-detail", ticket)


def _finding_recorder(view):
    """An official allowed to record findings (verifikator, koordinator); others get 403."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        permissions.require(request.user, permissions.RECORD_FINDING, _("Peran Anda tidak boleh mencatat temuan."))
        return view(request, *args, **kwargs)

    return official_required(domain_errors()(wrapped))


@_finding_recorder
@require_http_methods(["GET", "POST"])
def finding_create(request):
    """An official records a finding of their own monitoring (temuan): a case without a reporter."""
    form, status = FindingForm(official=request.user), 200
    if request.method == "POST":
        form = FindingForm(request.POST, request.FILES, official=request.user)
        if form.is_valid():
            case = services.report_submit(report=form.to_input()).case
            messages.success(request, _("Temuan tercatat dengan tiket %(ticket)s.") % {"ticket": case.ticket})
            return redirect("official-case", case.ticket)
        status = 400
    return render(request, "officials/finding_form.html", {"form": form}, status=status)


@_finding_recorder
@require_http_methods(["GET", "POST"])
def finding_batch(request):
    """A monitoring team uploads its findings at once: all stored, or none with each row's errors."""
    form, status = FindingBatchForm(official=request.user), 200
    if request.method == "POST":
        form = FindingBatchForm(request.POST, request.FILES, official=request.user)
        if form.is_valid():
            cases = services.findings_record(findings=form.to_inputs())
            done = ngettext("%(count)d temuan tercatat.", "%(count)d temuan tercatat.", len(cases))
            messages.success(request, done % {"count": len(cases)})
            return redirect(f"{reverse('official-queue')}?source=temuan")
        status = 400
    return render(request, "officials/finding_batch.html", {"form": form}, status=status)
