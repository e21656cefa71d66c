"""Output serializers. Input is validated by the forms shared with the web pages."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .. import routing, selectors, suggestions, workflow
from ..models import Agency, Behaviour, Case, CaseEvent, Election, Evidence, Forwarding, Region


class ErrorSerializer(serializers.Serializer):
    class Body(serializers.Serializer):
        code = serializers.CharField()
        message = serializers.CharField()
        fields = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))

    error = Body()


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


class AgencySerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region_id", allow_null=True)

    class Meta:
        model = Agency
        fields = ["id", "kind", "name", "region", "email", "contact_verified", "valid_from", "valid_until"]


class AgencyRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Agency
        fields = ["id", "kind", "name"]


class ForwardingSerializer(serializers.ModelSerializer):
    agency = AgencyRefSerializer()
    has_decision_letter = serializers.SerializerMethodField()

    def get_has_decision_letter(self, forwarding) -> bool:
        return bool(forwarding.decision_letter)

    class Meta:
        model = Forwarding
        fields = [
            "agency",
            "delivery",
            "delivery_error",
            "sent_at",
            "acknowledged_at",
            "outcome",
            "discipline_level",
            "decision_number",
            "decision_date",
            "outcome_note",
            "outcome_at",
            "has_decision_letter",
        ]


class RegionRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    province = serializers.CharField(source="parent.name", allow_null=True)


class CaseListSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display")
    asn_region = RegionRefSerializer()
    election = serializers.CharField(source="election.slug")
    overdue = serializers.BooleanField(source="is_overdue")
    assignee = serializers.CharField(source="assignee.username", allow_null=True, default=None)

    class Meta:
        model = Case
        fields = [
            "ticket",
            "status",
            "status_label",
            "category",
            "asn_name",
            "asn_agency",
            "asn_region",
            "platform",
            "election",
            "deadline",
            "overdue",
            "is_late",
            "assignee",
            "submitted_at",
        ]


class OfficialEventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.username", allow_null=True, default=None)

    class Meta:
        model = CaseEvent
        fields = [
            "id",
            "at",
            "action",
            "from_status",
            "to_status",
            "actor",
            "public_note",
            "internal_note",
            "is_public",
        ]


class SimilarSerializer(serializers.Serializer):
    ticket = serializers.CharField(source="evidence.case.ticket")
    evidence_id = serializers.IntegerField(source="evidence.pk")
    distance = serializers.IntegerField()


class ProcessingSerializer(serializers.Serializer):
    sanitize = serializers.CharField()
    thumbnail = serializers.CharField()
    phash = serializers.CharField()
    ocr = serializers.CharField()


class EvidenceSerializer(serializers.ModelSerializer):
    processing = serializers.SerializerMethodField()
    similar = serializers.SerializerMethodField()

    class Meta:
        model = Evidence
        fields = [
            "id",
            "position",
            "sha256",
            "mime",
            "width",
            "height",
            "size_bytes",
            "uploaded_at",
            "processing",
            "processing_errors",
            "phash",
            "ocr_text",
            "similar",
        ]

    @extend_schema_field(ProcessingSerializer)
    def get_processing(self, evidence):
        return evidence.processing()

    @extend_schema_field(SimilarSerializer(many=True))
    def get_similar(self, evidence):
        return SimilarSerializer(selectors.evidence_similar(evidence=evidence), many=True).data


class SuggestionSerializer(serializers.Serializer):
    kind = serializers.CharField()
    value = serializers.CharField()
    label = serializers.CharField()
    source = serializers.CharField()
    matches_report = serializers.BooleanField()


class CaseDetailSerializer(CaseListSerializer):
    behaviour = serializers.CharField(source="behaviour.code", allow_null=True, default=None)
    claimed_behaviours = serializers.SlugRelatedField(source="behaviours", slug_field="code", many=True, read_only=True)
    duplicate_of = serializers.CharField(source="duplicate_of.ticket", allow_null=True, default=None)
    duplicates = serializers.SlugRelatedField(slug_field="ticket", many=True, read_only=True)
    evidence = EvidenceSerializer(many=True)
    timeline = serializers.SerializerMethodField()
    available_actions = serializers.SerializerMethodField()
    suggestions = serializers.SerializerMethodField()
    suggested_agencies = serializers.SerializerMethodField()
    forwardings = serializers.SerializerMethodField()

    class Meta(CaseListSerializer.Meta):
        fields = [
            *CaseListSerializer.Meta.fields,
            "behaviour",
            "legal_basis",
            "severity",
            "rejection_reason",
            "duplicate_of",
            "duplicates",
            "asn_nip",
            "asn_position",
            "post_url",
            "incident_date",
            "known_date",
            "claimed_behaviours",
            "description",
            "anonymous",
            "share_identity",
            "updated_at",
            "evidence",
            "timeline",
            "available_actions",
            "suggestions",
            "suggested_agencies",
            "forwardings",
        ]

    @extend_schema_field(OfficialEventSerializer(many=True))
    def get_timeline(self, case):
        return OfficialEventSerializer(case.events.select_related("actor"), many=True).data

    @extend_schema_field(AgencyRefSerializer(many=True))
    def get_suggested_agencies(self, case):
        return AgencyRefSerializer(routing.suggest_agencies(case=case), many=True).data

    @extend_schema_field(ForwardingSerializer(many=True))
    def get_forwardings(self, case):
        return ForwardingSerializer(case.forwardings.select_related("agency"), many=True).data

    @extend_schema_field(SuggestionSerializer(many=True))
    def get_suggestions(self, case):
        return SuggestionSerializer(suggestions.case_suggestions(case=case), many=True).data

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_available_actions(self, case):
        return workflow.available_actions(case, self.context["request"].user)


class ReporterIdentitySerializer(serializers.Serializer):
    name = serializers.CharField(allow_null=True)
    email = serializers.CharField(allow_null=True)
    phone = serializers.CharField(allow_null=True)
    share_identity = serializers.BooleanField(source="case.share_identity")
