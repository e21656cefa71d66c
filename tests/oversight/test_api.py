"""`GET /api/v1/stats/` gives the dashboard's figures in the published shape, for officials only."""

import pytest

from complaints.permissions import Role
from tests.factories import CaseFactory, official


@pytest.fixture
def analis(client, ref):
    CaseFactory(status="rejected", rejection_reason="spam")
    CaseFactory(platform="instagram")
    client.force_login(official("anwar", Role.ANALIS))
    return client


def test_the_stats_carry_the_contracts_keys(analis):
    body = analis.get("/api/v1/stats/").json()
    for key in ("total", "by_status", "by_category", "by_province", "by_platform", "overdue", "forwardings"):
        assert key in body
    assert body["total"] == 2 and body["by_platform"] == {"facebook": 1, "instagram": 1}
    assert set(body["forwardings"]) >= {"sent", "acknowledged", "outcome_reported", "overdue"}
    assert body["rejected"]["by_reason"] == {"spam": 1}


def test_the_stats_take_the_queues_filters_and_a_date_range(analis):
    assert analis.get("/api/v1/stats/", {"platform": "instagram"}).json()["total"] == 1
    assert analis.get("/api/v1/stats/", {"from": "2026-11-26"}).json()["total"] == 0
    error = analis.get("/api/v1/stats/", {"from": "2026-11-26", "to": "2026-11-01"}).json()["error"]
    assert "sesudah tanggal awal" in error["fields"]["to"][0]
    assert "from" in analis.get("/api/v1/stats/", {"from": "1999-12-31"}).json()["error"]["fields"]


def test_strangers_get_no_figures(client, ref):
    assert client.get("/api/v1/stats/").status_code == 401
    assert client.get("/api/v1/officials/").status_code == 401
    assert client.get("/petugas/dasbor/").status_code == 302


def test_the_dashboard_page_has_a_tile_per_province_and_its_charts_data(analis):
    page = analis.get("/petugas/dasbor/").content.decode()
    assert page.count('data-province="') == 38
    assert 'id="chart-data"' in page and "vendor/chart.js/chart.umd.min.js" in page
    bad = analis.get("/petugas/dasbor/", {"region": "atlantis"}).content.decode()
    assert "Wilayah atlantis tidak dikenal" in bad  # the filter's message, and the figures of every case
