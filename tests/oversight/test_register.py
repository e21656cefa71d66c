"""The register of reported civil servants: one entry per person (by NIP, else by name and agency
as written, normalised), possible matches shown and never merged, within jurisdiction."""

import pytest

from complaints.models import Jurisdiction, Region
from complaints.oversight import people
from complaints.permissions import Role
from tests.factories import AgencyFactory, CaseFactory, ForwardingFactory, official

NIP = "198503152010011002"


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Drs. H. Ahmad Zaini, M.Pd.", "ahmad zaini"),
        ("AHMAD  ZAINI", "ahmad zaini"),
        ("Hj. Siti Aminah S.Pd", "siti aminah"),
        ("Dr. Ir. Budi Santoso, M.T.", "budi santoso"),
        ("Zainal Arifin", "zainal arifin"),
    ],
)
def test_names_are_keyed_without_titles_punctuation_or_case(written, key):
    assert people.name_key(written) == key


@pytest.fixture
def reported(ref):
    """Ahmad Zaini three times (once with his NIP), a namesake elsewhere, and two others."""
    lotim = "Dinas Pendidikan Kab. Lombok Timur"
    cases = {
        "nip": [CaseFactory(asn_nip=NIP, asn_name="Ahmad Zaini", asn_agency=lotim, status="forwarded")],
        "name": [
            CaseFactory(asn_name="Drs. H. Ahmad Zaini, M.Pd.", asn_agency=lotim),
            CaseFactory(asn_name="ahmad zaini", asn_agency="dinas pendidikan kab lombok timur", status="closed"),
        ],
        "namesake": [CaseFactory(asn_name="Ahmad Zaini", asn_agency="Kantor Camat Serang")],
        "jabar": [CaseFactory(asn_name="Dedi Mulyadi", asn_region=Region.objects.get(code="32.73"))],
    }
    ForwardingFactory(case=cases["nip"][0], agency=AgencyFactory(), outcome="discipline_sanction")
    return cases


def entries(client, **params) -> list[dict]:
    response = client.get("/api/v1/officials/", params)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_one_entry_per_person_and_namesakes_shown_not_merged(client, reported):
    client.force_login(official("koko", Role.KOORDINATOR))
    found = {entry["key"]: entry for entry in entries(client)}
    assert len(found) == 4
    by_name = found["name:ahmad zaini|dinas pendidikan kab lombok timur"]
    assert (by_name["cases"], by_name["open"]) == (2, 1)
    by_nip = found[f"nip:{NIP}"]
    assert (by_nip["cases"], by_nip["sanctioned"], by_nip["outcomes"]) == (1, 1, {"discipline_sanction": 1})
    assert by_nip["tickets"] == [reported["nip"][0].ticket]
    matches = {match["asn_key"] for match in by_nip["possible_matches"]}
    assert matches == {"name:ahmad zaini|dinas pendidikan kab lombok timur", "name:ahmad zaini|kantor camat serang"}
    assert found["name:ahmad zaini|kantor camat serang"]["cases"] == 1  # never merged into the others


@pytest.mark.parametrize(("q", "expected"), [("1985031520", 1), ("zaini", 3), ("camat serang", 1), ("nobody", 0)])
def test_search_by_nip_name_or_agency(client, reported, q, expected):
    client.force_login(official("koko", Role.KOORDINATOR))
    assert len(entries(client, q=q)) == expected


def test_an_official_of_a_region_sees_the_register_of_that_region(client, reported):
    vera = official("vera_jabar", Role.VERIFIKATOR)
    Jurisdiction.objects.create(official=vera, region=Region.objects.get(code="32"))
    client.force_login(vera)
    assert [entry["asn_name"] for entry in entries(client)] == ["Dedi Mulyadi"]
    assert "Ahmad Zaini" not in client.get("/petugas/asn/").content.decode()


def test_the_case_page_says_reported_before_and_links_the_persons_entry(client, reported):
    client.force_login(official("koko", Role.KOORDINATOR))
    case = reported["name"][0]
    page = client.get(f"/petugas/kasus/{case.ticket}/").content.decode()
    assert "Pernah dilaporkan sebelumnya: 1 kasus lain" in page
    assert client.get(f"/api/v1/cases/{case.ticket}/").json()["reported_before"] == 1
    entry = client.get("/petugas/asn/", {"key": case.asn_key}).content.decode()
    assert reported["name"][1].ticket in entry and reported["namesake"][0].ticket not in entry
    alone = reported["jabar"][0]
    assert "Pernah dilaporkan" not in client.get(f"/petugas/kasus/{alone.ticket}/").content.decode()


def test_the_register_page_lists_and_searches(client, reported):
    client.force_login(official("anwar", Role.ANALIS))
    page = client.get("/petugas/asn/", {"q": "zaini"}).content.decode()
    assert page.count('data-person="') == 3 and "Mungkin orang yang sama" in page
    refused = client.get("/petugas/asn/", {"region": "atlantis"})
    assert refused.status_code == 200 and "Wilayah atlantis tidak dikenal" in refused.content.decode()
    assert client.get("/api/v1/officials/", {"region": "atlantis"}).status_code == 400
