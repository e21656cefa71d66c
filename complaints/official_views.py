"""Officials' pages: the queue, the case, its actions, its evidence (`/petugas/`)."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from . import routing, selectors, services, suggestions, workflow
from .models import Agency, Case, Evidence, Forwarding
from .responses import private_file
from .triage_forms import ACTION_FORMS, QueueFilterForm

QUEUE_PAGE_SIZE = 25


def official_required(view):
    """Log in first; then the official needs to be allowed to see cases (else 403)."""
    return login_required(permission_required("complaints.view_case", raise_exception=True)(view))


class LoginView(auth_views.LoginView):
    template_name = "officials/login.html"
    redirect_authenticated_user = True


@official_required
@require_GET
def queue(request):
    form = QueueFilterForm(request.GET)
    # A bad filter in the URL shows its message next to the field, and every case.
    filters = form.to_filters() if form.is_valid() else selectors.CaseFilters()
    cases = selectors.case_list_for_user(user=request.user, filters=filters)
    page = Paginator(cases, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    counts = selectors.case_status_counts(user=request.user, filters=filters)
    tabs = [(value, label, counts[value]) for value, label in Case.Status.choices]
    query = request.GET.copy()
    query.pop("page", None)
    without_status = query.copy()
    without_status.pop("status", None)
    context = {
        "form": form,
        "filters": filters,
        "page": page,
        "tabs": tabs,
        "total": sum(counts.values()),
        "query": query.urlencode(),
        "query_without_status": without_status.urlencode(),
    }
    return render(request, "officials/queue.html", context)


def action_form(action: str, **kwargs):
    """Return the action's form with ids of its own: several forms on one page share field names."""
    return ACTION_FORMS[action](auto_id=f"id_{action}_%s", **kwargs)


def _case_or_404(ticket: str) -> Case:
    case = selectors.case_get_for_official(ticket=ticket)
    if case is None:
        raise Http404(_("Kasus tidak ditemukan."))
    return case


def _case_page(request, case: Case, *, forms=None, identity=None, status=200):
    timeline = list(selectors.case_timeline(case=case))
    available = workflow.available_actions(case, request.user)
    forms = forms or {}
    suggested = routing.suggest_agencies(case=case) if case.category else []
    if workflow.Action.FORWARD in available and workflow.Action.FORWARD not in forms:
        forms[workflow.Action.FORWARD] = action_form(
            workflow.Action.FORWARD,
            initial={"seen_event": timeline[-1].pk, "agency_ids": [agency.pk for agency in suggested]},
        )
    if workflow.Action.FORWARD in forms:  # offer the suggested, nearby and national agencies, not all
        nearby = Q(region__isnull=True) | Q(region_id=case.asn_region_id) | Q(region_id=case.asn_region.parent_id)
        valid = (Q(valid_from__isnull=True) | Q(valid_from__lte=case.incident_date)) & (
            Q(valid_until__isnull=True) | Q(valid_until__gte=case.incident_date)
        )
        forms[workflow.Action.FORWARD].fields["agency_ids"].queryset = Agency.objects.filter(nearby & valid).order_by(
            "region_id", "kind", "name"
        )
    actions = [
        {
            "name": action,
            "label": workflow.LABELS[action],
            "consequence": workflow.CONSEQUENCES[action],
            "form": forms.get(action) or action_form(action, initial={"seen_event": timeline[-1].pk}),
        }
        for action in available
    ]
    evidence = [{"item": item, "similar": selectors.evidence_similar(evidence=item)} for item in case.evidence.all()]
    context = {
        "case": case,
        "evidence": evidence,
        "suggestions": suggestions.case_suggestions(case=case),
        "may_download_original": request.user.has_perm("complaints.download_original_evidence"),
        "may_mark_duplicate": workflow.Action.REJECT in available,
        "suggested_agencies": suggested,
        "forwardings": case.forwardings.select_related("agency"),
        "may_resend": request.user.has_perm("complaints.coordinate_case"),
        "timeline": timeline,
        "actions": actions,
        "identity": identity,
        "may_view_identity": request.user.has_perm("complaints.view_reporter_identity"),
        "behaviour_legal_basis": {b.code: b.legal_basis for b in selectors.behaviour_list()},
    }
    return render(request, "officials/case.html", context, status=status)


@never_cache
@official_required
@require_GET
def case_detail(request, ticket: str):
    return _case_page(request, _case_or_404(ticket))


@official_required
@require_POST
def case_action(request, ticket: str, action: str):
    case = _case_or_404(ticket)
    if action not in ACTION_FORMS:
        raise Http404(_("Tindakan tidak dikenal."))
    form = action_form(action, data=request.POST)
    if form.is_valid():
        try:
            workflow.PERFORM[action](case=case, by=request.user, **form.workflow_kwargs())
        except workflow.WorkflowError as refused:
            for field, field_errors in refused.fields.items():
                for message in field_errors:
                    form.add_error(field if field in form.fields else None, message)
            if not refused.fields:
                messages.error(request, refused.message)
            return _case_page(request, _case_or_404(ticket), forms={action: form}, status=refused.status_code)
        messages.success(request, _("Tersimpan: %(action)s.") % {"action": workflow.Action(action).label})
        return redirect("official-case", ticket)
    return _case_page(request, case, forms={action: form}, status=400)


@never_cache
@official_required
@require_POST
def case_identity(request, ticket: str):
    """Show the reporter's identity once, recording that this official looked."""
    case = _case_or_404(ticket)
    try:
        reporter = services.reporter_identity_view(case=case, by=request.user)
    except workflow.NotAllowed as refused:
        messages.error(request, refused.message)
        return _case_page(request, case, status=403)
    return _case_page(request, _case_or_404(ticket), identity={"reporter": reporter})


@never_cache
@official_required
@require_GET
def case_evidence(request, ticket: str, evidence_id: int, variant: str):
    """Serve a screenshot from private storage to an official; never a public URL."""
    evidence = selectors.evidence_get(ticket=ticket, evidence_id=evidence_id)
    if evidence is None:
        raise Http404(_("Bukti tidak ditemukan."))
    try:
        return evidence_response(evidence, variant, by=request.user)
    except workflow.NotAllowed as refused:
        raise PermissionDenied(refused.message) from None
    except LookupError:
        raise Http404(_("Salinan ini belum tersedia: bukti belum diproses.")) from None


CONTENT_TYPES = {"sanitized": "image/png", "thumbnail": "image/jpeg"}


def evidence_response(evidence: Evidence, variant: str, *, by) -> FileResponse:
    """Return the file of `variant` for `by` (see services.evidence_file_open for who may)."""
    handle = services.evidence_file_open(evidence=evidence, variant=variant, by=by)
    content_type = evidence.mime if variant == "original" else CONTENT_TYPES[variant]
    extension = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}[content_type]
    name = f"{evidence.case.ticket}-{evidence.position}-{variant}.{extension}"
    return private_file(handle, content_type=content_type, filename=name)


@official_required
@require_POST
def forwarding_resend(request, ticket: str, forwarding_id: int):
    forwarding = Forwarding.objects.filter(case__ticket=ticket, pk=forwarding_id).first()
    if forwarding is None:
        raise Http404(_("Penerusan tidak ditemukan."))
    try:
        services.forwarding_resend(forwarding=forwarding, by=request.user)
    except workflow.NotAllowed as refused:
        raise PermissionDenied(refused.message) from None
    except workflow.Conflict as conflict:
        messages.error(request, conflict.message)
    else:
        messages.success(request, _("Berkas untuk %(agency)s dikirim ulang.") % {"agency": forwarding.agency.name})
    return redirect("official-case", ticket)


@never_cache
@official_required
@require_GET
def forwarding_dossier(request, ticket: str, forwarding_id: int):
    forwarding = Forwarding.objects.select_related("case").filter(case__ticket=ticket, pk=forwarding_id).first()
    if forwarding is None or not forwarding.dossier:
        raise Http404(_("Berkas belum tersedia."))
    try:
        return dossier_response(forwarding, by=request.user)
    except workflow.NotAllowed as refused:
        raise PermissionDenied(refused.message) from None


def dossier_response(forwarding: Forwarding, *, by) -> FileResponse:
    """The dossier, for officials who coordinate forwarding; a copy that names the reporter
    counts as a look at their identity and is recorded."""
    services.dossier_access_check(forwarding=forwarding, by=by)
    name = f"{forwarding.case.ticket}-{forwarding.agency_id}.pdf"
    return private_file(forwarding.dossier.open("rb"), content_type="application/pdf", filename=name)


@never_cache
@official_required
@require_GET
def forwarding_letter(request, ticket: str, forwarding_id: int):
    """The agency's decision letter, to coordinators, as a download (never rendered inline)."""
    forwarding = Forwarding.objects.filter(case__ticket=ticket, pk=forwarding_id).first()
    if forwarding is None or not forwarding.decision_letter:
        raise Http404(_("Surat keputusan tidak ada."))
    if not request.user.has_perm("complaints.coordinate_case"):
        raise PermissionDenied(_("Peran Anda tidak boleh mengunduh surat keputusan."))
    name = f"{ticket}-keputusan-{forwarding.agency_id}.pdf"
    return private_file(
        forwarding.decision_letter.open("rb"), content_type="application/pdf", filename=name, attachment=True
    )
