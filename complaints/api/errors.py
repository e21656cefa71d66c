"""One error shape for the whole API (DESIGN §6):
`{"error": {"code": "...", "message": "...", "fields": {...}}}`.
"""

import math
from collections.abc import Mapping

from django import forms
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import Http404, JsonResponse, QueryDict
from django.utils.translation import gettext as _
from django.views.defaults import server_error as django_server_error
from rest_framework import exceptions, status
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.response import Response

from ..errors import DomainError
from ..responses import http_status as status_of


def error_response(*, http_status: int, code: str, message: str, fields: dict | None = None) -> Response:
    return Response({"error": {"code": code, "message": message, "fields": fields or {}}}, status=http_status)


def body_error_response(data, form_class) -> Response | None:
    """Return a 400 unless the body is an object whose text fields hold text, else None.

    Django's forms read any JSON value as text (a list would become "['a', 'b']" and be shown
    to the reporter as written), so the API checks the shape before the form sees it.
    """
    if not isinstance(data, Mapping):
        return error_response(
            http_status=status.HTTP_400_BAD_REQUEST,
            code="invalid",
            message=_('Badan permintaan harus berupa objek JSON, misalnya {"note": "..."}.'),
        )
    if isinstance(data, QueryDict):
        return None  # form-encoded: every value is text already
    fields = {
        name: [_("Harus berupa teks.")]
        for name, field in form_class.base_fields.items()
        if not isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField | forms.FileField)
        and isinstance(data.get(name), list | dict)
    }
    if fields:
        return error_response(
            http_status=status.HTTP_400_BAD_REQUEST,
            code="invalid",
            message=_("Periksa isian: %(fields)s.") % {"fields": ", ".join(fields)},
            fields=fields,
        )
    return None


def form_error_response(form, *, message: str | None = None) -> Response:
    """Return a 400 naming each invalid field, or 413 when a file is over the size limit."""
    errors = form.errors.as_data()
    fields = {
        ("non_field_errors" if name == "__all__" else name): [message for error in field_errors for message in error]
        for name, field_errors in errors.items()
    }
    too_large = any(error.code == "file_too_large" for error in _leaves(errors.get("evidence", [])))
    names = ", ".join(fields)
    return error_response(
        http_status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE if too_large else status.HTTP_400_BAD_REQUEST,
        code="file_too_large" if too_large else "invalid",
        message=message or _("Periksa isian: %(fields)s.") % {"fields": names},
        fields=fields,
    )


def _leaves(errors):
    for error in errors:
        if hasattr(error, "error_list") and error.error_list != [error]:
            yield from _leaves(error.error_list)
        else:
            yield error


class UnsupportedFormat(exceptions.APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "unsupported_format"


class FormatNegotiation(DefaultContentNegotiation):
    """An unknown `?format=` is a 400 naming the field and the formats served, not Django's 404."""

    def select_renderer(self, request, renderers, format_suffix=None):
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except Http404:
            formats = ", ".join(sorted({renderer.format for renderer in renderers}))
            message = _("Format tidak didukung. Format yang tersedia: %(formats)s.") % {"formats": formats}
            raise UnsupportedFormat(message) from None


# DRF's codes for the errors it raises itself, by status, where its own code says nothing to a client.
CODES = {400: "invalid", 401: "not_authenticated", 403: "forbidden", 404: "not_found", 405: "method_not_allowed"}


def exception_handler(exc, context):
    """Answer domain errors and DRF's in the portal's shape; leave unexpected errors to Django (500)."""
    if isinstance(exc, DomainError):
        return error_response(http_status=status_of(exc), code=exc.code, message=exc.message, fields=exc.fields)
    if isinstance(exc, RequestDataTooBig | TooManyFilesSent | TooManyFieldsSent):
        return error_response(
            http_status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
            code="request_too_large",
            message=_(
                "Permintaan terlalu besar: ada isian yang terlalu panjang, atau terlalu banyak isian atau berkas."
            ),
        )
    # Imported here: DRF's views module reads this module (FormatNegotiation, by the settings) as it loads.
    from rest_framework.views import exception_handler as drf_exception_handler

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    fields = {}
    if isinstance(exc, exceptions.ValidationError):
        code, message = "invalid", _("Permintaan tidak valid.")
        fields = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
    elif isinstance(exc, exceptions.Throttled):
        wait = math.ceil(exc.wait or 1)
        code = "throttled"
        message = _("Terlalu banyak permintaan dari alamat Anda. Coba lagi dalam %(seconds)d detik.") % {
            "seconds": wait
        }
    elif isinstance(exc, UnsupportedFormat):
        code, message = exc.default_code, str(exc.detail)
        fields = {"format": [message]}
    elif isinstance(exc, exceptions.APIException) and isinstance(exc.get_codes(), str):
        code, message = exc.get_codes(), str(exc.detail)
    else:  # Django's Http404 and PermissionDenied, which DRF answers for us
        code = CODES.get(response.status_code, "error")
        message = str(response.data.get("detail", "")) if isinstance(response.data, dict) else ""
    response.data = {"error": {"code": code, "message": message, "fields": fields}}
    return response


def server_error(request, *args, **kwargs):
    """Django's 500 handler: the API answers in its error shape, the pages with 500.html."""
    if request.path_info.startswith("/api/"):
        message = _("Terjadi gangguan pada server. Permintaan tidak tersimpan; coba lagi nanti.")
        return JsonResponse({"error": {"code": "server_error", "message": message, "fields": {}}}, status=500)
    return django_server_error(request, *args, **kwargs)
