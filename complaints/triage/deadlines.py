"""Deadlines of DOMAIN.md, as data: days per step and election type, each step working or
calendar days (`DeadlineRule`), collective leave per year (`CollectiveLeave`).

Working days skip weekends, Indonesian public holidays (the `holidays` package) and collective
leave. The handling deadline runs from the verification, longer when the reporter was asked for
more; a forwarded case waits for the earliest agency still to answer.
"""

import datetime
from functools import lru_cache

from django.utils import timezone

from ..models import Case, CaseEvent, CollectiveLeave, DayType, DeadlineRule

Step = DeadlineRule.Step


@lru_cache(maxsize=16)
def _public_holidays(year: int):
    import holidays  # 11 MB: loaded where a deadline is first counted, not by every web process

    return holidays.country_holidays("ID", years=year)


def _collective_leave(start: datetime.date, end: datetime.date) -> set[datetime.date]:
    return set(CollectiveLeave.objects.filter(day__range=(start, end)).values_list("day", flat=True))


def _span_end(start: datetime.date, days: int) -> datetime.date:
    return start + datetime.timedelta(days=days * 3 + 30)  # a deadline never runs more than a few weeks


def add_days(start: datetime.date, days: int, day_type: str, *, leave: set | None = None) -> datetime.date:
    """Return the day `days` working or calendar days after `start` (`leave`: the collective
    leave of the span, if already read)."""
    if day_type == DayType.CALENDAR:
        return start + datetime.timedelta(days=days)
    if leave is None:  # the span's collective leave, read once
        leave = _collective_leave(start, _span_end(start, days))
    day = start
    for _counted in range(days):
        day += datetime.timedelta(days=1)
        while day.weekday() >= 5 or day in _public_holidays(day.year) or day in leave:
            day += datetime.timedelta(days=1)
    return day


def is_working_day(day: datetime.date) -> bool:
    return add_days(day - datetime.timedelta(days=1), 1, DayType.WORKING) == day


def _missing(election_type: str, step: str) -> LookupError:
    return LookupError(f"No deadline rule for {election_type} / {step}: add it in the admin.")


def rule(election_type: str, step: str) -> DeadlineRule:
    """Return the rule of a step; a missing one is a configuration error that names itself."""
    found = DeadlineRule.objects.filter(election_type=election_type, step=step).first()
    if found is None:
        raise _missing(election_type, step)
    return found


def after(start: datetime.date, *, election_type: str, step: str) -> datetime.date:
    """Return the deadline of `step` counted from `start`."""
    found = rule(election_type, step)
    return add_days(start, found.days, found.day_type)


def report_arrival(
    *, known_date: datetime.date, submitted_on: datetime.date, election_type: str
) -> tuple[bool, datetime.date]:
    """Return whether a report came after the window counted from the day it became known, and
    the deadline of its first review (`deadline_for` a received case): both rules read in one
    query, the collective leave of both spans in another. A late report is flagged for the
    verifier, never refused (DOMAIN.md)."""
    steps = (Step.REPORT_WINDOW, Step.INITIAL_REVIEW)
    found = {r.step: r for r in DeadlineRule.objects.filter(election_type=election_type, step__in=steps)}
    for step in steps:
        if step not in found:
            raise _missing(election_type, step)
    window, review = found[Step.REPORT_WINDOW], found[Step.INITIAL_REVIEW]
    spans = [(known_date, window), (submitted_on, review)]
    working = [(start, r) for start, r in spans if r.day_type != DayType.CALENDAR]
    leave = None
    if working:
        leave = _collective_leave(min(s for s, _ in working), max(_span_end(s, r.days) for s, r in working))
    window_end = add_days(known_date, window.days, window.day_type, leave=leave)
    return submitted_on > window_end, add_days(submitted_on, review.days, review.day_type, leave=leave)


def missing_collective_leave(year: int | None = None) -> bool:
    """Return whether no collective leave is recorded for the year (this year by default)."""
    year = year or timezone.localdate().year
    return not CollectiveLeave.objects.filter(day__year=year).exists()


def deadline_for(case: Case, *, entered_on: datetime.date | None = None) -> datetime.date | None:
    """Return the deadline of the case's current step, or None for a finished case.

    `entered_on` is the day the case entered its status (today when the workflow moves it).
    """
    entered_on = entered_on or timezone.localdate()
    election_type = case.election.type
    if case.status in (Case.Status.RECEIVED, Case.Status.IN_REVIEW):
        return after(timezone.localdate(case.submitted_at), election_type=election_type, step=Step.INITIAL_REVIEW)
    if case.status == Case.Status.NEEDS_INFO:
        return after(entered_on, election_type=election_type, step=Step.NEEDS_INFO)
    if case.status in (Case.Status.VERIFIED, Case.Status.CLASSIFIED):
        registered = timezone.localdate(case.verified_at) if case.verified_at else entered_on
        asked = case.pk and case.events.filter(action=CaseEvent.Action.REQUEST_INFO).exists()
        step = Step.HANDLING_EXTENDED if asked else Step.HANDLING
        return after(registered, election_type=election_type, step=step)
    if case.status == Case.Status.FORWARDED:  # the earliest agency still to answer
        return case.forwardings.filter(outcome="").order_by("due_on").values_list("due_on", flat=True).first()
    return None
