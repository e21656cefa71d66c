"""The export: the filtered queue as CSV (streamed) or XLSX, for roles with the export permission,
never the reporter's identity, each export in the access log with its filters."""

import csv
import io

import openpyxl
import pytest

from complaints.models import AccessLog, Region
from complaints.oversight import export
from complaints.permissions import Role
from tests.factories import AgencyFactory, CaseFactory, ForwardingFactory, ReporterFactory, official


def rows_of(response) -> list[dict]:
    assert response.status_code == 200, response
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def cases(ref):
    made = [
        CaseFactory(asn_name='=HYPERLINK("http://jahat.example")', platform="instagram", description="Saya Budi."),
        CaseFactory(platform="facebook", status="forwarded", category="disiplin"),
        CaseFactory(platform="facebook", asn_region=Region.objects.get(code="32.73")),
    ]
    for case in made:
        ReporterFactory(case=case, name="Sulastri Rahasia", email="sulastri@example.org", phone="081299998888")
    ForwardingFactory(case=made[1], agency=AgencyFactory(name="BKN Pusat"), outcome="moral_sanction")
    return made


def test_the_export_is_the_filtered_queue_without_identity(client, cases):
    client.force_login(official("koko", Role.KOORDINATOR))
    response = client.get("/api/v1/cases/export/", {"platform": "facebook"})
    assert response["Content-Type"].startswith("text/csv") and response.streaming
    assert "attachment" in response["Content-Disposition"]
    rows = rows_of(response)
    assert sorted(row["ticket"] for row in rows) == sorted(case.ticket for case in cases[1:])
    forwarded = next(row for row in rows if row["ticket"] == cases[1].ticket)
    assert (forwarded["agencies"], forwarded["outcomes"]) == ("BKN Pusat", "BKN Pusat: moral_sanction")
    text = str(rows) + str(rows_of(client.get("/petugas/ekspor/")))
    for secret in ("Sulastri", "sulastri@example.org", "081299998888", "Saya Budi"):
        assert secret not in text
    assert list(rows[0]) == export.HEADER


def test_a_cell_a_spreadsheet_would_run_is_written_as_text(client, cases):
    client.force_login(official("koko", Role.KOORDINATOR))
    [row] = [row for row in rows_of(client.get("/petugas/ekspor/")) if row["ticket"] == cases[0].ticket]
    assert row["asn_name"] == '\'=HYPERLINK("http://jahat.example")'


def test_xlsx_holds_the_same_rows(client, cases):
    client.force_login(official("admin", Role.ADMIN))
    response = client.get("/petugas/ekspor/", {"file": "xlsx", "region": "32"})
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.values)
    assert list(values[0]) == export.HEADER and [row[0] for row in values[1:]] == [cases[2].ticket]


def test_a_too_large_xlsx_is_refused_with_a_way_out(client, cases, monkeypatch):
    monkeypatch.setattr(export, "MAX_XLSX_ROWS", 2)
    client.force_login(official("koko", Role.KOORDINATOR))
    error = client.get("/api/v1/cases/export/", {"file": "xlsx"}).json()["error"]
    assert error["fields"]["file"] == ["XLSX paling banyak 2 baris; pilih CSV, atau persempit saringan."]
    assert client.get("/petugas/ekspor/", {"file": "xlsx"}).status_code == 400
    assert not AccessLog.objects.filter(kind="export").exists()


@pytest.mark.parametrize("role", [Role.VERIFIKATOR, Role.ANALIS])
def test_roles_without_the_permission_may_not_export(client, cases, role):
    client.force_login(official("someone", role))
    assert client.get("/api/v1/cases/export/").status_code == 403
    assert client.get("/petugas/ekspor/").status_code == 403
    assert 'href="/petugas/ekspor/' not in client.get("/petugas/").content.decode()
    assert not AccessLog.objects.exists()


def test_each_export_is_in_the_access_log_with_its_filters(client, cases):
    koko = official("koko", Role.KOORDINATOR)
    client.force_login(koko)
    assert 'href="/petugas/ekspor/?platform=facebook"' in client.get("/petugas/?platform=facebook").content.decode()
    rows_of(client.get("/petugas/ekspor/", {"platform": "facebook"}))
    rows_of(client.get("/api/v1/cases/export/"))
    logged = list(AccessLog.objects.filter(kind="export").order_by("pk").values_list("official", "detail"))
    assert logged == [(koko.pk, "platform=facebook"), (koko.pk, "semua")]


def test_a_bad_filter_is_a_clear_400(client, cases):
    client.force_login(official("koko", Role.KOORDINATOR))
    assert "region" in client.get("/api/v1/cases/export/", {"region": "x"}).json()["error"]["fields"]
    assert "file" in client.get("/api/v1/cases/export/", {"file": "pdf"}).json()["error"]["fields"]
    assert client.get("/petugas/ekspor/", {"from": "2026-13-01"}).status_code == 400
