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
CACHE_SECONDS = 600  # the published figures are ten minutes old, or a refresh is under way
KEPT_SECONDS = 86400
MEASURES = ["received", "forwarded", "outcome_reported", "sanctioned"]  # the columns of each table
DIMENSIONS = {  # each over the case itself, or over a relation to it (`case__`)
    "province": lambda through="": Substr(f"{through}asn_region_id", 1, 2),
    "election": lambda through="": F(f"{through}election__slug"),
    "platform": lambda through="": F(f"{through}platform"),
    "month": lambda through="": TruncMonth(f"{through}submitted_at"),
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


def _table(dimension, cases) -> dict[str, dict[str, int]]:
    """Count each measure per value of the dimension over every case: cases received in one
    grouped query, and the forwarded ones in one grouped join of the forwardings to their cases (a case counted once
    however many agencies it went to). Two scans; no subquery per row."""
    received = cases.order_by().values(value=dimension()).annotate(received=Count("pk"))
    forwarded = (
        Forwarding.objects.order_by()
        .values(value=dimension("case__"))
        .annotate(
            forwarded=Count("case_id", distinct=True),
            outcome_reported=Count("case_id", distinct=True, filter=~Q(outcome="")),
            sanctioned=Count("case_id", distinct=True, filter=Q(outcome__in=SANCTIONS)),
        )
    )
    table: dict[str, dict[str, int]] = {}
    for row in list(received) + list(forwarded):
        value = row.pop("value")
        name = value.strftime("%Y-%m") if isinstance(value, datetime.date) else str(value)
        table.setdefault(name, dict.fromkeys(MEASURES, 0)).update(row)
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
    by_province, _total = suppress(_counts(cases, DIMENSIONS["province"]()), total=total)
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
    rows = (
        cases.order_by()
        .values(value=F(field) if isinstance(field, str) else field)
        .annotate(n=Count("pk"))
        .values_list("value", "n")
    )
    return {str(value): n for value, n in rows}


def figures() -> dict:
    """Return the published figures from the cache. Past CACHE_SECONDS they are still served while
    a task computes new ones (they take seconds at a million cases), so no citizen waits for them;
    only the very first request, or one without a broker, computes them in the request."""
    found = cache.get(CACHE_KEY)
    if found is None:
        return refresh()
    age = timezone.now() - datetime.datetime.fromisoformat(found["generated_at"])
    if age > datetime.timedelta(seconds=CACHE_SECONDS):
        if settings.CELERY_TASK_ALWAYS_EAGER:
            return refresh()
        if cache.add(CACHE_KEY + ":refreshing", True, CACHE_SECONDS):
            from ..tasks import refresh_public_stats

            refresh_public_stats.delay()
    return found


def refresh() -> dict:
    """Compute the published figures and keep them (a day at most, should no one ask)."""
    found = compute()
    cache.set(CACHE_KEY, found, KEPT_SECONDS)
    cache.delete(CACHE_KEY + ":refreshing")
    return found
