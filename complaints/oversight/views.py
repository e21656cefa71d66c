"""Oversight pages: the dashboard and the agency reminder (`/petugas/dasbor/`), the register
(`/petugas/asn/`), the export (`/petugas/ekspor/`), and the public statistics (`/statistik/`)."""

import csv

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from .. import jurisdiction, permissions
from ..forwarding import services as forwarding_services
from ..models import Agency, Election, Platform
from ..responses import domain_errors, export_response, official_required
from ..triage.filters import CaseFilters, QueueFilterForm
from ..triage.selectors import cases_filtered
from . import dashboard as page
from . import public, register, snapshot, stats, tilemap
from .forms import ExportForm, RegisterFilterForm

REGISTER_PAGE_SIZE = 50


def _filters(request) -> tuple[QueueFilterForm, CaseFilters]:
    form = QueueFilterForm(request.GET)
    # A bad filter shows its message next to the field, and the figures of every case.
    return form, form.to_filters() if form.is_valid() else CaseFilters()


@never_cache
@official_required
@require_GET
def dashboard_view(request):
    form, filters = _filters(request)
    figures = snapshot.figures(user=request.user, filters=filters)
    links = page.Links(dict(request.GET.lists()))
    tables = page.sections(figures, links)
    context = {
        "form": form,
        "figures": figures,
        "tables": tables,
        "charts": page.chart_data(figures, tables),
        "map": {"tiles": tables["map"], "width": tilemap.WIDTH, "height": tilemap.HEIGHT, "tile": tilemap.TILE},
        "may_remind": permissions.has(request.user, permissions.COORDINATE),
        "regions": jurisdiction.regions_named(request.user),
        "query": request.GET.urlencode(),
        "without_agency": _without(request.GET, "agency"),
    }
    return render(request, "officials/dashboard.html", context)


def _without(query, name: str) -> str:
    kept = query.copy()
    kept.pop(name, None)
    return kept.urlencode()


def _back_to_dashboard(request, error, status, *args, **kwargs):
    messages.error(request, error.message)
    return redirect(reverse("official-dashboard") + "?" + request.POST.get("query", ""))


@official_required
@require_POST
@domain_errors(on_error=_back_to_dashboard)
def agency_remind(request, agency_id: int):
    """Remind an agency of the dossiers it has not answered (koordinator), once a day."""
    agency = get_object_or_404(Agency, pk=agency_id)
    cases = jurisdiction.cases_for(request.user)
    count = forwarding_services.agency_remind(agency=agency, cases=cases, by=request.user)
    sent = ngettext(
        "Pengingat dikirim ke %(agency)s: %(count)d berkas.",
        "Pengingat dikirim ke %(agency)s: %(count)d berkas.",
        count,
    ) % {"agency": agency.name, "count": count}
    messages.success(request, sent)
    return redirect(reverse("official-dashboard") + "?" + request.POST.get("query", ""))


@never_cache
@official_required
@require_GET
def register_view(request):
    form = RegisterFilterForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {"q": "", "region": "", "key": ""}
    rows = register.people_list(user=request.user, q=data["q"], region=data["region"], key=data["key"])
    people_page = Paginator(rows, REGISTER_PAGE_SIZE).get_page(request.GET.get("page"))
    entries = register.people_detail(list(people_page.object_list), user=request.user)
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": people_page, "entries": entries, "query": query.urlencode()}
    return render(request, "officials/register.html", context)


@never_cache
@official_required
@require_GET
@domain_errors()
def export_view(request):
    """The queue under its filters as CSV or XLSX, for roles with the export permission."""
    permissions.require(request.user, permissions.EXPORT, _("Peran Anda tidak boleh mengekspor daftar kasus."))
    form, export = QueueFilterForm(request.GET), ExportForm(request.GET)
    if not (form.is_valid() and export.is_valid()):
        return render(request, "problem.html", {"message": _form_problem(form, export)}, status=400)
    filters = form.to_filters()
    cases = cases_filtered(filters, user=request.user)
    if filters.status:
        cases = cases.filter(status=filters.status)
    return export_response(request, cases=cases.order_by("submitted_at", "pk"), kind=export.cleaned_data["file"])


def _form_problem(*forms) -> str:
    return " ".join(f"{name}: {' '.join(errors)}" for form in forms for name, errors in form.errors.items())


def _public_tables(figures: dict, names: dict[str, str]) -> dict[str, dict]:
    """The public tables as the page shows them: labelled rows, suppressed counts as "<min"."""
    hidden = f"<{figures['suppressed_below']}"
    labels = {
        "province": names,
        "election": dict(Election.objects.values_list("slug", "name")),
        "platform": dict(Platform.choices),
        "month": {},
    }

    def cells(counts: dict) -> list:
        return [hidden if counts[measure] is None else counts[measure] for measure in public.MEASURES]

    return {
        dimension: {
            "id": dimension,
            "rows": [
                {"key": row["key"], "label": labels[dimension].get(row["key"], row["key"]), "cells": cells(row)}
                for row in table["rows"]
            ],
            "totals": cells(table["totals"]),
        }
        for dimension, table in figures["tables"].items()
    }


@require_GET
def public_statistics(request):
    figures = public.figures()
    names = stats.province_names()
    context = {
        "figures": figures,
        "tables": _public_tables(figures, names),
        "map": {
            "tiles": tilemap.tiles(figures["by_province"], names),
            "width": tilemap.WIDTH,
            "height": tilemap.HEIGHT,
            "tile": tilemap.TILE,
        },
        "minimum": settings.PUBLIC_STATS_MIN,
    }
    return render(request, "complaints/statistics.html", context)


@require_GET
def public_statistics_csv(request):
    """The public tables as open data: one row per dimension value, suppressed counts as "<5"."""
    figures = public.figures()
    day = timezone.localtime(timezone.datetime.fromisoformat(figures["generated_at"])).date().isoformat()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="statistik-netralitas-asn-{day}.csv"'
    hidden = f"<{figures['suppressed_below']}"
    writer = csv.writer(response)
    writer.writerow(["as_of", "dimension", "key", *public.MEASURES])
    for dimension, table in figures["tables"].items():
        for key, counts in [*((row["key"], row) for row in table["rows"]), ("total", table["totals"])]:
            shown = [hidden if counts[measure] is None else counts[measure] for measure in public.MEASURES]
            writer.writerow([day, dimension, key, *shown])
    return response
