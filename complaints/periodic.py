"""Periodic work without a broker (DESIGN §7): the jobs of CELERY_BEAT_SCHEDULE, run in process.

With Redis, Celery beat runs them. In the embedded default (`make run`) there is no beat, so
`manage.py run_periodic` runs each job when it is due, remembering the last run in the database
(`PeriodicRun`), so that any number of such processes run each job once.
"""

import logging

from celery import current_app
from celery.schedules import crontab, maybe_schedule
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import PeriodicRun

logger = logging.getLogger(__name__)


def _first_last_run(schedule) -> timezone.datetime:
    """When a job has never run: an interval job is due at once, a daily one at its next hour."""
    now = timezone.now()
    return now if isinstance(schedule, crontab) else now - schedule.run_every


def run_due() -> list[str]:
    """Run every job of the schedule that is due now; return the names of those that ran."""
    ran = []
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        schedule = maybe_schedule(entry["schedule"], app=current_app)
        with transaction.atomic():
            run, _created = PeriodicRun.objects.select_for_update().get_or_create(
                name=name, defaults={"last_run_at": _first_last_run(schedule)}
            )
            if not schedule.is_due(run.last_run_at).is_due:
                continue
            run.last_run_at = timezone.now()
            run.save(update_fields=["last_run_at"])
        try:
            current_app.tasks[entry["task"]].apply(throw=True)
        except Exception:  # one failing job must not stop the others; it runs again when next due
            logger.exception("Periodic job %s failed", name)
            continue
        ran.append(name)
    return ran
