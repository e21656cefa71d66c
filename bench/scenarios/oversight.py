"""The dashboard and the public statistics at scale (issue 12): the same figures at every size,
one query per figure, so the time should follow the database's scan, not the number of queries."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.test import Client


@dataclass
class Scenario:
    title: str
    goal: str
    run: Callable[[], object]
    prepare: Callable[[], None] = lambda: None
    detail: Callable[[], str] | None = None  # a figure besides the time (e.g. rows read), per size


def scenarios() -> dict[str, Scenario]:
    from complaints.oversight import public, snapshot, stats
    from complaints.triage.filters import CaseFilters

    client = Client()

    def koordinator():
        return get_user_model().objects.get(username="admin")  # national, and allowed the dashboard

    def dashboard_page():
        response = client.get("/petugas/dasbor/")
        assert response.status_code == 200, response.status_code

    def statistics_page():
        response = client.get("/statistik/")
        assert response.status_code == 200, response.status_code

    def landing_page():
        response = client.get("/")
        assert response.status_code == 200, response.status_code

    def warm_dashboard():  # the snapshot of the data as it stands (oversight/snapshot.py)
        client.force_login(koordinator())
        snapshot.figures(user=koordinator(), filters=CaseFilters())

    return {
        "dashboard_figures": Scenario(
            "dashboard figures computed (`stats.figures`, national, no snapshot)",
            "the snapshot's cost, off the request",
            lambda: stats.figures(user=koordinator(), filters=CaseFilters()),
        ),
        "dashboard_page": Scenario(
            "`/petugas/dasbor/` (whole request, from the snapshot)",
            "< 1 s at 1M; ratio ≤ 1.2",
            dashboard_page,
            warm_dashboard,
        ),
        "public_compute": Scenario(
            "public statistics computed (`public.compute`, uncached)",
            "the refresh's cost, off the request",
            public.compute,
        ),
        "landing_page": Scenario("`/` (the landing page: the reference for `/statistik/`)", "—", landing_page),
        "statistics_page": Scenario(
            "`/statistik/` (cached, as a citizen sees it)", "≤ the landing page", statistics_page, public.refresh
        ),
    }
