"""The admin manages reference data. Cases are shown read-only: officials act on them through
the workflow, and reporter identity is not shown here at all (each view of it is logged in the
officials' pages instead)."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import TokenProxy

from .forwarding import services as forwarding_services
from .models import (
    AccessLog,
    Agency,
    Behaviour,
    Case,
    CaseEvent,
    CollectiveLeave,
    DeadlineRule,
    Election,
    Evidence,
    Forwarding,
    Jurisdiction,
    Region,
    RoutingRule,
)
from .permissions import Role
from .triage.deadlines import missing_collective_leave


@admin.register(Election)
class ElectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "type", "stages_start", "stages_end", "voting_date", "accepts_reports"]
    list_filter = ["type", "accepts_reports"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Behaviour)
class BehaviourAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "typical_sanction", "position", "is_active"]
    list_editable = ["position", "is_active"]
    search_fields = ["code", "name"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    list_select_related = ["parent"]
    readonly_fields = ["code", "level", "parent"]

    def has_add_permission(self, request):
        return False  # regions come from the committed data set (seed_demo)

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class EvidenceInline(ReadOnlyInline):
    model = Evidence
    fields = ["position", "mime", "width", "height", "size_bytes", "sha256", "uploaded_at"]
    readonly_fields = fields


class CaseEventInline(ReadOnlyInline):
    model = CaseEvent
    fields = ["at", "action", "from_status", "to_status", "actor", "public_note", "internal_note"]
    readonly_fields = fields


class ForwardingInline(ReadOnlyInline):
    model = Forwarding
    fields = ["agency", "delivery", "sent_at", "acknowledged_at", "outcome", "decision_number", "outcome_at"]
    readonly_fields = fields


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["ticket", "status", "asn_name", "asn_agency", "asn_region", "platform", "submitted_at"]
    list_filter = ["status", "platform", "election"]
    search_fields = ["ticket", "asn_name", "asn_agency"]
    list_select_related = ["asn_region"]
    date_hierarchy = "submitted_at"
    inlines = [EvidenceInline, CaseEventInline, ForwardingInline]
    exclude = ["access_code_hash"]
    readonly_fields = ["ticket", "status", "anonymous", "share_identity", "consented_at", "submitted_at"]

    def has_add_permission(self, request):
        return False  # reports come from citizens, through the form or the API

    def has_change_permission(self, request, obj=None):
        return False  # status changes go through the workflow only

    def has_delete_permission(self, request, obj=None):
        return False  # evidence must hold up: nothing is deleted from the admin


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "kind",
        "region",
        "email",
        "contact_verified",
        "valid_from",
        "valid_until",
        "succeeded_by",
        "response_days",
    ]
    list_filter = ["kind", "contact_verified"]
    list_editable = ["email", "contact_verified"]
    search_fields = ["name", "email", "region__code", "region__name"]
    list_select_related = ["region"]
    autocomplete_fields = ["region", "succeeded_by"]


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    list_display = ["category", "behaviour", "agency_kinds", "scope", "bawaslu_window"]
    list_filter = ["category", "scope"]


@admin.register(Forwarding)
class ForwardingAdmin(admin.ModelAdmin):
    """Forwardings, read-only, with the one thing an admin does to them: revoke an agency's link."""

    list_display = ["case", "agency", "delivery", "sent_at", "acknowledged_at", "outcome", "link_revoked_at"]
    list_filter = ["delivery", "outcome", "agency__kind"]
    search_fields = ["case__ticket", "agency__name"]
    list_select_related = ["case", "agency"]
    actions = ["revoke_links"]
    fields = list_display
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Cabut tautan instansi yang dipilih"), permissions=["change"])
    def revoke_links(self, request, queryset):
        revoked = forwarding_services.links_revoke(forwarding_ids=list(queryset.values_list("pk", flat=True)))
        done = ngettext("%(count)d tautan dicabut.", "%(count)d tautan dicabut.", revoked)
        messages.success(request, done % {"count": revoked})


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    """Who looked at which case page, evidence file, dossier or export: for the admin role to read."""

    list_display = ["at", "official", "kind", "case", "detail", "address"]
    list_filter = ["kind", "official"]
    search_fields = ["case__ticket", "official__username"]
    list_select_related = ["official", "case"]
    date_hierarchy = "at"
    readonly_fields = list_display

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin):
    list_display = ["election_type", "step", "days", "day_type", "source"]
    list_editable = ["days", "day_type"]
    list_filter = ["election_type"]


@admin.register(CollectiveLeave)
class CollectiveLeaveAdmin(admin.ModelAdmin):
    list_display = ["day", "name", "source"]
    date_hierarchy = "day"

    def changelist_view(self, request, extra_context=None):
        year = timezone.localdate().year
        if missing_collective_leave(year):
            messages.warning(
                request,
                gettext("Cuti bersama tahun %(year)d belum dicatat. Masukkan tanggalnya dari SKB tahun ini.")
                % {"year": year},
            )
        return super().changelist_view(request, extra_context)


class JurisdictionInline(admin.TabularInline):
    model = Jurisdiction
    extra = 0
    autocomplete_fields = ["region"]
    verbose_name_plural = _("wilayah kerja (kosong: nasional)")


User = get_user_model()
admin.site.unregister(User)
# Key material has no page: API tokens, and the secrets of officials' authenticator apps and their
# recovery codes. A lost phone is handled by the officials' action below, not by editing a device.
for secret in (TokenProxy, TOTPDevice, StaticDevice):
    admin.site.unregister(secret)


@admin.register(User)
class OfficialAdmin(UserAdmin):
    """Officials, their roles and their regions, for the admin role.

    Only a superuser sees or grants superuser status and raw permissions. Others pick roles
    among the role groups, never for themselves, and never see or edit a superuser: the admin
    role manages officials, it cannot make itself one of them.
    """

    inlines = [JurisdictionInline]
    actions = ["second_factor_reset"]
    list_display = ["username", "first_name", "last_name", "email", "is_active", "roles"]
    list_filter = ["is_active", "groups"]
    ROLE_FIELDSETS = (
        (None, {"fields": ("username", "password")}),
        (_("Data pribadi"), {"fields": ("first_name", "last_name", "email")}),
        (_("Peran"), {"fields": ("is_active", "is_staff", "groups")}),
        (_("Waktu"), {"fields": ("last_login", "date_joined")}),
    )

    @admin.display(description=_("peran"))
    def roles(self, user):
        return ", ".join(group.name for group in user.groups.all())

    def get_queryset(self, request):
        users = super().get_queryset(request).prefetch_related("groups")
        return users if request.user.is_superuser else users.filter(is_superuser=False)

    def get_fieldsets(self, request, obj=None):
        if request.user.is_superuser or obj is None:
            return super().get_fieldsets(request, obj)
        return self.ROLE_FIELDSETS

    def get_readonly_fields(self, request, obj=None):
        readonly = ["last_login", "date_joined"]
        if obj is not None and obj.pk == request.user.pk and not request.user.is_superuser:
            readonly += ["groups", "is_active", "is_staff"]  # nobody gives themselves a role
        return readonly

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups":
            kwargs["queryset"] = Group.objects.filter(name__in=Role.values)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_inlines(self, request, obj):
        if obj is not None and obj.pk == request.user.pk and not request.user.is_superuser:
            return []  # nor their own regions
        return super().get_inlines(request, obj)

    @admin.action(description=_("Atur ulang verifikasi dua langkah (ponsel hilang)"), permissions=["change"])
    def second_factor_reset(self, request, queryset):
        """Remove the selected officials' authenticator apps and recovery codes, never one's own:
        at their next login they enrol a new app, as a new official does."""
        reset = 0
        for user in queryset.exclude(pk=request.user.pk):
            devices = list(devices_for_user(user, confirmed=None))
            for device in devices:
                device.delete()
            if devices:
                self.log_change(request, user, gettext("Verifikasi dua langkah diatur ulang."))
                reset += 1
        done = ngettext(
            "Verifikasi dua langkah %(count)d petugas diatur ulang.",
            "Verifikasi dua langkah %(count)d petugas diatur ulang.",
            reset,
        )
        self.message_user(request, done % {"count": reset})

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            obj.is_superuser = False  # whatever was posted
        super().save_model(request, obj, form, change)


admin.site.site_header = _("Administrasi Portal Netralitas ASN")
admin.site.site_title = _("Portal Netralitas ASN")
