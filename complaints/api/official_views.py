"""The officials' API: token login, the case queue, case detail, actions, evidence, identity."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions, status
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import selectors, services, workflow
from ..models import Agency, Forwarding
from ..official_views import dossier_response, evidence_response
from ..triage_forms import ACTION_FORMS, AgencyFilterForm, QueueFilterForm
from . import serializers as s
from .errors import body_error_response, error_response, form_error_response

ERRORS = {code: OpenApiResponse(s.ErrorSerializer) for code in (400, 401, 403, 404, 409)}


class IsOfficial(permissions.BasePermission):
    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and request.user.has_perm("complaints.view_case"))


class TokenView(ObtainAuthToken):
    """`POST {username, password}` → `{token}`; send it as `Authorization: Token <token>`."""

    @extend_schema(
        operation_id="auth_token",
        responses={200: {"type": "object", "properties": {"token": {"type": "string"}}}, 400: s.ErrorSerializer},
    )
    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        token, _created = Token.objects.get_or_create(user=serializer.validated_data["user"])
        return Response({"token": token.key})


class CasePagination(PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100


class OfficialAPIView(APIView):
    permission_classes = [IsOfficial]

    def case_or_404(self, ticket: str):
        case = selectors.case_get_for_official(ticket=ticket)
        if case is None:
            return None, error_response(
                http_status=status.HTTP_404_NOT_FOUND, code="not_found", message=_("Kasus tidak ditemukan.")
            )
        return case, None

    def detail(self, request, case, *, http_status=status.HTTP_200_OK) -> Response:
        fresh = selectors.case_get_for_official(ticket=case.ticket)
        return Response(s.CaseDetailSerializer(fresh, context={"request": request}).data, status=http_status)


FILTER_PARAMETERS = [
    OpenApiParameter(name, description=description)
    for name, description in (
        ("status", "received, in_review, needs_info, verified, rejected, classified, forwarded, closed"),
        ("category", "kode_etik, disiplin, etik_dan_disiplin, bukan_pelanggaran"),
        ("region", "province (36) or kabupaten/kota (36.73) code"),
        ("platform", "instagram, facebook, x, tiktok, youtube, whatsapp, other"),
        ("election", "election slug, e.g. pilkada-2024"),
        ("overdue", "true: only cases past their deadline"),
        ("mine", "true: only cases I handle"),
        ("q", "ticket, civil servant's name, agency or description"),
        ("page", "page number"),
    )
]


class CaseListView(OfficialAPIView):
    @extend_schema(
        operation_id="cases_list",
        parameters=FILTER_PARAMETERS,
        responses={200: s.CaseListSerializer(many=True), **ERRORS},
    )
    def get(self, request):
        form = QueueFilterForm(request.query_params)
        if not form.is_valid():
            return form_error_response(form)
        cases = selectors.case_list_for_user(user=request.user, filters=form.to_filters())
        paginator = CasePagination()
        page = paginator.paginate_queryset(cases, request, view=self)
        return paginator.get_paginated_response(s.CaseListSerializer(page, many=True).data)


class CaseDetailView(OfficialAPIView):
    @extend_schema(operation_id="cases_retrieve", responses={200: s.CaseDetailSerializer, **ERRORS})
    def get(self, request, ticket: str):
        case, missing = self.case_or_404(ticket)
        return missing or self.detail(request, case)


class CaseActionView(OfficialAPIView):
    @extend_schema(
        operation_id="cases_action",
        summary="Take a workflow action: claim, request_info, resume, verify, reject, classify, close",
        request={"application/json": {"type": "object", "additionalProperties": True}},
        responses={200: s.CaseDetailSerializer, **ERRORS},
    )
    def post(self, request, ticket: str, action: str):
        case, missing = self.case_or_404(ticket)
        if missing:
            return missing
        if action not in ACTION_FORMS:
            return error_response(
                http_status=status.HTTP_404_NOT_FOUND,
                code="unknown_action",
                message=_("Tindakan tidak dikenal: %(action)s") % {"action": action},
            )
        if refused := body_error_response(request.data, ACTION_FORMS[action]):
            return refused
        form = ACTION_FORMS[action](data=request.data)
        if not form.is_valid():
            return form_error_response(form)
        try:
            workflow.PERFORM[action](case=case, by=request.user, **form.workflow_kwargs())
        except workflow.WorkflowError as refused:
            return workflow_error_response(refused)
        return self.detail(request, case)


def workflow_error_response(refused: workflow.WorkflowError) -> Response:
    codes = {400: "invalid", 403: "forbidden", 409: "conflict"}
    return error_response(
        http_status=refused.status_code,
        code=codes.get(refused.status_code, "error"),
        message=refused.message,
        fields=refused.fields,
    )


class CaseReporterView(OfficialAPIView):
    @extend_schema(
        operation_id="cases_reporter",
        summary="The reporter's identity; every call is recorded in the case's internal timeline",
        responses={200: s.ReporterIdentitySerializer, **ERRORS},
    )
    def get(self, request, ticket: str):
        case, missing = self.case_or_404(ticket)
        if missing:
            return missing
        try:
            reporter = services.reporter_identity_view(case=case, by=request.user)
        except workflow.NotAllowed as refused:
            return workflow_error_response(refused)
        if reporter is None:
            return error_response(
                http_status=status.HTTP_404_NOT_FOUND,
                code="anonymous",
                message=_("Laporan anonim: identitas pelapor tidak disimpan."),
            )
        return Response(s.ReporterIdentitySerializer(reporter).data)


class CaseEvidenceView(OfficialAPIView):
    @extend_schema(
        operation_id="cases_evidence",
        summary="An evidence file: original (sealed upload), sanitized or thumbnail",
        responses={(200, "image/*"): OpenApiResponse(description="the image"), **ERRORS},
    )
    def get(self, request, ticket: str, evidence_id: int, variant: str):
        evidence = selectors.evidence_get(ticket=ticket, evidence_id=evidence_id)
        if evidence is None or variant not in ("original", "sanitized", "thumbnail"):
            return error_response(
                http_status=status.HTTP_404_NOT_FOUND, code="not_found", message=_("Bukti tidak ditemukan.")
            )
        try:
            return evidence_response(evidence, variant, by=request.user)
        except workflow.NotAllowed as refused:
            return workflow_error_response(refused)
        except LookupError:
            return error_response(
                http_status=status.HTTP_404_NOT_FOUND,
                code="not_processed",
                message=_("Salinan ini belum tersedia: bukti belum diproses."),
            )


class AgencyListView(OfficialAPIView):
    @extend_schema(
        operation_id="agencies_list",
        parameters=[
            OpenApiParameter("kind", description="bawaslu, bkn, kasn, bkd, ppk, inspektorat, other"),
            OpenApiParameter("region", description="region code; `national` for national agencies"),
        ],
        responses={200: s.AgencySerializer(many=True), **ERRORS},
    )
    def get(self, request):
        form = AgencyFilterForm(request.query_params)
        if not form.is_valid():
            return form_error_response(form)
        agencies = Agency.objects.all()
        if kind := form.cleaned_data["kind"]:
            agencies = agencies.filter(kind=kind)
        if region := form.cleaned_data["region"]:
            agencies = (
                agencies.filter(region__isnull=True) if region == "national" else agencies.filter(region_id=region)
            )
        paginator = CasePagination()
        page = paginator.paginate_queryset(agencies.order_by("kind", "region_id", "name"), request, view=self)
        return paginator.get_paginated_response(s.AgencySerializer(page, many=True).data)


class CaseDossierView(OfficialAPIView):
    @extend_schema(
        operation_id="cases_dossier",
        summary="The PDF dossier sent to one agency",
        responses={(200, "application/pdf"): OpenApiResponse(description="the dossier"), **ERRORS},
    )
    def get(self, request, ticket: str, agency_id: int):
        forwarding = Forwarding.objects.select_related("case").filter(case__ticket=ticket, agency_id=agency_id).first()
        if forwarding is None or not forwarding.dossier:
            return error_response(
                http_status=status.HTTP_404_NOT_FOUND, code="not_found", message=_("Berkas belum tersedia.")
            )
        try:
            return dossier_response(forwarding, by=request.user)
        except workflow.NotAllowed as refused:
            return workflow_error_response(refused)
