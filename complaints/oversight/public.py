"""Transparency statistics for everyone (DESIGN §6, `/statistik/`, `GET /api/v1/public-stats/`).

Counts only: no names, NIPs or tickets. A count of 1 to PUBLIC_STATS_MIN - 1 is suppressed
(published as null, shown as "<5"), so a civil servant in a small province cannot be picked out.
A cell that could be worked out from the others is suppressed too: where a table's cells add up
to a published total and only one of them is suppressed, the smallest other non-zero cell is
suppressed with it (or the total, when there is none). Figures are computed for everyone at
once and cached, so the page is no slower than the landing page.
"""

import datetime

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, F, Q
from django.db.models.functions import Substr, TruncMonth
from django.utils import timezone

from ..models import Case, Forwarding
from .stats import SANCTIONS, percentiles

CACHE_KEY = "oversight:public-stats:v1"
CACHE_SECONDS = 600  # the published figures are at most ten minutes old
MEASURES = ["received", "forwarded", "outcome_reported", "sanctioned"]  # the columns of each table
DIMENSIONS = {
    "province": Substr("asn_region_id", 1, 2),
    "election": "election__slug",
    "platform": "platform",
    "month": TruncMonth("submitted_at"),
}


def suppress(cells: dict[str, int], *, total: int | None = None) -> tuple[dict[str, int | None], int | None]:
    """Return the cells and their total with every small count, and every count that could be
    worked out from the published ones, replaced by None.

    Against a published total, the hidden cells must be at least two and add up to at least
    the minimum: otherwise one hidden cell is the total less the others, or two hidden cells
    adding up to 2 are 1 each. The smallest published non-zero cell is hidden until that holds,
    or the total is hidden when no cell is left to hide.
    """
    minimum = settings.PUBLIC_STATS_MIN
    shown: dict[str, int | None] = {key: None if 0 < value < minimum else value for key, value in cells.items()}
    if total is None:
        return shown, None
    if 0 < total < minimum:
        return shown, None
    while hidden := [key for key, value in shown.items() if value is None]:
        hidden_sum = total - sum(value for value in shown.values() if value is not None)
        if len(hidden) >= 2 and hidden_sum >= minimum:
            break
        published = sorted((value, key) for key, value in shown.items() if value)
        if not published:
            return shown, None
        shown[published[0][1]] = None
    return shown, total


def _key(field):
    return F(field) if isinstance(field, str) else field


def _table(dimension, cases) -> dict[str, dict[str, int]]:
    """Count each measure per value of the dimension (one query; subqueries, so no join doubles a case)."""
    has_forwarding = Forwarding.objects.values("case_id")
    reported = Forwarding.objects.exclude(outcome="").values("case_id")
    sanctioned = Forwarding.objects.filter(outcome__in=SANCTIONS).values("case_id")
    rows = (
        cases.order_by()
        .values(value=_key(dimension))
        .annotate(
            received=Count("pk"),
            forwarded=Count("pk", filter=Q(pk__in=has_forwarding)),
            outcome_reported=Count("pk", filter=Q(pk__in=reported)),
            sanctioned=Count("pk", filter=Q(pk__in=sanctioned)),
        )
    )
    table = {}
    for row in rows:
        value = row["value"]
        name = value.strftime("%Y-%m") if isinstance(value, datetime.date) else str(value)
        table[name] = {measure: row[measure] for measure in MEASURES}
    return table


def _suppressed_table(table: dict[str, dict[str, int]]) -> tuple[list[dict], dict[str, int | None]]:
    """Suppress each column of a table against its total; return its rows and its totals."""
    rows = {key: {} for key in table}
    totals = {}
    for measure in MEASURES:
        column = {key: counts[measure] for key, counts in table.items()}
        shown, totals[measure] = suppress(column, total=sum(column.values()))
        for key, value in shown.items():
            rows[key][measure] = value
    return [{"key": key, **values} for key, values in sorted(rows.items())], totals


def compute() -> dict:
    """Compute every published figure (uncached)."""
    cases = Case.objects.all()
    total = cases.count()
    tables = {}
    for name, dimension in DIMENSIONS.items():
        rows, totals = _suppressed_table(_table(dimension, cases))
        tables[name] = {"rows": rows, "totals": totals}
    by_status, _total = suppress(_counts(cases, "status"), total=total)
    by_category, _total = suppress(
        {key or "unclassified": n for key, n in _counts(cases, "category").items()}, total=total
    )
    by_province, _total = suppress(_counts(cases, DIMENSIONS["province"]), total=total)
    by_platform, _total = suppress(_counts(cases, "platform"), total=total)
    forwardings = Forwarding.objects.order_by()
    today = timezone.localdate()
    follow_up = forwardings.aggregate(
        sent=Count("pk", filter=Q(delivery=Forwarding.Delivery.SENT)),
        acknowledged=Count("pk", filter=Q(acknowledged_at__isnull=False)),
        outcome_reported=Count("pk", filter=~Q(outcome="")),
        overdue=Count("pk", filter=Q(outcome="", due_on__lt=today)),
    )
    outcomes, _total = suppress(_counts(forwardings.exclude(outcome=""), "outcome"))
    acted = cases.filter(first_action_at__isnull=False).count()
    median = percentiles(cases, start="submitted_at", end="first_action_at", fractions=[0.5])[0]
    overdue = cases.filter(status__in=Case.OPEN_STATUSES, deadline__lt=today).count()
    minimum = settings.PUBLIC_STATS_MIN
    return {
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "suppressed_below": minimum,
        "total": total if not 0 < total < minimum else None,
        "by_status": by_status,
        "by_category": by_category,
        "by_province": by_province,
        "by_platform": by_platform,
        "overdue": overdue if not 0 < overdue < minimum else None,
        "forwardings": {key: None if 0 < value < minimum else value for key, value in follow_up.items()},
        "outcomes": outcomes,
        "median_hours_to_first_action": median if acted >= minimum else None,
        "tables": tables,
    }


def _counts(cases, field) -> dict[str, int]:
    rows = cases.order_by().values(value=_key(field)).annotate(n=Count("pk")).values_list("value", "n")
    return {str(value): n for value, n in rows}


def figures() -> dict:
    """Return the published figures, from the cache when they are fresh."""
    found = cache.get(CACHE_KEY)
    if found is None:
        found = compute()
        cache.set(CACHE_KEY, found, CACHE_SECONDS)
    return found
