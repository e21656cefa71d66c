"""Public statistics: counts only, every count of 1 to 4 suppressed, and every count that could be
worked out from the others suppressed too; no name, NIP or ticket anywhere; cached."""

import csv
import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from complaints.models import Region
from complaints.oversight import public
from tests.factories import AgencyFactory, CaseFactory, ForwardingFactory, ReporterFactory

NIP = "198503152010011002"


@pytest.mark.parametrize(
    ("cells", "total", "shown", "shown_total"),
    [
        ({"a": 10, "b": 7}, 17, {"a": 10, "b": 7}, 17),  # nothing small
        ({"a": 10, "b": 0}, 10, {"a": 10, "b": 0}, 10),  # zero is no person
        ({"a": 10, "b": 3, "c": 8}, 21, {"a": 10, "b": None, "c": None}, 21),  # b = 21 - 18 otherwise
        ({"a": 10, "b": 1, "c": 1, "d": 9}, 21, {"a": 10, "b": None, "c": None, "d": None}, 21),  # 1 + 1 = 2
        ({"a": 2, "b": 3, "c": 20}, 25, {"a": None, "b": None, "c": 20}, 25),  # 5 hidden in two cells: enough
        ({"a": 3, "b": 0}, 3, {"a": None, "b": 0}, None),  # the total itself is small
        ({"a": 12, "b": 4}, 16, {"a": None, "b": None}, 16),  # two cells: both go
        ({"a": 4}, None, {"a": None}, None),  # no total: the cell alone
    ],
)
def test_suppression(settings, cells, total, shown, shown_total):
    settings.PUBLIC_STATS_MIN = 5
    assert public.suppress(cells, total=total) == (shown, shown_total)


@pytest.fixture
def published(ref, settings):
    """Twelve cases in Banten, three in Bali, one in Jawa Barat; two sanctions in Banten."""
    settings.PUBLIC_STATS_MIN = 5
    cache.clear()
    bali, jabar = Region.objects.get(code="51.71"), Region.objects.get(code="32.73")
    banten = [CaseFactory(asn_nip=NIP, asn_name="Rahasia Sekali", status="forwarded") for _ in range(12)]
    for case in (*(CaseFactory(asn_region=bali) for _ in range(3)), CaseFactory(asn_region=jabar)):
        ReporterFactory(case=case, name="Pelapor Takut")
    agency = AgencyFactory()
    for case in banten[:7]:
        ForwardingFactory(case=case, agency=agency, outcome="moral_sanction" if case in banten[:2] else "")
    return banten


def test_small_provinces_are_hidden_and_one_could_not_be_worked_out(published, client):
    body = client.get("/api/v1/public-stats/").json()
    assert body["suppressed_below"] == 5 and body["total"] == 16
    # 3 and 1 are small; 16 - 12 = 4 would still give them away, so 12 goes with them.
    assert body["by_province"] == {"36": None, "51": None, "32": None}
    provinces = {row["key"]: row for row in body["tables"]["province"]["rows"]}
    assert provinces["36"]["received"] is None
    assert body["tables"]["province"]["totals"]["received"] == 16
    assert provinces["36"]["forwarded"] == 7 and body["tables"]["province"]["totals"]["forwarded"] == 7
    assert provinces["36"]["sanctioned"] is None and body["tables"]["province"]["totals"]["sanctioned"] is None


def test_no_name_nip_or_ticket_is_published(published, client):
    answers = [
        client.get("/api/v1/public-stats/").content.decode(),
        client.get("/statistik/").content.decode(),
        client.get("/statistik/data.csv").content.decode(),
    ]
    for text in answers:
        for secret in ("Rahasia", NIP, "Pelapor Takut", published[0].ticket, "NTR-"):
            assert secret not in text


def test_the_page_shows_small_counts_as_less_than_five_and_links_the_open_data(published, client):
    page = client.get("/statistik/").content.decode()
    assert "&lt;5" in page and 'href="/statistik/data.csv"' in page
    assert page.count('data-province="') == 38  # the map: a tile per province of today, Papua's six included
    assert 'href="/statistik/"' in client.get("/").content.decode()  # linked from the landing page


def test_the_open_data_csv_has_the_pages_table_and_its_date(published, client):
    response = client.get("/statistik/data.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "statistik-netralitas-asn-2026-11-25.csv" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    province = {row["key"]: row for row in rows if row["dimension"] == "province"}
    assert province["36"]["received"] == "<5" and province["total"]["received"] == "16"
    assert {row["as_of"] for row in rows} == {"2026-11-25"}
    assert {row["dimension"] for row in rows} == {"province", "election", "platform", "month"}


def test_the_figures_are_cached_so_the_page_costs_what_the_landing_page_does(published, client):
    client.get("/statistik/")
    with CaptureQueriesContext(connection) as page:
        client.get("/statistik/")
    with CaptureQueriesContext(connection) as landing:
        client.get("/")
    assert len(page) <= len(landing) + 2  # the provinces' and elections' names
