"""The officials' API: token login, the queue, the case detail, actions, evidence, identity, agencies."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions, status
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.response import Response
from rest_framework.views import APIView

from ... import permissions as rules
from ...accounts import second_factor
from ...errors import Invalid, NotFound
from ...evidence.selectors import evidence_get
from ...forwarding.forms import AgencyFilterForm
from ...forwarding.selectors import agency_list, forwarding_get
from ...intake.findings import FindingForm
from ...intake.services import report_submit
from ...models import AccessLog, Agency, Case, Category, Platform, RejectionReason
from ...responses import dossier_file, evidence_file, record_access
from ...tickets import ticket_or_invalid
from ...triage import selectors, services, workflow
from ...triage.actions import ACTIONS
from ...triage.filters import Due, QueueFilterForm, Step
from ..authentication import expires_at
from ..errors import body_error_response, form_error_response
from ..schema import errors, form_schema, page_of
from . import serializers as s
from .pagination import Pagination, cases_page


class IsOfficial(permissions.BasePermission):
    """An official's role, and, in a browser session, the second factor where it is due (a token
    was only given after it)."""

    def has_permission(self, request, view):
        if not rules.has(request.user, rules.VIEW_CASE):
            return False
        return request.auth is not None or second_factor.missing_step(request.user) is None


class TokenView(ObtainAuthToken):
    """`POST {username, password, otp}` → `{token, expires_at}`; send it as `Authorization: Token <token>`.

    `otp` is the authenticator's current code (or a recovery code) for an official who enrolled
    one, and for everyone where STAFF_2FA is required. Failures count towards the lockout.
    """

    def get_serializer_context(self):
        # Authenticate with Django's own request, where the lockout (django-axes) marks a locked-out
        # login for its middleware to answer with 429.
        return {**super().get_serializer_context(), "request": self.request._request}

    @extend_schema(
        operation_id="auth_token",
        request={
            "application/json": {
                "type": "object",
                "properties": {
                    "username": {"type": "string"},
                    "password": {"type": "string"},
                    "otp": {"type": "string"},
                },
                "required": ["username", "password"],
            }
        },
        responses={200: s.TokenSerializer, **errors(400, 429)},
    )
    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        self._second_factor_check(request, user)
        Token.objects.filter(
            user=user, created__lte=timezone.now() - timedelta(hours=settings.TOKEN_TTL_HOURS)
        ).delete()
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key, "expires_at": timezone.localtime(expires_at(token))})

    @staticmethod
    def _second_factor_check(request, user) -> None:
        if not (second_factor.enrolled(user) or second_factor.required()):
            return
        if not second_factor.enrolled(user):
            raise Invalid.on_field("otp", _("Daftarkan aplikasi autentikator dulu di halaman petugas."))
        code = str(request.data.get("otp") or "").strip()
        if not code:
            raise Invalid.on_field("otp", _("Isi kode verifikasi dari aplikasi autentikator (otp)."))
        if second_factor.device_matching(user, code) is None:
            credentials = {"username": user.get_username()}
            user_login_failed.send(__name__, credentials=credentials, request=request._request)
            raise Invalid.on_field("otp", _("Kode verifikasi salah atau sudah dipakai."))


class OfficialAPIView(APIView):
    permission_classes = [IsOfficial]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # who asks first: a stranger learns nothing here
        if "ticket" in kwargs:
            ticket_or_invalid(kwargs["ticket"])  # a mistyped ticket is 400, before any query

    def detail(self, request, ticket: str, *, http_status: int = status.HTTP_200_OK, looked: bool = False) -> Response:
        """Answer with the case detail; `looked`: a read of the case, recorded in the access log."""
        detail = selectors.case_detail(ticket=ticket, user=request.user)
        if looked:
            record_access(request, kind=AccessLog.Kind.CASE, case=detail.case)
        return Response(s.CaseDetailSerializer(detail.case, context={"detail": detail}).data, status=http_status)

    def page(self, request, rows, serializer_class) -> Response:
        paginator = Pagination()
        page = paginator.paginate_queryset(rows, request, view=self)
        return paginator.get_paginated_response(serializer_class(page, many=True).data)


REGION_PATTERN = r"^[0-9]{2}(\.[0-9]{2})?$"
PAGE_PARAMETERS = [
    OpenApiParameter("page", int, description="page number (by offset; the cases list's `next` uses `cursor`)"),
    OpenApiParameter("page_size", int, description="rows a page, at most 100"),
]
FILTER_PARAMETERS = [
    OpenApiParameter("status", enum=Case.Status.values),
    OpenApiParameter("category", enum=Category.values),
    OpenApiParameter("region", description="province (36) or kabupaten/kota (36.73) code", pattern=REGION_PATTERN),
    OpenApiParameter("platform", enum=Platform.values),
    OpenApiParameter("election", description="election slug, e.g. pilkada-2024"),
    OpenApiParameter("overdue", bool, description="true: only cases past their deadline"),
    OpenApiParameter("mine", bool, description="true: only cases I handle"),
    OpenApiParameter("source", enum=Case.Source.values, description="laporan: citizens' reports; temuan: findings"),
    OpenApiParameter(
        "q", description="a ticket, a NIP or its start, or words of the name, agency, description or screenshots"
    ),
    OpenApiParameter("behaviour", description="the classified behaviour's code, e.g. MEDSOS_KAMPANYE"),
    OpenApiParameter("reason", enum=RejectionReason.values, description="a rejected case's reason"),
    OpenApiParameter("agency", int, description="forwarded to this agency (its id)"),
    OpenApiParameter("step", enum=Step.values, description="the deadline's step: the statuses it covers"),
    OpenApiParameter("due", enum=Due.values, description="open cases due today, within 7 days, or overdue"),
    OpenApiParameter("from", str, description="submitted on or after (YYYY-MM-DD)"),
    OpenApiParameter("to", str, description="submitted on or before (YYYY-MM-DD)"),
    OpenApiParameter("incident", int, description="the cases of one incident (`GET /api/v1/incidents/`)"),
    OpenApiParameter("cursor", str, description="the page after a position: take it from the `next` link"),
    *PAGE_PARAMETERS,
]


class CaseListView(OfficialAPIView):
    @extend_schema(
        operation_id="cases_list",
        parameters=FILTER_PARAMETERS,
        responses={200: page_of(s.CaseListSerializer), **errors(400, 401, 403, 404)},
    )
    def get(self, request):
        form = QueueFilterForm(request.query_params)
        if not form.is_valid():
            return form_error_response(form)
        return cases_page(request, filters=form.to_filters(), serializer_class=s.CaseListSerializer)

    @extend_schema(
        operation_id="cases_create_finding",
        summary="Record an official's own finding (temuan): the report's fields without the reporter's",
        request={"multipart/form-data": form_schema(FindingForm)},
        responses={201: s.CaseDetailSerializer, **errors(400, 401, 403, 413, 415)},
    )
    def post(self, request):
        rules.require(request.user, rules.RECORD_FINDING, _("Peran Anda tidak boleh mencatat temuan."))
        form = FindingForm(data=request.POST, files=request.FILES, official=request.user)
        if not form.is_valid():
            return form_error_response(form)
        case = report_submit(report=form.to_input()).case
        return self.detail(request, case.ticket, http_status=status.HTTP_201_CREATED)


class CaseDetailView(OfficialAPIView):
    @extend_schema(operation_id="cases_retrieve", responses={200: s.CaseDetailSerializer, **errors(400, 401, 403, 404)})
    def get(self, request, ticket: str):
        return self.detail(request, ticket, looked=True)


class CaseActionView(OfficialAPIView):
    @extend_schema(
        operation_id="cases_action",
        summary="Take a workflow action: " + ", ".join(ACTIONS),
        parameters=[OpenApiParameter("action", location="path", enum=list(ACTIONS))],
        request={"application/json": {"type": "object", "additionalProperties": True}},
        responses={200: s.CaseDetailSerializer, **errors(400, 401, 403, 404, 409)},
    )
    def post(self, request, ticket: str, action: str):
        case = selectors.case_get_for_official(ticket=ticket, user=request.user)
        if action not in ACTIONS:
            raise NotFound(_("Tindakan tidak dikenal: %(action)s") % {"action": action}, code="unknown_action")
        form_class = ACTIONS[action].form
        if refused := body_error_response(request.data, form_class):
            return refused
        form = form_class(data=request.data)
        if not form.is_valid():
            return form_error_response(form)
        workflow.perform(action, case=case, by=request.user, **form.workflow_kwargs())
        return self.detail(request, ticket)


class CaseReporterView(OfficialAPIView):
    @extend_schema(
        operation_id="cases_reporter",
        summary="The reporter's identity; every call is recorded in the case's internal timeline",
        responses={200: s.ReporterIdentitySerializer, **errors(400, 401, 403, 404)},
    )
    def get(self, request, ticket: str):
        case = selectors.case_get_for_official(ticket=ticket, user=request.user)
        reporter = services.reporter_identity_reveal(case=case, by=request.user)
        return Response(s.ReporterIdentitySerializer(reporter).data)


class CaseEvidenceView(OfficialAPIView):
    @extend_schema(
        operation_id="cases_evidence",
        summary="An evidence file: original (sealed upload), sanitized or thumbnail",
        parameters=[OpenApiParameter("variant", location="path", enum=["original", "sanitized", "thumbnail"])],
        responses={(200, "image/*"): OpenApiResponse(description="the image"), **errors(400, 401, 403, 404)},
    )
    def get(self, request, ticket: str, evidence_id: int, variant: str):
        return evidence_file(request, evidence_get(ticket=ticket, evidence_id=evidence_id, user=request.user), variant)


class AgencyListView(OfficialAPIView):
    @extend_schema(
        operation_id="agencies_list",
        parameters=[
            OpenApiParameter("kind", enum=Agency.Kind.values),
            OpenApiParameter(
                "region",
                description="region code; `national` for national agencies",
                pattern=r"^([0-9]{2}(\.[0-9]{2})?|national)$",
            ),
            *PAGE_PARAMETERS,
        ],
        responses={200: page_of(s.AgencySerializer), **errors(400, 401, 403, 404)},
    )
    def get(self, request):
        form = AgencyFilterForm(request.query_params)
        if not form.is_valid():
            return form_error_response(form)
        return self.page(request, agency_list(**form.cleaned_data), s.AgencySerializer)


class CaseDossierView(OfficialAPIView):
    @extend_schema(
        operation_id="cases_dossier",
        summary="The PDF dossier sent to one agency",
        responses={(200, "application/pdf"): OpenApiResponse(description="the dossier"), **errors(400, 401, 403, 404)},
    )
    def get(self, request, ticket: str, agency_id: int):
        return dossier_file(request, forwarding_get(ticket=ticket, agency_id=agency_id, user=request.user))
