"""Serializers of the officials' API: the queue, the case detail, agencies and identity."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ...models import Agency, Case, CaseEvent, Evidence, Forwarding


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
    incident_id = serializers.IntegerField(allow_null=True, help_text="its incident (`GET /api/v1/incidents/`)")

    class Meta:
        model = Case
        fields = [
            "ticket",
            "source",
            "incident_id",
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
        return SimilarSerializer(self.context["similar"][evidence.pk], many=True).data


class SuggestionSerializer(serializers.Serializer):
    kind = serializers.CharField()
    value = serializers.CharField()
    label = serializers.CharField()
    source = serializers.CharField()
    matches_report = serializers.BooleanField()
    contradicts_report = serializers.BooleanField(default=False, help_text="It differs from what the reporter chose.")


class IncidentRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    size = serializers.IntegerField()
    primary_ticket = serializers.CharField(allow_null=True)
    post_url = serializers.CharField()


class IncidentEvidenceSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    ticket = serializers.CharField(source="case.ticket", help_text="the report it came with")
    sha256 = serializers.CharField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    uploaded_at = serializers.DateTimeField()


class CaseDetailSerializer(CaseListSerializer):
    """The case detail of `triage.selectors.case_detail` (pass it as `detail` in the context)."""

    behaviour = serializers.CharField(source="behaviour.code", allow_null=True, default=None)
    claimed_behaviours = serializers.SlugRelatedField(source="behaviours", slug_field="code", many=True, read_only=True)
    duplicate_of = serializers.CharField(source="duplicate_of.ticket", allow_null=True, default=None)
    duplicates = serializers.SlugRelatedField(slug_field="ticket", many=True, read_only=True)
    post_url = serializers.CharField(help_text="The reported post's address; empty when none was given.")
    evidence = serializers.SerializerMethodField()
    timeline = serializers.SerializerMethodField()
    available_actions = serializers.SerializerMethodField()
    suggestions = serializers.SerializerMethodField()
    suggested_agencies = serializers.SerializerMethodField()
    forwardings = serializers.SerializerMethodField()
    timeline_intact = serializers.SerializerMethodField()
    reported_before = serializers.SerializerMethodField()
    incident = serializers.SerializerMethodField()
    incident_evidence = serializers.SerializerMethodField()

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
            "timeline_intact",
            "reported_before",
            "incident",
            "incident_evidence",
        ]

    @property
    def detail(self):
        return self.context["detail"]

    @extend_schema_field(EvidenceSerializer(many=True))
    def get_evidence(self, case):
        similar = {entry.item.pk: entry.similar for entry in self.detail.evidence}
        items = [entry.item for entry in self.detail.evidence]
        return EvidenceSerializer(items, many=True, context={"similar": similar}).data

    @extend_schema_field(OfficialEventSerializer(many=True))
    def get_timeline(self, case):
        return OfficialEventSerializer(self.detail.timeline, many=True).data

    @extend_schema_field(AgencyRefSerializer(many=True))
    def get_suggested_agencies(self, case):
        return AgencyRefSerializer(self.detail.suggested_agencies, many=True).data

    @extend_schema_field(ForwardingSerializer(many=True))
    def get_forwardings(self, case):
        return ForwardingSerializer(self.detail.forwardings, many=True).data

    @extend_schema_field(SuggestionSerializer(many=True))
    def get_suggestions(self, case):
        return SuggestionSerializer(self.detail.suggestions, many=True).data

    def get_timeline_intact(self, case) -> bool:
        return self.detail.chain_break is None

    def get_reported_before(self, case) -> int:
        """The official's other cases about the same person (`GET /api/v1/officials/?key=…`)."""
        return self.detail.reported_before

    @extend_schema_field(IncidentRefSerializer(allow_null=True))
    def get_incident(self, case):
        """The incident of the reports of the same post, or null."""
        incident = self.detail.incident
        return IncidentRefSerializer(incident).data if incident else None

    @extend_schema_field(IncidentEvidenceSerializer(many=True))
    def get_incident_evidence(self, case):
        """On an incident's primary: the distinct screenshots its other reports add."""
        return IncidentEvidenceSerializer(self.detail.incident_evidence, many=True).data

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_available_actions(self, case):
        return self.detail.available_actions


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()
    expires_at = serializers.DateTimeField()


class ReporterIdentitySerializer(serializers.Serializer):
    name = serializers.CharField(allow_null=True)
    email = serializers.CharField(allow_null=True)
    phone = serializers.CharField(allow_null=True)
    share_identity = serializers.BooleanField(source="case.share_identity")
