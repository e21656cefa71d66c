"""The dashboard's figures as the page shows them: labelled rows, each linking to the queue
filtered to it (so a count on the dashboard is the queue's count), charts' data and the map."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from ..models import Behaviour, Case, Category, Election, Platform, RejectionReason
from ..triage.filters import Due, Step
from . import tilemap
from .stats import UNCLASSIFIED, Figures, province_names


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    count: int
    url: str


class Links:
    """Links to the queue under the dashboard's own filters, with one figure's filters added."""

    def __init__(self, query: dict[str, list[str]]):
        self.query = {name: values for name, values in query.items() if name != "page"}

    def queue(self, **params) -> str:
        query = self.query | {name: [str(value)] for name, value in params.items()}
        encoded = urlencode(query, doseq=True)
        return reverse("official-queue") + (f"?{encoded}" if encoded else "")


def _rows(counts: dict[str, int], labels: dict[str, str], links: Links, param: str | None) -> list[Row]:
    """Rows in the order of `labels` (every known value, zeros included), then any other value."""
    keys = [*labels, *sorted(key for key in counts if key not in labels)]
    return [
        Row(
            key=key,
            label=str(labels.get(key, key)),
            count=counts.get(key, 0),
            url=links.queue(**{param: key}) if param and counts.get(key) else "",
        )
        for key in keys
    ]


def sections(figures: Figures, links: Links) -> dict:
    """Return the page's tables: each a list of rows with a label, a count and a link."""
    names = province_names()
    categories = dict(Category.choices) | {UNCLASSIFIED: _("Belum diklasifikasi")}
    behaviours = dict(Behaviour.objects.order_by("position").values_list("code", "name"))
    elections = dict(Election.objects.order_by("-voting_date").values_list("slug", "name"))
    category_rows = [  # the queue has no filter for "not classified yet": that row links nowhere
        row if row.key != UNCLASSIFIED else Row(row.key, row.label, row.count, "")
        for row in _rows(figures.by_category, categories, links, "category")
    ]
    return {
        "status": _rows(figures.by_status, dict(Case.Status.choices), links, "status"),
        "category": category_rows,
        "behaviour": [row for row in _rows(figures.by_behaviour, behaviours, links, "behaviour") if row.count],
        "platform": _rows(figures.by_platform, dict(Platform.choices), links, "platform"),
        "election": [row for row in _rows(figures.by_election, elections, links, "election") if row.count],
        "province": _rows(figures.by_province, names, links, "region"),
        "source": _rows(figures.by_source, dict(Case.Source.choices), links, "source"),
        "rejected": _rows(figures.rejected["by_reason"], dict(RejectionReason.choices), links, "reason"),
        "deadlines": [
            {
                "label": label,
                "cells": [
                    (
                        figures.deadlines[step][health],
                        links.queue(step=step, due=due) if figures.deadlines[step][health] else "",
                    )
                    for health, due in (("due_today", Due.TODAY), ("due_week", Due.WEEK), ("overdue", Due.OVERDUE))
                ],
            }
            for step, label in Step.choices
        ],
        "map": tilemap.tiles(figures.by_province, names, url_for=lambda code: links.queue(region=code)),
        "agencies": [dict(row, url=links.queue(agency=row["agency_id"])) for row in figures.agencies],
    }


def chart_data(figures: Figures, tables: dict) -> dict:
    """The charts' data for static/js/dashboard.js; the tables beside them carry the same."""
    return {
        "status": {
            "labels": [row.label for row in tables["status"]],
            "values": [row.count for row in tables["status"]],
        },
        "per_day": {
            "labels": [day["day"].isoformat() for day in figures.per_day],
            "series": [
                {
                    "label": pgettext("jumlah per hari", "Laporan warga"),
                    "values": [day["laporan"] for day in figures.per_day],
                },
                {
                    "label": pgettext("jumlah per hari", "Temuan petugas"),
                    "values": [day["temuan"] for day in figures.per_day],
                },
            ],
        },
    }
