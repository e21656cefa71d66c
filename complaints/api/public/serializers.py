"""Serializers of the public API: a report's receipt and status, and reference data."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ...models import Behaviour, Case, Election, Region


class ReportCreatedSerializer(serializers.Serializer):
    ticket = serializers.CharField(source="case.ticket")
    access_code = serializers.CharField(help_text="Shown once; never retrievable again.")
    status = serializers.CharField(source="case.status")
    submitted_at = serializers.DateTimeField(source="case.submitted_at")


class TimelineEntrySerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    status = serializers.CharField(source="to_status")
    note = serializers.SerializerMethodField()

    def get_note(self, event) -> str:
        return event.public_note or event.get_action_display()


class ReportStatusSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display")
    timeline = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = ["ticket", "status", "status_label", "updated_at", "timeline"]

    @extend_schema_field(TimelineEntrySerializer(many=True))
    def get_timeline(self, case):
        return TimelineEntrySerializer(self.context["timeline"], many=True).data


class ElectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Election
        fields = ["slug", "name", "type", "voting_date", "campaign_start", "campaign_end", "accepts_reports"]


class RegionSerializer(serializers.ModelSerializer):
    parent = serializers.CharField(source="parent_id", allow_null=True)

    class Meta:
        model = Region
        fields = ["code", "name", "level", "parent"]


class BehaviourSerializer(serializers.ModelSerializer):
    class Meta:
        model = Behaviour
        fields = ["code", "name", "description", "typical_sanction", "legal_basis"]
