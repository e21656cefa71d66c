"""The officials' oversight API: `GET /api/v1/stats/`, `GET /api/v1/officials/` (the register)
and `GET /api/v1/cases/export/`; each within the official's jurisdiction."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from ... import permissions as rules
from ...oversight import register, snapshot
from ...oversight.forms import ExportForm, RegisterFilterForm
from ...responses import XLSX, export_response
from ...triage.filters import QueueFilterForm
from ...triage.selectors import cases_filtered
from ..errors import form_error_response
from ..schema import errors, page_of
from .views import FILTER_PARAMETERS, PAGE_PARAMETERS, OfficialAPIView, Pagination


class DeadlineHealthSerializer(serializers.Serializer):
    due_today = serializers.IntegerField()
    due_week = serializers.IntegerField(help_text="due within the next seven days")
    overdue = serializers.IntegerField()


class FollowUpSerializer(serializers.Serializer):
    forwarded = serializers.IntegerField()
    sent = serializers.IntegerField()
    acknowledged = serializers.IntegerField()
    outcome_reported = serializers.IntegerField()
    overdue = serializers.IntegerField()


class AgencyFollowUpSerializer(FollowUpSerializer):
    agency_id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.CharField()
    never_answered = serializers.BooleanField()
    median_days_to_outcome = serializers.FloatField(allow_null=True)


class DaySerializer(serializers.Serializer):
    day = serializers.DateField()
    laporan = serializers.IntegerField(help_text="citizens' reports submitted that day")
    temuan = serializers.IntegerField(help_text="officials' findings recorded that day")


class FirstActionSerializer(serializers.Serializer):
    median_hours = serializers.FloatField(allow_null=True)
    p90_hours = serializers.FloatField(allow_null=True)
    count = serializers.IntegerField(help_text="cases an official has acted on")


class RejectedSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    share = serializers.FloatField(help_text="rejected ÷ all cases, 0 to 1")
    by_reason = serializers.DictField(child=serializers.IntegerField())


class OpenCaseSerializer(serializers.Serializer):
    ticket = serializers.CharField()
    status = serializers.CharField()
    submitted_at = serializers.DateTimeField()
    deadline = serializers.DateField(allow_null=True)


class StatsSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    by_status = serializers.DictField(child=serializers.IntegerField())
    by_category = serializers.DictField(child=serializers.IntegerField(), help_text="`unclassified`: not yet")
    by_behaviour = serializers.DictField(child=serializers.IntegerField())
    by_platform = serializers.DictField(child=serializers.IntegerField())
    by_election = serializers.DictField(child=serializers.IntegerField())
    by_province = serializers.DictField(child=serializers.IntegerField(), help_text="by province code")
    by_source = serializers.DictField(child=serializers.IntegerField())
    overdue = serializers.IntegerField()
    deadlines = serializers.DictField(child=DeadlineHealthSerializer(), help_text="by step")
    forwardings = FollowUpSerializer()
    agencies = AgencyFollowUpSerializer(many=True)
    per_day = DaySerializer(many=True)
    first_action = FirstActionSerializer()
    rejected = RejectedSerializer()
    oldest_open = OpenCaseSerializer(many=True)
    as_of = serializers.DateTimeField(help_text="when the figures were computed (a minute old at most on a busy day)")


class PersonSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="`nip:<NIP>`, or `name:<name>|<agency>` normalised")
    asn_nip = serializers.CharField()
    asn_name = serializers.CharField()
    asn_agency = serializers.CharField()
    region = serializers.CharField()
    region_name = serializers.CharField()
    cases = serializers.IntegerField()
    open = serializers.IntegerField()
    sanctioned = serializers.IntegerField()
    first_reported = serializers.DateTimeField()
    last_reported = serializers.DateTimeField()
    tickets = serializers.ListField(child=serializers.CharField(), help_text="the newest first, 20 at most")
    outcomes = serializers.DictField(child=serializers.IntegerField())
    possible_matches = serializers.ListField(child=serializers.DictField(), help_text="other entries of the name")


class StatsView(OfficialAPIView):
    @extend_schema(
        operation_id="stats",
        summary="The dashboard's figures for the queue's filters and a date range",
        parameters=[p for p in FILTER_PARAMETERS if p.name not in ("page", "page_size")],
        responses={200: StatsSerializer, **errors(400, 401, 403, 404)},
    )
    def get(self, request):
        form = QueueFilterForm(request.query_params)
        if not form.is_valid():
            return form_error_response(form)
        return Response(StatsSerializer(snapshot.figures(user=request.user, filters=form.to_filters())).data)


class RegisterView(OfficialAPIView):
    @extend_schema(
        operation_id="officials_register",
        summary="The register of reported civil servants: one entry per person across cases",
        parameters=[
            OpenApiParameter("q", description="NIP, name or agency"),
            OpenApiParameter("region", pattern=r"^[0-9]{2}(\.[0-9]{2})?$", description="province or kabupaten/kota"),
            OpenApiParameter("key", description="one entry's key"),
            *PAGE_PARAMETERS,
        ],
        responses={200: page_of(PersonSerializer), **errors(400, 401, 403, 404)},
    )
    def get(self, request):
        form = RegisterFilterForm(request.query_params)
        if not form.is_valid():
            return form_error_response(form)
        rows = register.people_list(user=request.user, **form.cleaned_data)
        paginator = Pagination()
        page = paginator.paginate_queryset(rows, request, view=self)
        entries = register.people_detail(list(page), user=request.user)
        return paginator.get_paginated_response(PersonSerializer(entries, many=True).data)


class ExportView(OfficialAPIView):
    @extend_schema(
        operation_id="cases_export",
        summary="The queue under its filters as CSV (streamed) or XLSX; never the reporter's identity; recorded",
        parameters=[
            *[p for p in FILTER_PARAMETERS if p.name not in ("page", "page_size")],
            OpenApiParameter("file", enum=["csv", "xlsx"], description="csv (the default) or xlsx"),
        ],
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.BINARY, description="one row per case"),
            (200, XLSX): OpenApiResponse(OpenApiTypes.BINARY, description="the same rows as a workbook"),
            **errors(400, 401, 403, 404),
        },
    )
    def get(self, request):
        rules.require(request.user, rules.EXPORT, _("Peran Anda tidak boleh mengekspor daftar kasus."))
        form, export = QueueFilterForm(request.query_params), ExportForm(request.query_params)
        for checked in (form, export):
            if not checked.is_valid():
                return form_error_response(checked)
        filters = form.to_filters()
        cases = cases_filtered(filters, user=request.user)
        if filters.status:
            cases = cases.filter(status=filters.status)
        return export_response(request, cases=cases.order_by("submitted_at", "pk"), kind=export.cleaned_data["file"])
