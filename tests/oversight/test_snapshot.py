"""The dashboard reads a snapshot of its figures (oversight/snapshot.py): current while nothing
changed, a minute old at most on a busy day with a worker refreshing it, never older."""

import datetime
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from complaints.models import Case
from complaints.oversight import snapshot, stats
from complaints.permissions import Role
from complaints.triage import workflow
from complaints.triage.filters import CaseFilters
from tests.factories import CaseFactory, official
from tests.helpers import FROZEN_AT


@pytest.fixture
def koordinator(ref):
    return official("koko", Role.KOORDINATOR)


@pytest.fixture
def cases(ref, clock):
    clock.move_to(FROZEN_AT, tick=False)
    return [CaseFactory() for _ in range(3)]


def test_while_nothing_changes_the_figures_are_read_not_computed(cases, koordinator):
    first = snapshot.figures(user=koordinator, filters=CaseFilters())
    with mock.patch.object(stats, "figures", side_effect=AssertionError("computed again")):
        again = snapshot.figures(user=koordinator, filters=CaseFilters())
    assert again == first and again.total == 3


def test_a_new_case_or_an_action_makes_the_figures_current_without_a_broker(cases, koordinator):
    assert snapshot.figures(user=koordinator, filters=CaseFilters()).total == 3
    CaseFactory()
    assert snapshot.figures(user=koordinator, filters=CaseFilters()).total == 4
    workflow.perform("claim", case=cases[0], by=koordinator)
    assert snapshot.figures(user=koordinator, filters=CaseFilters()).by_status["in_review"] == 1


def test_each_jurisdiction_filter_and_official_of_mine_has_its_own_snapshot(cases, koordinator):
    other = official("lain", Role.KOORDINATOR)
    filtered = CaseFilters(platform="instagram")
    keys = {
        snapshot.key(user=koordinator, filters=CaseFilters(), today=datetime.date(2026, 11, 25)),
        snapshot.key(user=koordinator, filters=filtered, today=datetime.date(2026, 11, 25)),
        snapshot.key(user=koordinator, filters=CaseFilters(), today=datetime.date(2026, 11, 26)),
        snapshot.key(user=koordinator, filters=CaseFilters(mine=True), today=datetime.date(2026, 11, 25)),
        snapshot.key(user=other, filters=CaseFilters(mine=True), today=datetime.date(2026, 11, 25)),
    }
    assert len(keys) == 5
    assert snapshot.key(user=other, filters=CaseFilters(), today=datetime.date(2026, 11, 25)) in keys


def test_with_a_worker_a_changed_office_sees_the_last_figures_while_a_task_computes_new_ones(
    cases, koordinator, clock, settings
):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.DASHBOARD_STALE_SECONDS = 60
    assert snapshot.figures(user=koordinator, filters=CaseFilters()).total == 3
    CaseFactory()
    with mock.patch("complaints.tasks.refresh_dashboard.delay") as queued:
        assert snapshot.figures(user=koordinator, filters=CaseFilters()).total == 3  # a moment old
        assert snapshot.figures(user=koordinator, filters=CaseFilters()).total == 3
    assert queued.call_count == 1  # one refresh however many look meanwhile
    arguments = queued.call_args.kwargs
    snapshot.refresh(**arguments)  # what the worker does
    assert snapshot.figures(user=koordinator, filters=CaseFilters()).total == 4


def test_figures_older_than_the_window_are_never_shown(cases, koordinator, clock, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.DASHBOARD_STALE_SECONDS = 60
    snapshot.figures(user=koordinator, filters=CaseFilters())
    CaseFactory()
    clock.shift(datetime.timedelta(seconds=61))
    with mock.patch("complaints.tasks.refresh_dashboard.delay") as queued:
        assert snapshot.figures(user=koordinator, filters=CaseFilters()).total == 4
    assert not queued.called


def test_the_page_says_when_its_figures_were_computed_and_reads_the_snapshot(client, cases, koordinator):
    client.force_login(koordinator)
    page = client.get("/petugas/dasbor/").content.decode()
    assert "Angka per pukul 10:00:00" in page
    with CaptureQueriesContext(connection) as again:
        client.get("/petugas/dasbor/")
    case_scans = [q for q in again.captured_queries if "GROUP BY" in q["sql"] and "complaints_case" in q["sql"]]
    assert case_scans == []
    assert Case.objects.count() == 3


def test_the_api_gives_the_time_of_its_figures(client, cases, koordinator):
    client.force_login(koordinator)
    answer = client.get("/api/v1/stats/").json()
    assert answer["as_of"].startswith("2026-11-25T10:00:00")


def test_public_statistics_past_their_ten_minutes_are_served_while_a_worker_computes_new_ones(cases, clock, settings):
    from complaints.oversight import public

    settings.CELERY_TASK_ALWAYS_EAGER = False
    first = public.figures()
    CaseFactory()
    clock.shift(datetime.timedelta(seconds=public.CACHE_SECONDS + 1))
    with mock.patch("complaints.tasks.refresh_public_stats.delay") as queued:
        assert public.figures() == first
        assert public.figures() == first
    assert queued.call_count == 1
    public.refresh()  # what the worker does
    assert public.figures()["generated_at"] != first["generated_at"]


def test_without_a_worker_stale_public_statistics_are_computed_in_the_request(cases, clock):
    from complaints.oversight import public

    first = public.figures()
    clock.shift(datetime.timedelta(seconds=public.CACHE_SECONDS + 1))
    assert public.figures()["generated_at"] != first["generated_at"]
