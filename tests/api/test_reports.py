"""The report API: DESIGN §6 contract, errors in one shape, nothing stored on rejection."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from complaints.models import Case, CaseEvent, Reporter
from tests.factories import CaseFactory
from tests.helpers import FROZEN_AT, assert_nothing_stored, image_bytes, stored_files, upload

REPORTS = "/api/v1/reports/"


def post(client, fields, files=None, **extra):
    files = [upload(image_bytes())] if files is None else files
    return client.post(REPORTS, {**fields, "evidence": files}, **extra)


def test_submit_returns_ticket_and_access_code(client, report_fields, evidence_dir):
    content = image_bytes("JPEG")
    response = post(client, report_fields, [upload(content, "layar.jpg", "image/jpeg"), upload(image_bytes())])
    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == {"ticket", "access_code", "status", "submitted_at"}
    assert re.match(r"^NTR-\w{4}-\w{4}$", body["ticket"])
    assert body["status"] == "received"

    case = Case.objects.get(ticket=body["ticket"])
    assert case.check_access_code(body["access_code"])
    assert case.check_access_code(body["access_code"].lower().replace("-", ""))
    assert not case.check_access_code("AAAAA-AAAAA")
    assert case.access_code_hash.startswith("hmac-sha256$")
    assert body["access_code"] not in case.access_code_hash
    assert sorted(case.behaviours.values_list("code", flat=True)) == ["AKUN_INSTANSI", "MEDSOS_KAMPANYE"]
    assert case.asn_region.name == "Kota Serang"
    assert case.asn_nip == "198503152010011002"

    first, second = case.evidence.all()
    assert (first.position, first.mime, first.original_name) == (1, "image/jpeg", "layar.jpg")
    with first.original.open("rb") as stored:
        assert stored.read() == content  # the sealed original: exact bytes
    assert second.mime == "image/png"
    assert len(stored_files(evidence_dir)) == 2
    assert "layar" not in first.original.name  # the reporter's file name never reaches storage


def test_identity_is_encrypted_at_rest(client, report_fields):
    body = post(client, report_fields).json()
    reporter = Case.objects.get(ticket=body["ticket"]).reporter
    assert (reporter.name, reporter.email, reporter.phone) == ("Adityawarman", "adit@example.org", "081234567890")
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, email, phone FROM complaints_reporter")
        raw = " ".join(cursor.fetchone())
    for secret in ("Adityawarman", "adit@example.org", "081234567890"):
        assert secret not in raw
    assert "Adityawarman" not in str(reporter)


def test_identity_and_access_code_never_reach_the_logs(client, report_fields, caplog):
    caplog.set_level("DEBUG")
    body = post(client, report_fields).json()
    post(client, {**report_fields, "consent": ""})
    assert caplog.text  # something was logged, and none of this is in it
    for secret in ("Adityawarman", "adit@example.org", "0812", body["access_code"]):
        assert secret not in caplog.text


def test_anonymous_report_keeps_no_identity(client, report_fields):
    body = post(client, {**report_fields, "anonymous": "1", "share_identity": "1"}).json()
    case = Case.objects.get(ticket=body["ticket"])
    assert case.anonymous
    assert not case.share_identity
    assert not Reporter.objects.exists()


def test_api_booleans_read_zero_and_false_as_false(client, report_fields):
    body = post(client, {**report_fields, "anonymous": "0", "share_identity": "false"}).json()
    case = Case.objects.get(ticket=body["ticket"])
    assert not case.anonymous
    assert Reporter.objects.filter(case=case).exists()


def test_known_date_defaults_to_the_incident_date(client, report_fields):
    body = post(client, {**report_fields, "known_date": ""}).json()
    case = Case.objects.get(ticket=body["ticket"])
    assert case.known_date == case.incident_date


LONG = "x" * 10_000
FULL_WIDTH_NIP = "".join(chr(0xFF10 + int(digit)) for digit in "198503152010011002")  # digits, but not ASCII


@pytest.mark.parametrize(
    ("change", "files", "field", "fragment"),
    [
        ({"consent": ""}, None, "consent", "Centang pernyataan persetujuan"),
        ({"consent": "tidak"}, None, "consent", "Centang pernyataan persetujuan"),
        ({"consent": "null"}, None, "consent", "isi true atau false"),
        ({"anonymous": "maybe"}, None, "anonymous", "isi true atau false"),
        (
            {"asn_nip": FULL_WIDTH_NIP},
            None,
            "asn_nip",
            "18 digit",
        ),
        (
            {"reporter_phone": "\u0660\u0668\u0661\u0662\u0663\u0664\u0665\u0666\u0667"},
            None,
            "reporter_phone",
            "8 sampai 15",
        ),
        ({"incident_date": "01/02/2024"}, None, "incident_date", "TTTT-BB-HH"),
        ({"asn_nip": "12345"}, None, "asn_nip", "18 digit"),
        ({"asn_nip": "1985031520100110AB"}, None, "asn_nip", "18 digit"),
        ({"asn_nip": "198513152010011002"}, None, "asn_nip", "tanggal lahir"),
        ({"incident_date": "2999-01-01"}, None, "incident_date", "masa depan"),
        ({"known_date": "2024-01-01"}, None, "known_date", "sebelum tanggal kejadian"),
        ({"election": "pemilu-1999"}, None, "election", "tidak dikenal"),
        ({"asn_region": "99.99"}, None, "asn_region", "99.99 tidak dikenal"),
        ({"asn_region": "99"}, None, "asn_region", "99 tidak dikenal"),  # no such province
        ({"platform": "friendster"}, None, "platform", "friendster tidak dikenal"),
        ({"behaviours": ["NOPE"]}, None, "behaviours", "NOPE tidak dikenal"),
        ({"description": LONG}, None, "description", "5000"),
        ({"description": "pendek"}, None, "description", "20"),
        ({"post_url": "javascript:alert(1)"}, None, "post_url", ""),
        ({"reporter_phone": "telepon saya"}, None, "reporter_phone", "8 sampai 15 angka"),
        ({"reporter_email": "bukan-email"}, None, "reporter_email", ""),
        ({"reporter_name": ""}, None, "reporter_name", "Isi nama Anda"),
        ({"reporter_email": "", "reporter_phone": ""}, None, "reporter_email", "email atau nomor telepon"),
        ({}, [], "evidence", "paling sedikit 1"),
        ({}, [upload(b"hello", "bukti.png")], "evidence", "bukan gambar"),
        ({}, [upload(b"<html><script>x</script>", "b.png")], "evidence", "bukan gambar"),
        ({}, [upload(b"", "nol.png")], "evidence", "kosong"),
        ({}, [upload(image_bytes()[:150], "potong.png")], "evidence", "rusak"),
        ({}, [upload(image_bytes(), f"{n}.png") for n in range(6)], "evidence", "paling banyak 5"),
    ],
)
def test_rejections_name_the_field_and_store_nothing(
    client, report_fields, evidence_dir, change, files, field, fragment
):
    response = post(client, {**report_fields, **change}, files)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert field in error["message"]
    assert fragment in " ".join(error["fields"][field])
    assert_nothing_stored(evidence_dir)


def test_an_oversize_file_is_413_with_the_field_named(client, report_fields, settings, evidence_dir):
    settings.MAX_EVIDENCE_BYTES = 2_000
    big = image_bytes("PNG", size=(400, 400), compress_level=0)
    response = post(client, report_fields, [upload(big)])
    assert response.status_code == 413
    error = response.json()["error"]
    assert error["code"] == "file_too_large"
    assert "melebihi batas" in error["fields"]["evidence"][0]
    assert_nothing_stored(evidence_dir)


def test_an_image_over_the_pixel_limit_is_400(client, report_fields, settings, evidence_dir):
    settings.MAX_EVIDENCE_PIXELS = 100_000
    response = post(client, report_fields, [upload(image_bytes(size=(400, 400)))])
    assert response.status_code == 400
    assert "megapiksel" in response.json()["error"]["fields"]["evidence"][0]
    assert_nothing_stored(evidence_dir)


def test_a_request_over_the_total_limit_is_413_before_parsing(client, report_fields, settings, evidence_dir):
    settings.MAX_REPORT_REQUEST_BYTES = 1_000
    response = post(client, report_fields)
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "request_too_large"
    assert_nothing_stored(evidence_dir)


def test_the_submit_limit_is_shared_by_the_form_and_the_api(client, report_fields, settings, clock):
    settings.SUBMIT_RATE = "2/min"
    settings.POW = "off"  # past half the limit a challenge is asked: tests/intake/test_pow.py
    # The last second of a minute, held still: the three requests fall in one window whatever the time.
    clock.move_to(FROZEN_AT.replace(second=59), tick=False)
    web = client.post(reverse("report-create"), {**report_fields, "evidence": [upload(image_bytes())]})
    assert web.status_code == 302
    assert post(client, report_fields).status_code == 201
    third = post(client, report_fields)
    assert third.status_code == 429
    assert int(third["Retry-After"]) > 0
    error = third.json()["error"]
    assert error["code"] == "throttled"
    assert "Coba lagi dalam" in error["message"]
    assert Case.objects.count() == 2


def test_status_shows_the_public_timeline_only(client, ref):
    case = CaseFactory(asn_nip="198503152010011002", anonymous=False)
    CaseEvent.objects.create(
        case=case, action=CaseEvent.Action.SUBMIT, to_status="received", is_public=False, internal_note="rahasia"
    )
    response = client.get(f"/api/v1/reports/{case.ticket.lower()}/")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {
        "ticket",
        "status",
        "status_label",
        "updated_at",
        "timeline",
        "rejection",
        "follows",
        "outcomes",
    }
    assert (body["rejection"], body["follows"], body["outcomes"]) == (None, None, [])
    assert (body["ticket"], body["status"], body["status_label"]) == (case.ticket, "received", "Diterima")
    assert body["timeline"] == [{"at": body["timeline"][0]["at"], "status": "received", "note": "Laporan diterima"}]
    text = response.content.decode()
    for private in ("rahasia", case.asn_nip, case.asn_name, case.description):
        assert private not in text


def test_status_refuses_a_mistyped_ticket_without_a_query(client, ref):
    case = CaseFactory()
    wrong = case.ticket[:-1] + ("A" if case.ticket[-1] != "A" else "B")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/api/v1/reports/{wrong}/")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_ticket"
    assert "tidak valid" in response.json()["error"]["fields"]["ticket"][0]
    assert not [q for q in queries if "complaints_case" in q["sql"]]


def test_status_of_an_unknown_ticket_is_404(client, db):
    response = client.get("/api/v1/reports/NTR-0000-0000/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_status_lookups_are_rate_limited(client, ref, settings):
    settings.LOOKUP_RATE = "2/min"
    case = CaseFactory()
    assert client.get(f"/api/v1/reports/{case.ticket}/").status_code == 200
    assert client.get("/api/v1/reports/NTR-0000-0000/").status_code == 404
    response = client.get(f"/api/v1/reports/{case.ticket}/")
    assert response.status_code == 429
    assert "Retry-After" in response
