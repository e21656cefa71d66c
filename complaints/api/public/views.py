"""The public API: reports by citizens, their status and answers, and reference data."""

import re

from django.http import HttpResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.decorators import api_view, authentication_classes, permission_classes
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from ...errors import Invalid, NotFound
from ...intake import pow, selectors, services, status_pages
from ...intake.forms import IDENTITY_FIELDS, ReplyForm, ReportForm
from ...intake.throttles import LookupThrottle, ReplyThrottle, SubmitThrottle
from ...oversight import public as public_stats
from ...reference import selectors as reference
from ...responses import client_address
from ...tickets import ticket_or_invalid
from ..errors import body_error_response, error_response, form_error_response
from ..schema import errors, form_schema
from . import serializers as s

REGION_CODE_RE = re.compile(r"[0-9]{2}(\.[0-9]{2})?")
TICKET_PARAMETER = OpenApiParameter(
    "ticket", location="path", description="NTR-XXXX-XXXX; any letter case, dashes optional (else 400)"
)


class PublicAPIView(APIView):
    """Anonymous citizens' endpoints: no session, so no CSRF token is needed."""

    authentication_classes = []


@method_decorator(sensitive_post_parameters(*IDENTITY_FIELDS), name="dispatch")
class ReportCreateView(PublicAPIView):
    parser_classes = [MultiPartParser, FormParser]
    throttle_classes = [SubmitThrottle]

    @extend_schema(
        operation_id="reports_create",
        summary="Submit a report with 1 to 5 screenshots (multipart)",
        request={"multipart/form-data": form_schema(ReportForm)},
        responses={201: s.ReportCreatedSerializer, **errors(400, 413, 415, 429)},
        description="`altcha`: a solved challenge of `GET /api/v1/challenge/`, where proof of work is due (POW).",
    )
    def post(self, request):
        if pow.required(client_address(request)):
            pow.check(request.POST.get("altcha", ""))
        form = ReportForm(data=request.POST, files=request.FILES)
        if not form.is_valid():
            names = ", ".join(form.errors)
            return form_error_response(
                form, message=_("Laporan belum dapat diterima. Periksa isian: %(fields)s.") % {"fields": names}
            )
        submitted = services.report_submit(report=form.to_input())
        return Response(s.ReportCreatedSerializer(submitted).data, status=status.HTTP_201_CREATED)


def _status(case, *, http_status=status.HTTP_200_OK) -> Response:
    return Response(status_pages.status_data(selectors.case_public_status(case=case)), status=http_status)


class ChallengeView(PublicAPIView):
    """A proof-of-work challenge (ALTCHA-compatible) for a report's `altcha` field."""

    throttle_classes = [LookupThrottle]

    @extend_schema(operation_id="challenge", responses={200: s.ChallengeSerializer, **errors(400, 429)})
    def get(self, request):
        return Response(pow.challenge(), headers={"Cache-Control": "no-store"})


class ReportStatusView(PublicAPIView):
    throttle_classes = [LookupThrottle]

    @extend_schema(
        operation_id="reports_status",
        summary="Public status and timeline of a report; no personal data",
        parameters=[TICKET_PARAMETER],
        responses={200: s.ReportStatusSerializer, **errors(400, 404, 429)},
    )
    def get(self, request, ticket: str):
        normalized = ticket_or_invalid(ticket)
        data = status_pages.kept(ticket=normalized, kind="api")
        if data is None:
            message = _("Tiket %(ticket)s tidak ditemukan. Periksa kembali nomornya.") % {"ticket": normalized}
            raise NotFound(message)
        return HttpResponse(data, content_type="application/json")  # kept as the JSON renderer writes it


@method_decorator(sensitive_post_parameters("access_code", "text"), name="dispatch")
class ReportReplyView(PublicAPIView):
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    throttle_classes = [ReplyThrottle]  # every attempt counts: access codes cannot be guessed

    @extend_schema(
        operation_id="reports_reply",
        summary="The reporter answers an official's question with the access code (optional screenshots)",
        parameters=[TICKET_PARAMETER],
        request={"multipart/form-data": form_schema(ReplyForm), "application/json": form_schema(ReplyForm)},
        responses={201: s.ReportStatusSerializer, **errors(400, 403, 409, 413, 415, 429)},
    )
    def post(self, request, ticket: str):
        normalized = ticket_or_invalid(ticket)
        if refused := body_error_response(request.data, ReplyForm):
            return refused
        form = ReplyForm(data=request.data, files=request.FILES)
        if not form.is_valid():
            return form_error_response(form)
        case = services.reply_case_authorize(ticket=normalized, access_code=form.cleaned_data["access_code"])
        outcome = services.reply_submit(
            case=case, text=form.cleaned_data["text"], evidence=form.cleaned_data["evidence"]
        )
        return _status(outcome.case, http_status=status.HTTP_201_CREATED)


class PublicStatsView(PublicAPIView):
    throttle_classes = [LookupThrottle]

    @extend_schema(
        operation_id="public_stats",
        summary="Transparency statistics: counts only, small ones suppressed (null)",
        responses={200: s.PublicStatsSerializer, **errors(400, 429)},
    )
    def get(self, request):
        return Response(s.PublicStatsSerializer(public_stats.figures()).data)


class ReferenceListView(generics.ListAPIView):
    """Reference data for forms and clients: anyone, unpaginated."""

    authentication_classes = []
    pagination_class = None


@extend_schema(responses={200: s.ElectionSerializer(many=True), **errors(400)})
class ElectionListView(ReferenceListView):
    serializer_class = s.ElectionSerializer

    def get_queryset(self):
        return reference.election_list()


@extend_schema(
    parameters=[
        OpenApiParameter(
            "parent",
            description="Kode induk: kosong untuk provinsi, `36` untuk Banten",
            pattern=r"^[0-9]{2}(\.[0-9]{2})?$",
        )
    ],
    responses={200: s.RegionSerializer(many=True), **errors(400)},
)
class RegionListView(ReferenceListView):
    serializer_class = s.RegionSerializer

    def list(self, request, *args, **kwargs):
        parent = request.query_params.get("parent", "")
        if parent and not REGION_CODE_RE.fullmatch(parent):
            raise Invalid.on_field("parent", _("Kode wilayah induk harus seperti 36 atau 36.73."))
        return super().list(request, *args, **kwargs)

    def get_queryset(self):
        return reference.region_list(parent=self.request.query_params.get("parent"))


@extend_schema(responses={200: s.BehaviourSerializer(many=True), **errors(400)})
class BehaviourListView(ReferenceListView):
    serializer_class = s.BehaviourSerializer

    def get_queryset(self):
        return reference.behaviour_list()


@extend_schema(exclude=True)
@api_view(["GET", "POST", "PUT", "PATCH", "DELETE"])
@authentication_classes([])
@permission_classes([AllowAny])
def not_found(request, path: str = ""):
    """Answer unknown API paths in the API's error shape rather than with an HTML page."""
    return error_response(
        http_status=status.HTTP_404_NOT_FOUND,
        code="not_found",
        message=_("Alamat API tidak dikenal: %(path)s") % {"path": request.path},
    )
