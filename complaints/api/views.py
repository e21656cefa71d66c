"""The public API: reports by citizens and reference data for forms and clients."""

import re

from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.decorators import api_view, authentication_classes, permission_classes
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import selectors, services
from ..forms import ReplyForm, ReportForm
from ..throttles import LookupThrottle, ReplyThrottle, SubmitThrottle
from ..tickets import InvalidTicket, normalize_ticket
from ..views import IDENTITY_FIELDS
from ..workflow import WorkflowError
from . import serializers as s
from .errors import body_error_response, error_response, form_error_response
from .schema import form_schema

REGION_CODE_RE = re.compile(r"[0-9]{2}(\.[0-9]{2})?")
ERRORS = {code: OpenApiResponse(s.ErrorSerializer) for code in (400, 404, 413, 429)}


def invalid_ticket_response() -> Response:
    message = _("Nomor tiket tidak valid. Formatnya NTR-XXXX-XXXX.")
    return error_response(
        http_status=status.HTTP_400_BAD_REQUEST, code="invalid_ticket", message=message, fields={"ticket": [message]}
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
        responses={201: s.ReportCreatedSerializer, **ERRORS},
    )
    def post(self, request):
        form = ReportForm(data=request.POST, files=request.FILES)
        if not form.is_valid():
            names = ", ".join(form.errors)
            return form_error_response(
                form, message=_("Laporan belum dapat diterima. Periksa isian: %(fields)s.") % {"fields": names}
            )
        submitted = services.report_submit(report=form.to_input())
        return Response(s.ReportCreatedSerializer(submitted).data, status=status.HTTP_201_CREATED)


class ReportStatusView(PublicAPIView):
    throttle_classes = [LookupThrottle]

    @extend_schema(
        operation_id="reports_status",
        summary="Public status and timeline of a report; no personal data",
        responses={200: s.ReportStatusSerializer, **ERRORS},
    )
    def get(self, request, ticket: str):
        try:
            normalized = normalize_ticket(ticket)
        except InvalidTicket:
            return invalid_ticket_response()
        case = selectors.case_get_public(ticket=normalized)
        if case is None:
            return error_response(
                http_status=status.HTTP_404_NOT_FOUND,
                code="not_found",
                message=_("Tiket %(ticket)s tidak ditemukan. Periksa kembali nomornya.") % {"ticket": normalized},
            )
        timeline = selectors.case_public_timeline(case=case)
        return Response(s.ReportStatusSerializer(case, context={"timeline": timeline}).data)


@method_decorator(sensitive_post_parameters("access_code", "text"), name="dispatch")
class ReportReplyView(PublicAPIView):
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    throttle_classes = [ReplyThrottle]  # every attempt counts: access codes cannot be guessed

    @extend_schema(
        operation_id="reports_reply",
        summary="The reporter answers an official's question with the access code (optional screenshots)",
        request={"multipart/form-data": form_schema(ReplyForm), "application/json": form_schema(ReplyForm)},
        responses={201: s.ReportStatusSerializer, **ERRORS, 403: OpenApiResponse(s.ErrorSerializer)},
    )
    def post(self, request, ticket: str):
        try:
            normalized = normalize_ticket(ticket)
        except InvalidTicket:
            return invalid_ticket_response()
        if refused := body_error_response(request.data, ReplyForm):
            return refused
        form = ReplyForm(data=request.data, files=request.FILES)
        if not form.is_valid():
            return form_error_response(form)
        try:
            case = services.reply_case_authorize(ticket=normalized, access_code=form.cleaned_data["access_code"])
            outcome = services.reply_submit(
                case=case, text=form.cleaned_data["text"], evidence=form.cleaned_data["evidence"]
            )
        except WorkflowError as refused:
            codes = {403: "invalid_access_code", 409: "not_awaiting_reply"}
            return error_response(
                http_status=refused.status_code, code=codes.get(refused.status_code, "invalid"), message=refused.message
            )
        timeline = selectors.case_public_timeline(case=outcome.case)
        return Response(
            s.ReportStatusSerializer(outcome.case, context={"timeline": timeline}).data, status=status.HTTP_201_CREATED
        )


class ElectionListView(generics.ListAPIView):
    authentication_classes = []
    serializer_class = s.ElectionSerializer
    pagination_class = None

    def get_queryset(self):
        return selectors.election_list()


@extend_schema(
    parameters=[OpenApiParameter("parent", description="Kode induk: kosong untuk provinsi, `36` untuk Banten")]
)
class RegionListView(generics.ListAPIView):
    authentication_classes = []
    serializer_class = s.RegionSerializer
    pagination_class = None

    def list(self, request, *args, **kwargs):
        parent = request.query_params.get("parent", "")
        if parent and not REGION_CODE_RE.fullmatch(parent):
            message = _("Kode wilayah induk harus seperti 36 atau 36.73.")
            return error_response(
                http_status=status.HTTP_400_BAD_REQUEST, code="invalid", message=message, fields={"parent": [message]}
            )
        return super().list(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.region_list(parent=self.request.query_params.get("parent"))


class BehaviourListView(generics.ListAPIView):
    authentication_classes = []
    serializer_class = s.BehaviourSerializer
    pagination_class = None

    def get_queryset(self):
        return selectors.behaviour_list()


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
