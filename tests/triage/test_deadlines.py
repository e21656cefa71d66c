"""Deadlines as data: days per step and election type, working or calendar per step, collective
leave per year, the handling deadline from the verification, an agency's response period."""

import datetime

import pytest
from django.utils import timezone

from complaints.models import Behaviour, Case, CollectiveLeave, DeadlineRule, Election
from complaints.triage import deadlines, workflow
from tests.factories import CaseFactory, official
from tests.helpers import FROZEN_AT, image_bytes, upload

D = datetime.date
WORKING, CALENDAR = "working", "calendar"


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
def test_working_days_skip_weekends_holidays_and_cuti_bersama(ref, start, days, expected):
    assert deadlines.add_days(start, days, WORKING) == expected


def test_collective_leave_is_data_an_admin_enters_per_year(ref):
    assert deadlines.add_days(D(2026, 6, 1), 1, WORKING) == D(2026, 6, 2)
    CollectiveLeave.objects.create(day=D(2026, 6, 2), name="Cuti bersama", source="SKB 2026")
    assert deadlines.add_days(D(2026, 6, 1), 1, WORKING) == D(2026, 6, 3)


def test_the_years_without_collective_leave_are_named(ref):
    assert not deadlines.missing_collective_leave(2024)  # the cited 2024 decree is loaded
    assert deadlines.missing_collective_leave(2026)  # none for today's year: the queue says so
    assert deadlines.missing_collective_leave()  # this year, by the test's clock: 2026


def test_calendar_days_count_every_day(ref):
    assert deadlines.add_days(D(2024, 4, 5), 1, CALENDAR) == D(2024, 4, 6)
    assert deadlines.add_days(D(2024, 4, 5), 7, CALENDAR) == D(2024, 4, 12)


def test_each_step_has_its_own_day_type_per_election(ref):
    rules = {(r.election_type, r.step): (r.days, r.day_type) for r in DeadlineRule.objects.all()}
    assert rules[("pemilu", "handling")] == (7, CALENDAR)
    assert rules[("pemilu", "handling_extended")] == (14, WORKING)  # up to 14 working days with more information
    assert rules[("pilkada", "handling")] == (3, WORKING)
    assert rules[("pilkada", "handling_extended")] == (5, WORKING)  # 3 + 2 days
    assert {step for _type, step in rules} == set(DeadlineRule.Step.values)


def late(known: datetime.date, submitted: datetime.date, election_type: str = "pilkada") -> bool:
    return deadlines.report_arrival(known_date=known, submitted_on=submitted, election_type=election_type)[0]


def test_a_report_is_late_after_the_window_from_the_day_it_became_known(ref):
    known = D(2024, 11, 4)  # Pilkada: 7 calendar days → Nov 11
    assert not late(known, D(2024, 11, 11))
    assert late(known, D(2024, 11, 12))
    DeadlineRule.objects.filter(election_type="pilkada", step="report_window").update(day_type=WORKING)
    assert not late(known, D(2024, 11, 13))


@pytest.mark.parametrize("window_type", [CALENDAR, WORKING])
@pytest.mark.parametrize("election_type", ["pilkada", "pemilu"])
@pytest.mark.parametrize(
    ("known", "submitted"),
    [
        (D(2024, 11, 4), D(2024, 11, 11)),
        (D(2024, 11, 4), D(2024, 11, 14)),
        (D(2024, 3, 1), D(2024, 3, 8)),  # Nyepi and its cuti bersama ahead
        (D(2024, 4, 1), D(2024, 4, 5)),  # Idul Fitri's holidays and cuti bersama ahead
        (D(2024, 4, 1), D(2024, 4, 16)),  # ... and between the day it became known and the report
        (D(2024, 12, 10), D(2024, 12, 24)),  # Christmas and its cuti bersama
    ],
)
def test_intake_reads_lateness_and_the_first_deadline_as_the_two_rules_give_them(
    ref, known, submitted, election_type, window_type, django_assert_max_num_queries
):
    """Intake asks both at once (the rules, and the collective leave if a rule counts working
    days); each answer is what its rule alone gives."""
    DeadlineRule.objects.filter(step="report_window").update(day_type=window_type)
    window_end = deadlines.after(known, election_type=election_type, step="report_window")
    first = deadlines.after(submitted, election_type=election_type, step="initial_review")
    with django_assert_max_num_queries(2):
        arrival = deadlines.report_arrival(known_date=known, submitted_on=submitted, election_type=election_type)
    assert arrival == (submitted > window_end, first)


def test_intake_names_a_missing_rule(ref):
    DeadlineRule.objects.filter(election_type="pemilu", step="initial_review").delete()
    with pytest.raises(LookupError, match="pemilu / initial_review"):
        deadlines.report_arrival(known_date=D(2024, 11, 4), submitted_on=D(2024, 11, 5), election_type="pemilu")


def test_each_status_has_its_deadline(ref):
    submitted = timezone.make_aware(datetime.datetime(2024, 11, 4, 10, 0))  # a Monday
    pilkada = CaseFactory(submitted_at=submitted)  # Pilkada: 3 working days of review
    pemilu = CaseFactory(submitted_at=submitted, election=Election.objects.get(slug="pemilu-2024"))
    assert deadlines.deadline_for(pilkada) == D(2024, 11, 7)
    assert deadlines.deadline_for(pemilu) == D(2024, 11, 6)  # Pemilu: 2 calendar days
    waiting = CaseFactory(submitted_at=submitted, status=Case.Status.NEEDS_INFO)
    assert deadlines.deadline_for(waiting, entered_on=D(2024, 11, 5)) == D(2024, 11, 8)  # 3 working days
    verified_at = timezone.make_aware(datetime.datetime(2024, 11, 6, 9, 0))  # Wednesday: handling from here
    verified = CaseFactory(submitted_at=submitted, status="verified", verified_at=verified_at)
    assert deadlines.deadline_for(verified) == D(2024, 11, 11)  # 3 working days, over the weekend
    assert deadlines.deadline_for(CaseFactory(status="closed")) is None
    assert deadlines.deadline_for(CaseFactory(status="rejected")) is None


def test_handling_runs_from_the_verification_and_is_longer_when_the_reporter_was_asked(ref, clock):
    verifikator = official("vera", "verifikator")
    asked, direct = CaseFactory(), CaseFactory()
    for case in (asked, direct):
        workflow.perform("claim", case=case, by=verifikator)
    workflow.perform("request_info", case=asked, by=verifikator, note="Kapan diunggah?")
    workflow.perform("resume", case=asked, by=verifikator)
    clock.move_to(FROZEN_AT + datetime.timedelta(days=5))  # verified five days after the report
    registered = timezone.localdate()
    handled = workflow.perform("verify", case=direct, by=verifikator).case
    extended = workflow.perform("verify", case=asked, by=verifikator).case
    assert handled.deadline == deadlines.add_days(registered, 3, WORKING)
    assert extended.deadline == deadlines.add_days(registered, 5, WORKING)  # 3 + 2 with more information
    clock.move_to(FROZEN_AT + datetime.timedelta(days=6))
    behaviour = Behaviour.objects.get(code="MEDSOS_KAMPANYE")
    classified = workflow.perform(
        "classify", case=handled, by=official("anwar", "analis"), category="disiplin", behaviour=behaviour
    ).case
    assert classified.deadline == handled.deadline  # still from the verification, not the classification


def test_the_report_form_flags_a_late_report_and_sets_the_first_deadline(client, report_fields):
    client.post("/lapor/", {**report_fields, "evidence": [upload(image_bytes())]})  # known 2024-01-28
    case = Case.objects.get()
    assert case.is_late  # months after the violation became known: flagged, still accepted
    assert case.deadline == timezone.localdate() + datetime.timedelta(days=2)  # Pemilu: 2 calendar days
