"""Responses shared by the HTML views and the API: private files, the 429 page, domain errors,
pages filled into a frame rendered once.

Edges (views, API views) import from here, never from each other.
"""

import functools
import math
import re

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.middleware.csrf import get_token
from django.middleware.gzip import GZipMiddleware
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from rest_framework.throttling import BaseThrottle

from . import permissions
from .errors import Conflict, DomainError, Invalid, NotAllowed, NotFound
from .evidence import services as evidence_services
from .forwarding import services as forwarding_services
from .models import AccessLog, Evidence, Forwarding
from .oversight import export

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# The one mapping of domain errors to HTTP status codes, used by the API and the HTML views.
HTTP_STATUS = {Invalid: 400, NotAllowed: 403, NotFound: 404, Conflict: 409}


def http_status(error: DomainError) -> int:
    return next((code for kind, code in HTTP_STATUS.items() if isinstance(error, kind)), 400)


def client_address(request) -> str:
    """Return the client's address (from X-Forwarded-For only behind NUM_PROXIES trusted proxies):
    the rate limits, the login lockout and the access log all see the same one."""
    return BaseThrottle().get_ident(request)


def record_access(request, *, kind: str, case=None, detail: str = "") -> None:
    """Record in the access log that the official of `request` looked at something (never the
    reporter's identity itself: the log names what was looked at)."""
    AccessLog.objects.create(
        official=request.user, kind=kind, case=case, detail=detail[:300], address=client_address(request) or None
    )


def official_required(view):
    """Log in first; then the official needs a role that sees cases (else 403). A superuser
    without a role is no official: superuser status is never the way to cases."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not permissions.has(request.user, permissions.VIEW_CASE):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return login_required(wrapped)


def error_page(request, error: DomainError, status: int, *args, **kwargs):
    """Answer a domain error with the standard page: 403, 404, or a page that says what went wrong."""
    if isinstance(error, NotAllowed):
        raise PermissionDenied(error.message) from None  # the same refusal, not a second error in the log
    if isinstance(error, NotFound):
        raise Http404(error.message) from None
    return render(request, "problem.html", {"message": error.message}, status=status)


def domain_errors(on_error=error_page):
    """Decorate an HTML view so that a DomainError it raises becomes a page with its status.

    `on_error(request, error, status, *view_args, **view_kwargs)` answers; a view passes its own
    to show its page again with the message (a form kept as typed), else `error_page` answers.
    """

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            try:
                return view(request, *args, **kwargs)
            except DomainError as error:
                return on_error(request, error, http_status(error), *args, **kwargs)

        return wrapped

    return decorate


def private_file(handle, *, content_type: str, filename: str, attachment: bool = False) -> FileResponse:
    """Return a file from private storage: never cached, never sniffed as another type."""
    response = FileResponse(handle, content_type=content_type, as_attachment=attachment, filename=filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def evidence_file(request, evidence: Evidence, variant: str) -> FileResponse:
    """Return a screenshot's file of `variant` for the official (see evidence_file_open for who may)."""
    handle, content_type = evidence_services.evidence_file_open(evidence=evidence, variant=variant, by=request.user)
    record_access(request, kind=AccessLog.Kind.EVIDENCE, case=evidence.case, detail=f"#{evidence.position} {variant}")
    extension = Evidence.EXTENSIONS[content_type]
    name = f"{evidence.case.ticket}-{evidence.position}-{variant}.{extension}"
    return private_file(handle, content_type=content_type, filename=name)


def dossier_file(request, forwarding: Forwarding) -> FileResponse:
    """Return the dossier sent to an agency, for those who coordinate forwarding."""
    handle = forwarding_services.dossier_open(forwarding=forwarding, by=request.user)
    record_access(request, kind=AccessLog.Kind.DOSSIER, case=forwarding.case, detail=forwarding.agency.name)
    name = f"{forwarding.case.ticket}-{forwarding.agency_id}.pdf"
    return private_file(handle, content_type="application/pdf", filename=name)


def decision_letter_file(request, forwarding: Forwarding) -> FileResponse:
    """Return the agency's decision letter as a download (never rendered inline)."""
    handle = forwarding_services.decision_letter_open(forwarding=forwarding, by=request.user)
    record_access(request, kind=AccessLog.Kind.LETTER, case=forwarding.case, detail=forwarding.agency.name)
    name = f"{forwarding.case.ticket}-keputusan-{forwarding.agency_id}.pdf"
    return private_file(handle, content_type="application/pdf", filename=name, attachment=True)


def export_response(request, *, cases, kind: str):
    """Return the cases as a CSV streamed row by row, or as an XLSX file; record the export and
    its filters in the access log."""
    if kind == "xlsx" and cases.count() > export.MAX_XLSX_ROWS:
        raise Invalid.on_field(
            "file",
            _("XLSX paling banyak %(rows)s baris; pilih CSV, atau persempit saringan.")
            % {"rows": f"{export.MAX_XLSX_ROWS:,}".replace(",", ".")},
        )
    record_access(request, kind=AccessLog.Kind.EXPORT, detail=request.GET.urlencode() or "semua")
    name = f"kasus-{timezone.localdate().isoformat()}"
    if kind == "xlsx":
        return private_file(export.xlsx_file(cases), content_type=XLSX, filename=f"{name}.xlsx", attachment=True)
    response = StreamingHttpResponse(export.csv_lines(cases), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response


def throttled_page(request, wait: float):
    """Return the 429 page with a Retry-After hint."""
    response = render(request, "429.html", {"minutes": math.ceil(wait / 60)}, status=429)
    response["Retry-After"] = str(math.ceil(wait))
    return response


def lockout_response(request, response=None, credentials=None):
    """Answer a login locked out after repeated failures: 429, in the API's shape or as a page."""
    minutes = settings.LOGIN_LOCKOUT_MINUTES
    message = _("Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam %(minutes)d menit.") % {"minutes": minutes}
    if request.path_info.startswith("/api/"):
        body = {"error": {"code": "locked_out", "message": message, "fields": {}}}
        locked = JsonResponse(body, status=429)
    else:
        locked = render(request, "officials/locked_out.html", {"message": message}, status=429)
    locked["Retry-After"] = str(minutes * 60)
    return locked


class PermissionsPolicyMiddleware:
    """Add the Permissions-Policy header (PERMISSIONS_POLICY) to every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class TextGZipMiddleware(GZipMiddleware):
    """Compress pages, JSON and CSV only (issue 15): evidence, dossiers and exports' files are
    already compressed formats, and a compressed copy would lose their length and ranges."""

    COMPRESSED = ("text/", "application/json", "application/problem+json", "image/svg+xml")

    def process_response(self, request, response):
        if not response.get("Content-Type", "").startswith(self.COMPRESSED):
            return response
        return super().process_response(request, response)


def back(request):
    """Return to the page the form was on, or the queue."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect("official-queue")


def say_result(request, result, *, done_message, values: dict | None = None) -> None:
    """Put what a change on many cases did in the page's messages, each refusal with its reason.

    `done_message` takes `count` (an `ngettext_lazy(..., "count")` picks its plural form) and `values`.
    """
    if result.done:
        messages.success(request, done_message % {"count": len(result.done), **(values or {})})
    if result.refused:
        shown = [f"{ticket}: {reason}" for ticket, reason in list(result.refused.items())[:20]]
        more = len(result.refused) - len(shown)
        text = _("Tidak diproses (%(count)d): %(list)s") % {"count": len(result.refused), "list": "; ".join(shown)}
        if more:
            text += " " + _("dan %(count)d lainnya.") % {"count": more}
        messages.error(request, text)
    if not result.done and not result.refused:
        messages.info(request, _("Tidak ada kasus yang perlu diproses."))


# A frame's holes: words no template writes, and no escaping changes.
_HOLES = {"csrf_token": "FRAMEHOLECSRF", "path": "FRAMEHOLEPATH", "ticket": "FRAMEHOLETICKET", "body": "FRAMEHOLEBODY"}
_HOLE = re.compile("|".join(_HOLES.values()))


class _FrameRequest:
    """What the base template reads of the request, as holes."""

    @staticmethod
    def get_full_path() -> str:
        return _HOLES["path"]


def _frame_render(template_name: str, language: str) -> str:
    context = {"csrf_token": _HOLES["csrf_token"], "request": _FrameRequest, "messages": ()}
    return render_to_string(template_name, {**context, "ticket": _HOLES["ticket"], "body": _HOLES["body"]})


_frame_kept = functools.lru_cache(maxsize=16)(_frame_render)


def framed_page(request, template_name: str, *, ticket: str, body: str):
    """Answer `template_name` (which shows `ticket` and the HTML `body`) from its frame: the base
    template rendered once per language, its holes filled at each request (the CSRF token, the
    path, the ticket, the body). A page built for everyone, like a case's public status, is then
    one string join; with a message to show, the template is rendered as usual."""
    if len(messages.get_messages(request)):
        return render(request, template_name, {"ticket": ticket, "body": body})
    frame = (_frame_render if settings.DEBUG else _frame_kept)(template_name, get_language())
    filling = {
        _HOLES["csrf_token"]: get_token(request),
        _HOLES["path"]: escape(request.get_full_path()),
        _HOLES["ticket"]: ticket,
        _HOLES["body"]: body,
    }
    return HttpResponse(_HOLE.sub(lambda hole: filling[hole.group()], frame))
