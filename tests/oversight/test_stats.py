"""The dashboard's figures, checked against cases built with factories: every count, each
deadline's health, the agencies' follow-up, the flow over time; within jurisdiction; the same
counts as the queue's; and a number of queries that does not grow with the cases."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from complaints.models import Behaviour, Case, Election, Forwarding, Jurisdiction, Region
from complaints.oversight import stats
from complaints.permissions import Role
from complaints.triage.filters import CaseFilters
from tests.factories import AgencyFactory, CaseFactory, ForwardingFactory, official
from tests.helpers import FROZEN_AT

DAY = datetime.timedelta(days=1)


@pytest.fixture
def koordinator(ref):
    return official("koko", Role.KOORDINATOR)


def at(days_ago: int, hours: int = 0) -> datetime.datetime:
    return FROZEN_AT - days_ago * DAY + datetime.timedelta(hours=hours)


@pytest.fixture
def pipeline(ref, clock):
    """A small office's cases, each figure of which is known."""
    clock.move_to(FROZEN_AT, tick=False)
    today = timezone.localdate()
    banten, jabar = Region.objects.get(code="36.73"), Region.objects.get(code="32.73")
    pemilu = Election.objects.get(slug="pemilu-2024")
    medsos = Behaviour.objects.get(code="MEDSOS_KAMPANYE")
    made = {
        "received_due_today": CaseFactory(deadline=today, submitted_at=at(2)),
        "review_overdue": CaseFactory(status="in_review", deadline=today - DAY, submitted_at=at(9)),
        "needs_info_week": CaseFactory(status="needs_info", deadline=today + 3 * DAY, submitted_at=at(5)),
        "classified": CaseFactory(
            status="classified",
            category="disiplin",
            behaviour=medsos,
            deadline=today + 20 * DAY,
            platform="instagram",
            asn_region=jabar,
            submitted_at=at(4),
            first_action_at=at(4, hours=2),
        ),
        "rejected_spam": CaseFactory(
            status="rejected", rejection_reason="spam", election=pemilu, submitted_at=at(1), first_action_at=at(1, 4)
        ),
        "rejected_late": CaseFactory(
            status="rejected", rejection_reason="late", source="temuan", submitted_at=at(1), first_action_at=at(1, 6)
        ),
        "forwarded": CaseFactory(
            status="forwarded", category="kode_etik", deadline=today - 2 * DAY, submitted_at=at(30), asn_region=banten
        ),
    }
    silent, answering = AgencyFactory(kind="bkd", name="BKD Diam"), AgencyFactory(kind="bkn", name="BKN Rajin")
    ForwardingFactory(case=made["forwarded"], agency=silent, delivery="sent", due_on=today - DAY)
    ForwardingFactory(
        case=made["classified"],
        agency=answering,
        delivery="sent",
        acknowledged_at=at(3),
        outcome="discipline_sanction",
        created_at=at(4),
        outcome_at=at(1),
    )
    return made


def test_every_count_is_the_cases_own(pipeline, koordinator):
    figures = stats.figures(user=koordinator, filters=CaseFilters())
    assert figures.total == 7
    assert figures.by_status == {
        "received": 1,
        "in_review": 1,
        "needs_info": 1,
        "verified": 0,
        "rejected": 2,
        "classified": 1,
        "forwarded": 1,
        "closed": 0,
    }
    assert figures.by_category == {"unclassified": 5, "disiplin": 1, "kode_etik": 1}
    assert figures.by_behaviour == {"MEDSOS_KAMPANYE": 1}
    assert figures.by_platform == {"facebook": 6, "instagram": 1}
    assert figures.by_election == {"pilkada-2024": 6, "pemilu-2024": 1}
    assert figures.by_province == {"36": 6, "32": 1}
    assert figures.by_source == {"laporan": 6, "temuan": 1}
    assert figures.rejected == {"count": 2, "share": round(2 / 7, 3), "by_reason": {"spam": 1, "late": 1}}


def test_each_steps_deadlines_are_due_today_this_week_or_past(pipeline, koordinator):
    deadlines = stats.figures(user=koordinator, filters=CaseFilters()).deadlines
    assert deadlines == {
        "initial_review": {"due_today": 1, "due_week": 0, "overdue": 1},
        "needs_info": {"due_today": 0, "due_week": 1, "overdue": 0},
        "handling": {"due_today": 0, "due_week": 0, "overdue": 0},
        "agency_response": {"due_today": 0, "due_week": 0, "overdue": 1},
    }
    figures = stats.figures(user=koordinator, filters=CaseFilters())
    assert figures.overdue == 2
    assert [case.ticket for case in figures.oldest_open[:2]] == [
        pipeline["forwarded"].ticket,
        pipeline["review_overdue"].ticket,
    ]
    assert all(case.status in Case.OPEN_STATUSES for case in figures.oldest_open)


def test_the_agencies_that_never_answered_come_first(pipeline, koordinator):
    figures = stats.figures(user=koordinator, filters=CaseFilters())
    assert figures.forwardings == {"forwarded": 2, "sent": 2, "acknowledged": 1, "outcome_reported": 1, "overdue": 1}
    silent, answering = figures.agencies
    assert (silent["name"], silent["never_answered"], silent["overdue"]) == ("BKD Diam", True, 1)
    assert (answering["name"], answering["never_answered"], answering["median_days_to_outcome"]) == (
        "BKN Rajin",
        False,
        3.0,
    )


def test_the_flow_counts_reports_and_findings_per_day_and_the_time_to_a_first_action(pipeline, koordinator):
    figures = stats.figures(user=koordinator, filters=CaseFilters())
    assert len(figures.per_day) == stats.FLOW_DAYS
    days = {day["day"]: (day["laporan"], day["temuan"]) for day in figures.per_day}
    today = timezone.localdate()
    assert days[today - DAY] == (1, 1) and days[today - 2 * DAY] == (1, 0) and days[today] == (0, 0)
    assert figures.first_action == {"median_hours": 4.0, "p90_hours": 5.6, "count": 3}  # 2, 4 and 6 hours


def test_filters_and_a_date_range_narrow_every_figure(pipeline, koordinator):
    today = timezone.localdate()
    last_week = stats.figures(user=koordinator, filters=CaseFilters(date_from=today - 7 * DAY, date_to=today))
    assert last_week.total == 5  # not the 9- and 30-day-old cases
    assert len(last_week.per_day) == 8
    platform = stats.figures(user=koordinator, filters=CaseFilters(platform="instagram"))
    assert (platform.total, platform.forwardings["forwarded"], platform.by_province) == (1, 1, {"32": 1})


def test_an_official_limited_to_a_region_counts_only_its_cases(pipeline):
    jabar = official("vera_jabar", Role.VERIFIKATOR)
    Jurisdiction.objects.create(official=jabar, region=Region.objects.get(code="32"))
    figures = stats.figures(user=jabar, filters=CaseFilters())
    assert (figures.total, figures.by_province, figures.forwardings["forwarded"]) == (1, {"32": 1}, 1)
    assert [agency["name"] for agency in figures.agencies] == ["BKN Rajin"]


def test_each_figure_on_the_dashboard_opens_the_queue_with_the_same_count(client, pipeline, koordinator):
    client.force_login(koordinator)
    page = client.get("/petugas/dasbor/").content.decode()
    links = re.findall(r'<a href="(/petugas/\?[^"]+)">(\d+)</a>', page)
    assert len(links) >= 15
    for url, count in links:
        queue = client.get(url.replace("&amp;", "&")).content.decode()
        total = re.search(r"jumlah kasus: (\d+)", queue)
        assert total and total.group(1) == count, url


def test_the_number_of_queries_does_not_grow_with_the_cases(ref, koordinator, clock):
    clock.move_to(FROZEN_AT, tick=False)
    agency = AgencyFactory()

    def queries() -> int:
        user = type(koordinator).objects.get(pk=koordinator.pk)  # a new request's user: nothing cached
        with CaptureQueriesContext(connection) as captured:
            stats.figures(user=user, filters=CaseFilters())
        return len(captured)

    for _number in range(5):
        ForwardingFactory(case=CaseFactory(status="forwarded"), agency=agency)
    few = queries()
    for number in range(40):
        case = CaseFactory(status="forwarded", platform=["x", "tiktok"][number % 2], first_action_at=timezone.now())
        Forwarding.objects.create(case=case, agency=AgencyFactory(name=f"BKD {number}", kind="bkd"))
    assert queries() == few
