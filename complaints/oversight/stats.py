"""The figures of the pipeline (DESIGN §6, `/petugas/dasbor/`, `GET /api/v1/stats/`): where cases
are, which deadlines are near or past, which agencies answer, how fast the office acts.

Every figure is computed from the queue's own filtered cases (`triage.selectors.cases_filtered`),
so a count on the dashboard is the count of the queue it links to. Each figure is one grouped
query, so the number of queries does not grow with the number of cases.
"""

import datetime
import statistics
from dataclasses import dataclass

from django.contrib.postgres.fields import ArrayField
from django.db import connection
from django.db.models import Aggregate, Count, F, FloatField, Func, Q, QuerySet
from django.db.models.functions import Substr, TruncDate
from django.utils import timezone

from ..models import Case, Forwarding, Region
from ..triage.filters import STEP_STATUSES, CaseFilters, Step
from ..triage.selectors import cases_filtered

DAY = datetime.timedelta(days=1)
WEEK_DAYS = 7
FLOW_DAYS = 30  # the flow chart's days when no period is chosen
OLDEST_SHOWN = 10
UNCLASSIFIED = "unclassified"  # a case not classified yet, in by_category
SANCTIONS = [Forwarding.Outcome.MORAL_SANCTION, Forwarding.Outcome.DISCIPLINE_SANCTION]


class _Percentiles(Aggregate):
    """PostgreSQL's percentile_cont over an expression, for several fractions at once (an array)."""

    function = "percentile_cont"
    template = "%(function)s(ARRAY[%(fractions)s]) WITHIN GROUP (ORDER BY %(expressions)s)"

    def __init__(self, expression, fractions: list[float]):
        joined = ", ".join(str(float(fraction)) for fraction in fractions)
        super().__init__(expression, fractions=joined, output_field=ArrayField(FloatField()))


class _EpochSeconds(Func):
    template = "EXTRACT(EPOCH FROM %(expressions)s)"
    output_field = FloatField()


def percentiles(rows: QuerySet, *, start: str, end: str, fractions: list[float]) -> list[float | None]:
    """Return percentiles of (`end` - `start`) in hours over `rows`: in PostgreSQL, or in Python
    on SQLite (the embedded default, a small office's data)."""
    rows = rows.filter(**{f"{end}__isnull": False}).order_by()
    if connection.vendor == "postgresql":
        found = rows.aggregate(p=_Percentiles(_EpochSeconds(F(end) - F(start)), fractions))
        values = found["p"] or [None] * len(fractions)
        return [None if value is None else round(value / 3600, 1) for value in values]
    hours = sorted((later - earlier).total_seconds() / 3600 for earlier, later in rows.values_list(start, end))
    return [_percentile(hours, fraction) for fraction in fractions]


def _percentile(sorted_values: list[float], fraction: float) -> float | None:
    """Linear interpolation between the closest ranks, as percentile_cont does."""
    if not sorted_values:
        return None
    if len(sorted_values) == 1:
        return round(sorted_values[0], 1)
    quantiles = statistics.quantiles(sorted_values, n=100, method="inclusive")
    exact = {0.5: statistics.median(sorted_values)}
    value = exact.get(fraction, quantiles[round(fraction * 100) - 1])
    return round(value, 1)


@dataclass(frozen=True)
class Figures:
    total: int
    by_status: dict[str, int]
    by_category: dict[str, int]
    by_behaviour: dict[str, int]
    by_platform: dict[str, int]
    by_election: dict[str, int]
    by_province: dict[str, int]
    by_source: dict[str, int]
    overdue: int
    deadlines: dict[str, dict[str, int]]  # step → {due_today, due_week, overdue}
    forwardings: dict[str, int]
    agencies: list[dict]
    per_day: list[dict]
    first_action: dict
    rejected: dict
    oldest_open: list[Case]
    as_of: datetime.datetime  # when the figures were computed (oversight/snapshot.py)


def _grouped(cases: QuerySet, field, *, keep_blank: bool = False) -> dict[str, int]:
    """Count the cases by `field` (a name or an expression), in one query."""
    key = F(field) if isinstance(field, str) else field
    rows = cases.order_by().values(key=key).annotate(count=Count("pk")).values_list("key", "count")
    return {str(value or ""): count for value, count in rows if keep_blank or value not in (None, "")}


def _status_and_deadlines(cases: QuerySet, today: datetime.date) -> tuple[dict, dict]:
    """Count each status, and each step's deadlines due today, within a week, and past (one query)."""
    is_open = Q(status__in=Case.OPEN_STATUSES)
    rows = (
        cases.order_by()
        .values("status")
        .annotate(
            count=Count("pk"),
            due_today=Count("pk", filter=is_open & Q(deadline=today)),
            due_week=Count("pk", filter=is_open & Q(deadline__gt=today, deadline__lte=today + WEEK_DAYS * DAY)),
            overdue=Count("pk", filter=is_open & Q(deadline__lt=today)),
        )
    )
    by_status = dict.fromkeys(Case.Status.values, 0)
    deadlines = {step: {"due_today": 0, "due_week": 0, "overdue": 0} for step in Step.values}
    step_of = {status: step for step, statuses in STEP_STATUSES.items() for status in statuses}
    for row in rows:
        by_status[row["status"]] = row["count"]
        if row["status"] in step_of:
            for health in ("due_today", "due_week", "overdue"):
                deadlines[step_of[row["status"]]][health] += row[health]
    return by_status, deadlines


def _forwardings(cases: QuerySet, today: datetime.date) -> tuple[dict, list[dict]]:
    """Count the agencies' follow-up overall and per agency, the silent ones first."""
    forwardings = Forwarding.objects.filter(case__in=cases.order_by().values("pk")).order_by()
    counts = {
        "sent": Count("pk", filter=Q(delivery=Forwarding.Delivery.SENT)),
        "acknowledged": Count("pk", filter=Q(acknowledged_at__isnull=False)),
        "outcome_reported": Count("pk", filter=~Q(outcome="")),
        "overdue": Count("pk", filter=Q(outcome="", due_on__lt=today)),
    }
    overall = forwardings.aggregate(forwarded=Count("pk"), **counts)
    rows = list(
        forwardings.values("agency_id", name=F("agency__name"), kind=F("agency__kind")).annotate(
            forwarded=Count("pk"), **counts
        )
    )
    medians = _median_days_to_outcome(forwardings)
    for row in rows:
        row["never_answered"] = row["acknowledged"] == 0 and row["outcome_reported"] == 0
        row["median_days_to_outcome"] = medians.get(row["agency_id"])
    rows.sort(key=lambda row: (not row["never_answered"], -row["overdue"], -row["forwarded"], row["name"]))
    return overall, rows


def _median_days_to_outcome(forwardings: QuerySet) -> dict[int, float]:
    reported = forwardings.filter(outcome_at__isnull=False)
    if connection.vendor == "postgresql":
        rows = reported.values("agency_id").annotate(
            p=_Percentiles(_EpochSeconds(F("outcome_at") - F("created_at")), [0.5])
        )
        return {row["agency_id"]: round(row["p"][0] / 86400, 1) for row in rows}
    days: dict[int, list[float]] = {}
    for agency_id, created, decided in reported.values_list("agency_id", "created_at", "outcome_at"):
        days.setdefault(agency_id, []).append((decided - created).total_seconds() / 86400)
    return {agency_id: round(statistics.median(values), 1) for agency_id, values in days.items()}


def _per_day(cases: QuerySet, filters: CaseFilters, today: datetime.date) -> list[dict]:
    """Reports and findings per day over the period (the last FLOW_DAYS days when none is chosen)."""
    last = min(filters.date_to or today, today)
    first = filters.date_from or last - (FLOW_DAYS - 1) * DAY
    if (last - first).days > 366:
        first = last - 365 * DAY  # a year of days at most on one chart
    start = timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))
    end = timezone.make_aware(datetime.datetime.combine(last + DAY, datetime.time.min))
    rows = (
        cases.filter(submitted_at__gte=start, submitted_at__lt=end)
        .order_by()
        .values(day=TruncDate("submitted_at", tzinfo=timezone.get_current_timezone()))
        .annotate(
            laporan=Count("pk", filter=Q(source=Case.Source.LAPORAN)),
            temuan=Count("pk", filter=Q(source=Case.Source.TEMUAN)),
        )
    )
    counted = {row["day"]: row for row in rows}
    days = [first + offset * DAY for offset in range((last - first).days + 1)]
    return [
        {"day": day, "laporan": counted.get(day, {}).get("laporan", 0), "temuan": counted.get(day, {}).get("temuan", 0)}
        for day in days
    ]


def _rejected(cases: QuerySet, total: int) -> dict:
    rows = _grouped(cases.filter(status=Case.Status.REJECTED), "rejection_reason")
    count = sum(rows.values())
    return {"count": count, "share": round(count / total, 3) if total else 0.0, "by_reason": rows}


def figures(*, user, filters: CaseFilters, today: datetime.date | None = None) -> Figures:
    """Return every figure of the dashboard for the official's cases under the queue's filters."""
    today = today or timezone.localdate()
    cases = cases_filtered(filters, user=user)
    if filters.status:
        cases = cases.filter(status=filters.status)
    by_status, deadlines = _status_and_deadlines(cases, today)
    total = sum(by_status.values())
    by_category = {key or UNCLASSIFIED: n for key, n in _grouped(cases, "category", keep_blank=True).items()}
    overall, agencies = _forwardings(cases, today)
    median, p90 = percentiles(cases, start="submitted_at", end="first_action_at", fractions=[0.5, 0.9])
    return Figures(
        total=total,
        by_status=by_status,
        by_category=by_category,
        by_behaviour=_grouped(cases, "behaviour__code"),
        by_platform=_grouped(cases, "platform"),
        by_election=_grouped(cases, "election__slug"),
        by_province=_grouped(cases, Substr("asn_region_id", 1, 2)),
        by_source=_grouped(cases, "source"),
        overdue=sum(step["overdue"] for step in deadlines.values()),
        deadlines=deadlines,
        forwardings=overall,
        agencies=agencies,
        per_day=_per_day(cases, filters, today),
        first_action={
            "median_hours": median,
            "p90_hours": p90,
            "count": cases.filter(first_action_at__isnull=False).count(),
        },
        rejected=_rejected(cases, total),
        oldest_open=list(
            cases.filter(status__in=Case.OPEN_STATUSES)
            .select_related("asn_region")
            .order_by("submitted_at", "pk")[:OLDEST_SHOWN]
        ),
        as_of=timezone.now(),
    )


def province_names() -> dict[str, str]:
    """Return every province's name by its code (the dashboard's and the map's labels)."""
    return dict(Region.objects.filter(level=Region.Level.PROVINCE).values_list("code", "name"))
