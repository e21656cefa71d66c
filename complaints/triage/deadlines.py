"""Deadlines of DOMAIN.md: the report window and the review steps, per election type.

Days are working days or calendar days (setting DEADLINE_DAYS). Working days skip weekends,
Indonesian public holidays (the `holidays` package) and the collective leave days (cuti
bersama) listed in the CUTI_BERSAMA setting, which the government announces each year.
"""

import datetime
from functools import lru_cache

import holidays
from django.conf import settings
from django.utils import timezone

from ..models import Case


@lru_cache(maxsize=16)
def _public_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("ID", years=year)


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _public_holidays(day.year) and day not in settings.CUTI_BERSAMA


def add_days(start: datetime.date, days: int) -> datetime.date:
    """Return the day `days` days after `start`, counted as the DEADLINE_DAYS setting says."""
    if settings.DEADLINE_DAYS == "calendar":
        return start + datetime.timedelta(days=days)
    day = start
    for _counted in range(days):
        day += datetime.timedelta(days=1)
        while not is_working_day(day):
            day += datetime.timedelta(days=1)
    return day


def _rules(case: Case) -> dict[str, int]:
    return settings.DEADLINES[case.election.type]


def report_is_late(*, known_date: datetime.date, submitted_on: datetime.date, election_type: str) -> bool:
    """Return whether a report came after the window counted from the day it became known.

    A late report is flagged for the verifier, never refused (DOMAIN.md).
    """
    return submitted_on > add_days(known_date, settings.DEADLINES[election_type]["report_window"])


def deadline_for(case: Case, *, entered_on: datetime.date | None = None) -> datetime.date | None:
    """Return the deadline of the case's current step, or None for a finished case.

    `entered_on` is the day the case entered its status (used while waiting for the reporter).
    """
    submitted_on = timezone.localdate(case.submitted_at)
    if case.status in (Case.Status.RECEIVED, Case.Status.IN_REVIEW):
        return add_days(submitted_on, _rules(case)["initial_review"])
    if case.status == Case.Status.NEEDS_INFO:
        return add_days(entered_on or timezone.localdate(), settings.NEEDS_INFO_DAYS)
    if case.status in (Case.Status.VERIFIED, Case.Status.CLASSIFIED):
        return add_days(submitted_on, _rules(case)["handling"])
    if case.status == Case.Status.FORWARDED:  # agencies silent past this appear in the digest
        return add_days(entered_on or timezone.localdate(), settings.AGENCY_RESPONSE_DAYS)
    return None
