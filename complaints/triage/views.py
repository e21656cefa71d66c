"""The officials' queue and case page, and the actions taken from it (`/petugas/`)."""

from django import forms
from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from .. import jurisdiction, permissions
from ..errors import Conflict, DomainError, NotFound
from ..forwarding.selectors import agencies_offered
from ..models import AccessLog, Case
from ..oversight import snapshot
from ..responses import back, domain_errors, error_page, official_required, record_access, say_result
from . import classification, deadlines, selectors, services, workflow
from .actions import ACTIONS, Action
from .filters import CaseFilters, QueueFilterForm, QueueOrder
from .forms import BulkForm

QUEUE_PAGE_SIZE = 25
INCIDENT_MEMBERS_SHOWN = 10  # cases listed when an incident's row unfolds; a link shows them all


@official_required
@require_GET
def queue(request):
    form = QueueFilterForm(request.GET)
    # A bad filter in the URL shows its message next to the field, and every case.
    filters = form.to_filters() if form.is_valid() else CaseFilters()
    # Each incident one row, unless one incident is asked for or the official wants every case.
    grouped = not filters.incident and request.GET.get("flat") != "1"
    # The counts come from a snapshot (exact while nothing changed, see oversight/snapshot.py):
    # counting a million cases on every page would make the queue grow with the cases.
    counts = snapshot.queue_counts(user=request.user, filters=filters)
    by_status = counts["by_status"]
    shown = by_status[filters.status] if filters.status else sum(by_status.values())
    paginator = Paginator(range(counts["rows"] if grouped else shown), QUEUE_PAGE_SIZE)
    number = paginator.get_page(request.GET.get("page")).number
    order = request.GET.get("urut") if request.GET.get("urut") in QueueOrder.values else QueueOrder.DEADLINE
    if grouped:
        rows, _more = selectors.queue_page(
            user=request.user, filters=filters, number=number, size=QUEUE_PAGE_SIZE, order=order
        )
    else:
        start = (number - 1) * QUEUE_PAGE_SIZE
        ordered = selectors.case_list_ordered(user=request.user, filters=filters, order=order)
        rows = list(ordered[start : start + QUEUE_PAGE_SIZE])
    page = Page(rows, number, paginator)
    incident_ids = [case.incident_id for case in rows if grouped and case.incident_id]
    members = selectors.incident_members(
        user=request.user, filters=filters, incident_ids=incident_ids, limit=INCIDENT_MEMBERS_SHOWN
    )
    for case in rows:
        case.members = members.get(case.incident_id, [])
    tabs = [(value, label, by_status[value]) for value, label in Case.Status.choices]
    query = request.GET.copy()
    query.pop("page", None)
    without_status, without_agency, flat = query.copy(), query.copy(), query.copy()
    without_status.pop("status", None)
    without_agency.pop("agency", None)
    flat["flat"] = "0" if request.GET.get("flat") == "1" else "1"
    unsorted = query.copy()
    unsorted.pop("urut", None)
    context = {
        "order": order,
        "orders": QueueOrder.choices,
        "kept_for_sort": [(name, value) for name, values in unsorted.lists() for value in values],
        "form": form,
        "filters": filters,
        "page": page,
        "grouped": grouped,
        "tabs": tabs,
        "total": sum(by_status.values()),
        "shown": shown,
        "query": query.urlencode(),
        "query_without_status": without_status.urlencode(),
        "without_agency": without_agency.urlencode(),
        "toggle_flat": flat.urlencode(),
        "bulk_form": BulkForm(),
        "may_triage": permissions.has(request.user, permissions.TRIAGE),
        "missing_collective_leave": timezone.localdate().year if deadlines.missing_collective_leave() else None,
        "regions": jurisdiction.regions_named(request.user),
    }
    return render(request, "officials/queue.html", context)


def _action_form(action: str, **kwargs):
    """Return the action's form with ids of its own: several forms on one page share field names."""
    return ACTIONS[action].form(auto_id=f"id_{action}_%s", **kwargs)


def _case_page(request, ticket: str, *, forms=None, identity=None, status=200, refused_seen: int | None = None):
    """The case page; after an action refused because the case changed since `refused_seen`,
    with those changes at the top and the official's typed form kept, made current."""
    detail = selectors.case_detail(ticket=ticket, user=request.user)
    case, seen = detail.case, detail.timeline[-1].pk
    record_access(request, kind=AccessLog.Kind.CASE, case=case)
    forms = forms or {}
    changes, unsaved = [], []
    if refused_seen is not None:
        changes = [event for event in reversed(detail.timeline) if event.pk > refused_seen]
        for name, form in list(forms.items()):
            if name in detail.available_actions:
                form.data = form.data.copy()
                form.data["seen_event"] = str(seen)  # sent again, it applies to the case as it is now
            else:  # the action is no longer possible: its notes are shown to copy, not lost
                unsaved = [(form[field].label, form.data[field]) for field in form.fields if _typed(form, field)]
                del forms[name]
    if Action.FORWARD in detail.available_actions and Action.FORWARD not in forms:
        initial = {"seen_event": seen, "agency_ids": [agency.pk for agency in detail.suggested_agencies]}
        forms[Action.FORWARD] = _action_form(Action.FORWARD, initial=initial)
    if Action.FORWARD in forms:  # offer the suggested, nearby and national agencies, not all
        forms[Action.FORWARD].fields["agency_ids"].queryset = agencies_offered(case=case)
    if Action.RECLASSIFY in detail.available_actions and Action.RECLASSIFY not in forms:
        current = {field: getattr(case, field) for field in ("category", "severity", "legal_basis")}
        initial = {"seen_event": seen, "behaviour": case.behaviour.code if case.behaviour else None, **current}
        forms[Action.RECLASSIFY] = _action_form(Action.RECLASSIFY, initial=initial)
    actions = [
        {
            "name": name,
            "label": ACTIONS[name].label,
            "consequence": ACTIONS[name].consequence,
            "form": forms.get(name) or _action_form(name, initial={"seen_event": seen}),
        }
        for name in detail.available_actions
    ]
    context = {
        "case": case,
        "detail": detail,
        "evidence": detail.evidence,
        "suggestions": detail.suggestions,
        "suggested_agencies": detail.suggested_agencies,
        "forwardings": detail.forwardings,
        "timeline": detail.timeline,
        "actions": actions,
        "identity": identity,
        "may_download_original": permissions.has(request.user, permissions.DOWNLOAD_ORIGINAL),
        "may_mark_duplicate": Action.REJECT in detail.available_actions,
        "may_triage": permissions.has(request.user, permissions.TRIAGE),
        "may_resend": permissions.has(request.user, permissions.COORDINATE),
        "may_view_identity": permissions.has(request.user, permissions.VIEW_IDENTITY),
        "may_reprocess": permissions.has(request.user, permissions.REPROCESS_EVIDENCE),
        "legal_bases": classification.LEGAL_BASES,
        "changes": changes,
        "unsaved": unsaved,
    }
    return render(request, "officials/case.html", context, status=status)


def _typed(form, field: str) -> bool:
    """Whether the official typed text in `field` (a note), not chose or left it."""
    return isinstance(form.fields[field].widget, (forms.Textarea, forms.TextInput)) and bool(form.data.get(field))


def _case_page_again(request, error: DomainError, status: int, ticket: str, action: str | None = None):
    """Show the case page again with the refusal: on the action's form as typed, or as a message."""
    if isinstance(error, NotFound):
        return error_page(request, error, status)
    form = None
    if action in ACTIONS:
        form = _action_form(action, data=request.POST)
        form.is_valid()
        for field, field_errors in error.fields.items():
            for message in field_errors:
                form.add_error(field if field in form.fields else None, message)
    if not error.fields or form is None:
        messages.error(request, error.message)
    refused_seen = form.cleaned_data.get("seen_event") if isinstance(error, Conflict) and form is not None else None
    return _case_page(request, ticket, forms={action: form} if form else None, status=status, refused_seen=refused_seen)


@never_cache
@official_required
@require_GET
@domain_errors()
def case_detail(request, ticket: str):
    return _case_page(request, ticket)


@official_required
@require_POST
@domain_errors(on_error=_case_page_again)
def case_action(request, ticket: str, action: str):
    if action not in ACTIONS:
        raise Http404(_("Tindakan tidak dikenal."))
    case = selectors.case_get_for_official(ticket=ticket, user=request.user)
    form = _action_form(action, data=request.POST)
    if not form.is_valid():
        return _case_page(request, ticket, forms={action: form}, status=400)
    workflow.perform(action, case=case, by=request.user, **form.workflow_kwargs())
    messages.success(request, _("Tersimpan: %(action)s.") % {"action": Action(action).label})
    return redirect("official-case", ticket)


@never_cache
@official_required
@require_POST
@domain_errors(on_error=_case_page_again)
def case_identity(request, ticket: str):
    """Show the reporter's identity once, recording that this official looked."""
    case = selectors.case_get_for_official(ticket=ticket, user=request.user)
    reporter = services.reporter_identity_reveal(case=case, by=request.user)
    return _case_page(request, ticket, identity={"reporter": reporter})


@official_required
@require_POST
def case_bulk(request):
    """One action on the cases ticked in the queue; the queue again, with what was done and refused."""
    form = BulkForm(data=request.POST)
    if not form.is_valid():
        for name, field_errors in form.errors.items():
            label = form.fields[name].label if name in form.fields else ""
            messages.error(request, f"{label}: {' '.join(field_errors)}" if label else " ".join(field_errors))
        return back(request)
    result = services.cases_bulk_perform(
        action=form.cleaned_data["action"],
        tickets=form.cleaned_data["tickets"],
        by=request.user,
        **form.workflow_kwargs(),
    )
    done = ngettext_lazy("%(action)s: %(count)d kasus.", "%(action)s: %(count)d kasus.", "count")
    # What was done, as the timeline says it ("Laporan ditolak"), not the button's words.
    say_result(request, result, done_message=done, values={"action": Action(form.cleaned_data["action"]).label})
    return back(request)
