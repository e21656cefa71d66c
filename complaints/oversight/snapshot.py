"""The dashboard's figures and the queue's counts, answered from a snapshot so the pages do not
grow with the cases.

Computing every figure scans the cases (3.7 s at 1M cases on PostgreSQL, bench/). The dashboard
and `GET /api/v1/stats/` instead read a snapshot per jurisdiction, filters and day, kept in the
cache with a fingerprint of the data (the newest case, timeline event and delivery: every change
to a case writes a timeline event). A snapshot is:
- exact while the fingerprint is unchanged (a quiet office always sees current figures);
- served while younger than DASHBOARD_STALE_SECONDS after the data changed, a task computing the
  new one in the background (a busy day: figures a minute old at most, the page still fast);
- computed in the request when there is none, or it is older than that.
Each figure carries `as_of`, the time it was computed, and the page says it.
"""

import dataclasses
import datetime
import hashlib
import json

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max
from django.utils import timezone

from .. import jurisdiction
from ..models import Case, CaseEvent, Forwarding
from ..triage.filters import CaseFilters
from . import stats

KEY_PREFIX = "oversight:figures:v1:"


def fingerprint() -> list:
    """What changes whenever a figure could (a new case, a timeline event, a delivery): three
    index look-ups."""
    newest_case = Case.objects.aggregate(newest=Max("pk"))["newest"]
    newest_event = CaseEvent.objects.aggregate(newest=Max("pk"))["newest"]
    newest_delivery = Forwarding.objects.aggregate(newest=Max("sent_at"))["newest"]
    return [newest_case, newest_event, newest_delivery.isoformat() if newest_delivery else None]


def _filters_data(filters: CaseFilters) -> dict:
    return {
        name: value.isoformat() if isinstance(value, datetime.date) else value
        for name, value in dataclasses.asdict(filters).items()
    }


def filters_from(data: dict) -> CaseFilters:
    dates = {
        name: datetime.date.fromisoformat(data[name]) if data.get(name) else None for name in ("date_from", "date_to")
    }
    return CaseFilters(**{**data, **dates})


def _computers() -> dict:
    """What a snapshot of each kind holds: the dashboard's figures, the queue's counts."""
    from ..triage import selectors

    return {
        "dashboard": lambda user, filters, today: stats.figures(user=user, filters=filters, today=today),
        "queue": lambda user, filters, today: selectors.queue_counts(user=user, filters=filters),
    }


def key(*, user, filters: CaseFilters, today: datetime.date, kind: str = "dashboard") -> str:
    """The snapshot's cache key: what (kind), whose cases (the jurisdiction, and the official for
    `mine`), which filters, which day (deadlines are counted against today)."""
    scope = sorted(jurisdiction.regions_of(user))
    owner = user.pk if filters.mine else None
    content = json.dumps([kind, scope, owner, _filters_data(filters), today.isoformat()], sort_keys=True)
    return KEY_PREFIX + hashlib.sha256(content.encode()).hexdigest()


def compute(*, user, filters: CaseFilters, today: datetime.date, kind: str = "dashboard", stamp=None):
    """Compute the snapshot's content and keep it (with `stamp`, the fingerprint read before)."""
    stamp = stamp or fingerprint()
    value = _computers()[kind](user, filters, today)
    kept = {"stamp": stamp, "at": timezone.now(), "value": value}
    cache.set(key(user=user, filters=filters, today=today, kind=kind), kept, _kept_seconds())
    return value


def _kept_seconds() -> int:
    return max(settings.DASHBOARD_STALE_SECONDS * 10, 600)


def current(*, user, filters: CaseFilters, kind: str):
    """Return the snapshot's content when it is current or fresh enough (see above), else compute it."""
    today = timezone.localdate()
    cache_key = key(user=user, filters=filters, today=today, kind=kind)
    kept = cache.get(cache_key)
    stamp = fingerprint()
    if kept is not None:
        if kept["stamp"] == stamp:
            return kept["value"]
        age = timezone.now() - kept["at"]
        # Without a broker a refresh would run in this request anyway: compute the current ones.
        fresh = age <= datetime.timedelta(seconds=settings.DASHBOARD_STALE_SECONDS)
        if fresh and not settings.CELERY_TASK_ALWAYS_EAGER:
            _refresh_later(cache_key, user=user, filters=filters, today=today, kind=kind)
            return kept["value"]
    return compute(user=user, filters=filters, today=today, kind=kind, stamp=stamp)


def figures(*, user, filters: CaseFilters) -> stats.Figures:
    """Return the dashboard's figures."""
    return current(user=user, filters=filters, kind="dashboard")


def queue_counts(*, user, filters: CaseFilters) -> dict:
    """Return the queue's counts: per status tab, and its rows (an incident one row)."""
    return current(user=user, filters=filters, kind="queue")


def _refresh_later(cache_key: str, *, user, filters: CaseFilters, today: datetime.date, kind: str) -> None:
    """Queue one computation of the snapshot, however many officials open the page meanwhile."""
    from ..tasks import refresh_dashboard

    if cache.add(cache_key + ":refreshing", True, settings.DASHBOARD_STALE_SECONDS or 1):
        refresh_dashboard.delay(user_id=user.pk, filters=_filters_data(filters), day=today.isoformat(), kind=kind)


def refresh(*, user_id: int, filters: dict, day: str, kind: str = "dashboard") -> None:
    """The task's work: compute the snapshot for the official's view (they may have left since)."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is not None:
        compute(user=user, filters=filters_from(filters), today=datetime.date.fromisoformat(day), kind=kind)
