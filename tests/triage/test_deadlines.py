"""Deadline arithmetic: weekends, Idul Fitri 2024, configured cuti bersama, calendar days."""

import datetime

import pytest
from django.utils import timezone

from complaints.models import Case, Election
from complaints.triage import deadlines
from tests.factories import CaseFactory
from tests.helpers import image_bytes, upload

D = datetime.date


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (D(2024, 3, 4), 2, D(2024, 3, 6)),  # Monday + 2 → Wednesday
        (D(2024, 3, 1), 1, D(2024, 3, 4)),  # Friday + 1 → Monday, over the weekend
        (D(2024, 3, 8), 2, D(2024, 3, 13)),  # Friday + 2: Mar 11 is cuti bersama (Nyepi) → Wednesday
        # Idul Fitri 2024: Apr 10-11 holidays, Apr 8, 9, 12 and 15 cuti bersama, weekend between.
        (D(2024, 4, 5), 1, D(2024, 4, 16)),
        (D(2024, 4, 4), 3, D(2024, 4, 17)),
        (D(2024, 8, 16), 1, D(2024, 8, 19)),  # Aug 17, Independence Day, is a Saturday anyway
        (D(2024, 12, 24), 2, D(2024, 12, 30)),  # Christmas 25th, cuti bersama 26th, Friday 27th, weekend
    ],
)
def test_working_days_skip_weekends_holidays_and_cuti_bersama(settings, start, days, expected):
    settings.DEADLINE_DAYS = "working"
    assert deadlines.add_days(start, days) == expected


def test_a_configured_cuti_bersama_day_is_skipped(settings):
    settings.DEADLINE_DAYS = "working"
    assert deadlines.add_days(D(2026, 6, 1), 1) == D(2026, 6, 2)
    settings.CUTI_BERSAMA = {D(2026, 6, 2)}
    assert deadlines.add_days(D(2026, 6, 1), 1) == D(2026, 6, 3)


def test_calendar_days_count_every_day(settings):
    settings.DEADLINE_DAYS = "calendar"
    assert deadlines.add_days(D(2024, 4, 5), 1) == D(2024, 4, 6)
    assert deadlines.add_days(D(2024, 4, 5), 7) == D(2024, 4, 12)


def test_a_report_is_late_after_the_window_from_the_day_it_became_known(settings):
    settings.DEADLINE_DAYS = "working"
    known = D(2024, 11, 4)  # Monday; 7 working days → Wednesday Nov 13
    assert not deadlines.report_is_late(known_date=known, submitted_on=D(2024, 11, 13), election_type="pilkada")
    assert deadlines.report_is_late(known_date=known, submitted_on=D(2024, 11, 14), election_type="pilkada")


def test_each_status_has_its_deadline(ref, settings, monkeypatch):
    settings.DEADLINE_DAYS = "calendar"
    submitted = timezone.make_aware(datetime.datetime(2024, 11, 4, 10, 0))
    pilkada = CaseFactory(submitted_at=submitted)  # Pilkada: 3 days review, 5 days handling
    pemilu = CaseFactory(submitted_at=submitted, election=Election.objects.get(slug="pemilu-2024"))
    assert deadlines.deadline_for(pilkada) == D(2024, 11, 7)
    assert deadlines.deadline_for(pemilu) == D(2024, 11, 6)
    waiting = CaseFactory(submitted_at=submitted, status=Case.Status.NEEDS_INFO)
    assert deadlines.deadline_for(waiting, entered_on=D(2024, 11, 5)) == D(2024, 11, 8)
    assert deadlines.deadline_for(CaseFactory(submitted_at=submitted, status="verified")) == D(2024, 11, 9)
    assert deadlines.deadline_for(CaseFactory(status="closed")) is None
    assert deadlines.deadline_for(CaseFactory(status="rejected")) is None


def test_the_report_form_flags_a_late_report_and_sets_the_first_deadline(client, report_fields, settings):
    settings.DEADLINE_DAYS = "calendar"
    client.post("/lapor/", {**report_fields, "evidence": [upload(image_bytes())]})  # known 2024-01-28
    case = Case.objects.get()
    assert case.is_late  # months after the violation became known: flagged, still accepted
    assert case.deadline == timezone.localdate() + datetime.timedelta(days=2)  # Pemilu: 2 days review
