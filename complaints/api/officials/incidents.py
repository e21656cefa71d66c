"""The officials' API for incidents (the reports of one post) and for one action on many cases."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.response import Response

from ...errors import NotFound
from ...incidents import selectors, services
from ...incidents.forms import INCIDENT_ACTIONS
from ...oversight import snapshot
from ...triage.filters import CaseFilters
from ...triage.forms import BulkForm
from ...triage.selectors import case_get_for_official
from ...triage.services import cases_bulk_perform
from ..errors import body_error_response, form_error_response
from ..schema import errors, form_schema, page_of
from .pagination import CountedPagination
from .views import PAGE_PARAMETERS, OfficialAPIView


class IncidentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    post_url = serializers.CharField(help_text="the first link seen of the post; empty when grouped by screenshot")
    post_key = serializers.CharField(help_text="the post, canonical: `instagram:<code>`, `x:<id>`, …")
    size = serializers.SerializerMethodField()
    open = serializers.SerializerMethodField()
    newest_at = serializers.SerializerMethodField()
    earliest_deadline = serializers.SerializerMethodField()
    primary_ticket = serializers.CharField(source="primary.ticket", allow_null=True, default=None)
    tickets = serializers.SerializerMethodField()

    def _stat(self, incident, name):
        return self.context["stats"].get(incident.pk, {}).get(name)

    def get_size(self, incident) -> int:
        """Its cases the official may see."""
        return self._stat(incident, "size") or 0

    def get_open(self, incident) -> int:
        return self._stat(incident, "open_size") or 0

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_newest_at(self, incident):
        """The newest report."""
        value = self._stat(incident, "newest_at")
        return serializers.DateTimeField().to_representation(value) if value else None

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_earliest_deadline(self, incident):
        """The nearest deadline of its open cases."""
        value = self._stat(incident, "earliest_deadline")
        return value.isoformat() if value else None

    def get_tickets(self, incident) -> list[str]:
        """The first twenty tickets, the primary first; `GET /api/v1/cases/?incident=<id>` lists all."""
        return self.context["tickets"].get(incident.pk, [])


class ResultSerializer(serializers.Serializer):
    done = serializers.ListField(child=serializers.CharField(), help_text="the tickets changed")
    refused = serializers.DictField(child=serializers.CharField(), help_text="each refused ticket, and why")


class IncidentListView(OfficialAPIView):
    @extend_schema(
        operation_id="incidents_list",
        summary="Groups of cases about the same post, screenshot or civil servant and day; the newest first",
        parameters=PAGE_PARAMETERS,
        responses={200: page_of(IncidentSerializer), **errors(400, 401, 403, 404)},
    )
    def get(self, request):
        # The total from the queue's counts snapshot (incidents with a case the official may see),
        # as the queue's tabs show it: counting them at every page grew with the incidents.
        paginator = CountedPagination(snapshot.queue_counts(user=request.user, filters=CaseFilters())["incidents"])
        page = paginator.paginate_queryset(selectors.incident_list(user=request.user), request, view=self)
        context = {
            "tickets": selectors.incident_tickets(page, user=request.user),
            "stats": selectors.incident_stats(page, user=request.user),
        }
        rows = IncidentSerializer(page, many=True, context=context).data
        return paginator.get_paginated_response(rows)


class IncidentActionView(OfficialAPIView):
    @extend_schema(
        operation_id="incidents_action",
        summary="link_duplicates (every open case becomes the primary's duplicate), split {ticket}, "
        "set_primary {ticket}, merge {incident}",
        parameters=[OpenApiParameter("action", location="path", enum=list(INCIDENT_ACTIONS))],
        request={"application/json": {"type": "object", "additionalProperties": True}},
        responses={200: ResultSerializer, **errors(400, 401, 403, 404, 409)},
    )
    def post(self, request, incident_id: int, action: str):
        incident = selectors.incident_get(incident_id=incident_id, user=request.user)
        if action not in INCIDENT_ACTIONS:
            raise NotFound(_("Tindakan tidak dikenal: %(action)s") % {"action": action}, code="unknown_action")
        form_class = INCIDENT_ACTIONS[action]
        if refused := body_error_response(request.data, form_class):
            return refused
        form = form_class(data=request.data)
        if not form.is_valid():
            return form_error_response(form)
        data, user = form.cleaned_data, request.user
        if action == "link_duplicates":
            result = services.incident_link_duplicates(incident=incident, by=user, note=data["note"])
            return Response(ResultSerializer(result).data)
        if action == "merge":
            other = selectors.incident_get(incident_id=data["incident"], user=user)
            services.incident_merge(incident=incident, other=other, by=user)
            return Response({"done": selectors.incident_tickets([incident], user=user)[incident.pk], "refused": {}})
        case = case_get_for_official(ticket=data["ticket"], user=user)
        if action == "split":
            services.incident_split(incident=incident, case=case, by=user)
        else:
            services.incident_set_primary(incident=incident, case=case, by=user)
        return Response({"done": [case.ticket], "refused": {}})


class CaseBulkView(OfficialAPIView):
    @extend_schema(
        operation_id="cases_bulk",
        summary="One action (claim, reject, request_info) on each of many cases, each under its own rules",
        request={"application/json": form_schema(BulkForm)},
        responses={200: ResultSerializer, **errors(400, 401, 403)},
    )
    def post(self, request):
        if refused := body_error_response(request.data, BulkForm):
            return refused
        form = BulkForm(data=request.data)
        if not form.is_valid():
            return form_error_response(form)
        result = cases_bulk_perform(
            action=form.cleaned_data["action"],
            tickets=form.cleaned_data["tickets"],
            by=request.user,
            **form.workflow_kwargs(),
        )
        return Response(ResultSerializer(result).data)
