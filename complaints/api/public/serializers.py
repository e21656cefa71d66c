"""Serializers of the public API: a report's receipt and status, and reference data."""

from rest_framework import serializers

from ...models import Behaviour, Election, Region


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


class RejectionSerializer(serializers.Serializer):
    reason = serializers.CharField()
    label = serializers.CharField()
    primary_ticket = serializers.CharField(allow_null=True, help_text="The case a duplicate follows.")


class OutcomeSerializer(serializers.Serializer):
    agency = serializers.CharField()
    outcome = serializers.CharField()
    label = serializers.CharField()
    decided_at = serializers.DateField()


class FollowedSerializer(serializers.Serializer):
    """The primary case a duplicate follows: its status is the duplicate's reporter's answer too."""

    ticket = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")


class ReportStatusSerializer(serializers.Serializer):
    """A case as its reporter may see it (`intake.selectors.PublicStatus`); no personal data."""

    ticket = serializers.CharField(source="case.ticket")
    status = serializers.CharField(source="case.status")
    status_label = serializers.CharField(source="case.get_status_display")
    updated_at = serializers.DateTimeField(source="case.updated_at")
    timeline = TimelineEntrySerializer(many=True)
    rejection = RejectionSerializer(allow_null=True)
    follows = FollowedSerializer(allow_null=True)
    outcomes = OutcomeSerializer(many=True)


class ElectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Election
        fields = [
            "slug",
            "name",
            "type",
            "voting_date",
            "campaign_start",
            "campaign_end",
            "stages_start",
            "stages_end",
            "accepts_reports",
        ]


class RegionSerializer(serializers.ModelSerializer):
    parent = serializers.CharField(source="parent_id", allow_null=True)

    class Meta:
        model = Region
        fields = ["code", "name", "level", "parent"]


class BehaviourSerializer(serializers.ModelSerializer):
    class Meta:
        model = Behaviour
        fields = ["code", "name", "description", "typical_sanction", "legal_basis"]


class ChallengeSerializer(serializers.Serializer):
    algorithm = serializers.CharField()
    challenge = serializers.CharField()
    maxnumber = serializers.IntegerField()
    salt = serializers.CharField()
    signature = serializers.CharField()


class PublicTotalsSerializer(serializers.Serializer):
    received = serializers.IntegerField(allow_null=True)
    forwarded = serializers.IntegerField(allow_null=True)
    outcome_reported = serializers.IntegerField(allow_null=True)
    sanctioned = serializers.IntegerField(allow_null=True)


class PublicRowSerializer(PublicTotalsSerializer):
    key = serializers.CharField(help_text="a province code, an election slug, a platform or a month (YYYY-MM)")


class PublicTableSerializer(serializers.Serializer):
    rows = PublicRowSerializer(many=True)
    totals = PublicTotalsSerializer()


class PublicFollowUpSerializer(serializers.Serializer):
    sent = serializers.IntegerField(allow_null=True)
    acknowledged = serializers.IntegerField(allow_null=True)
    outcome_reported = serializers.IntegerField(allow_null=True)
    overdue = serializers.IntegerField(allow_null=True)


class PublicStatsSerializer(serializers.Serializer):
    """Counts only; each count of 1 to `suppressed_below` - 1, and each that could be worked out
    from the others, is null."""

    generated_at = serializers.DateTimeField()
    suppressed_below = serializers.IntegerField()
    total = serializers.IntegerField(allow_null=True)
    by_status = serializers.DictField(child=serializers.IntegerField(allow_null=True))
    by_category = serializers.DictField(child=serializers.IntegerField(allow_null=True))
    by_province = serializers.DictField(child=serializers.IntegerField(allow_null=True))
    by_platform = serializers.DictField(child=serializers.IntegerField(allow_null=True))
    overdue = serializers.IntegerField(allow_null=True)
    forwardings = PublicFollowUpSerializer()
    outcomes = serializers.DictField(child=serializers.IntegerField(allow_null=True))
    median_hours_to_first_action = serializers.FloatField(allow_null=True)
    tables = serializers.DictField(child=PublicTableSerializer(), help_text="province, election, platform, month")
