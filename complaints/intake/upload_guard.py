"""Refuse an oversize or throttled upload before anything reads its body."""

import re

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from ..responses import throttled_page
from .throttles import ReplyThrottle, SubmitThrottle, UploadThrottle

REPLY_PATH = re.compile(r"^/status/[^/]+/balas/$")


class UploadGuardMiddleware:
    """Refuse an oversize body, and a throttled report or upload, before anything reads it.

    It sits before CsrfViewMiddleware, which would otherwise parse the whole multipart body
    (writing files to disk) before the view could say no. Reports and replies on the web are
    counted here; the API's are counted by their DRF throttles, which run before DRF parses.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST":
            if _declared_length(request) > settings.MAX_REPORT_REQUEST_BYTES:
                return self._too_large(request)
            throttle = self._throttle_for(request.path_info)
            if throttle and (wait := throttle.check(request)):
                return throttled_page(request, wait)
        return self.get_response(request)

    @staticmethod
    def _throttle_for(path: str):
        if path == reverse("report-create"):
            return SubmitThrottle()
        if path in (reverse("upload-create"), reverse("report-check")):
            return UploadThrottle()  # each opens uploads kept until the report comes
        if REPLY_PATH.match(path):
            return ReplyThrottle()  # every attempt counts, so access codes cannot be guessed
        return None

    def _too_large(self, request):
        if request.path_info.startswith("/api/"):
            message = _("Permintaan melebihi batas %(limit)d byte.") % {"limit": settings.MAX_REPORT_REQUEST_BYTES}
            body = {"error": {"code": "request_too_large", "message": message, "fields": {}}}
            return JsonResponse(body, status=413)
        context = {"max_files": settings.MAX_EVIDENCE_FILES, "max_bytes": settings.MAX_EVIDENCE_BYTES}
        return render(request, "413.html", context, status=413)


def _declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0
