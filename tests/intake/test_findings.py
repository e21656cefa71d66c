"""Officials' own findings (temuan): one through the page or the API, or a team's CSV with a ZIP."""

import csv
import io
import zipfile

import pytest
from django.urls import reverse

from complaints.models import Case, Evidence, Jurisdiction
from complaints.permissions import Role
from tests.factories import official
from tests.helpers import assert_nothing_stored, image_bytes, stored_files, upload

FINDING = {
    "asn_name": "Lalu Ahmad Zaini",
    "asn_agency": "Dinas Pendidikan dan Kebudayaan Provinsi NTB",
    "asn_region": "52",
    "platform": "facebook",
    "incident_date": "2024-10-15",
    "known_date": "2024-10-15",
    "election": "pilkada-2024",
    "behaviours": ["MEDSOS_KAMPANYE"],
    "description": "Tim pemantau menemukan ajakan memilih pasangan calon gubernur di akun pribadi.",
}


def test_a_verifikator_records_a_finding_without_a_reporter(client, ref, django_capture_on_commit_callbacks):
    vera = official("vera", Role.VERIFIKATOR)
    client.force_login(vera)
    page = client.get(reverse("finding-create"))
    assert page.status_code == 200
    html = page.content.decode()
    for absent in ("reporter_name", "reporter_email", "consent", "share_identity"):
        assert f'name="{absent}"' not in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("finding-create"), {**FINDING, "evidence": [upload(image_bytes())]})
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("official-case", args=[case.ticket])
    assert case.source == "temuan" and not hasattr(case, "reporter")
    assert not case.check_access_code("")  # a finding has no access code anyone could use
    first = case.events.get()
    assert (first.action, first.actor) == ("submit", vera)
    assert case.evidence.get().processing()["sanitize"] == "done"


def test_an_analis_may_not_record_findings(client, ref):
    client.force_login(official("anwar", Role.ANALIS))
    page = client.get(reverse("finding-create"))
    assert page.status_code == 403 and "Peran Anda tidak boleh mencatat temuan." in page.content.decode()  # why
    response = client.post("/api/v1/cases/", {**FINDING, "evidence": [upload(image_bytes())]})
    assert response.status_code == 403
    assert not Case.objects.exists()


def test_a_bad_finding_names_the_field_and_stores_nothing(client, ref, evidence_dir):
    client.force_login(official("vera", Role.VERIFIKATOR))
    response = client.post(
        "/api/v1/cases/", {**FINDING, "incident_date": "2026-01-05", "evidence": [upload(image_bytes())]}
    )
    assert response.status_code == 400
    assert "di luar tahapan" in response.json()["error"]["fields"]["incident_date"][0]
    assert_nothing_stored(evidence_dir)


def test_a_finding_outside_the_officials_regions_is_refused(client, ref):
    jabar = official("jaya", Role.VERIFIKATOR)
    Jurisdiction.objects.create(official=jabar, region_id="32")
    client.force_login(jabar)
    html = client.get(reverse("finding-create")).content.decode()
    assert 'value="32.73"' in html and 'value="52"' not in html  # only the official's own regions are offered
    response = client.post("/api/v1/cases/", {**FINDING, "evidence": [upload(image_bytes())]})
    assert response.status_code == 400 and "asn_region" in response.json()["error"]["fields"]
    assert not Case.objects.exists()


def batch(rows: list[dict], files: dict[str, bytes]):
    """Return the CSV and the ZIP of a batch upload."""
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=[*FINDING, "evidence"])
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "behaviours": ";".join(row.get("behaviours", []))})
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        for name, content in files.items():
            zipped.writestr(name, content)
    return (
        upload(text.getvalue().encode(), "temuan.csv", "text/csv"),
        upload(archive.getvalue(), "bukti.zip", "application/zip"),
    )


def test_a_teams_batch_is_stored_whole(client, ref, django_capture_on_commit_callbacks):
    client.force_login(official("vera", Role.VERIFIKATOR))
    rows = [
        {**FINDING, "asn_name": f"ASN {number}", "evidence": f"layar{number}.png;layar{number}b.png"}
        for number in (1, 2, 3)
    ]
    files = {f"layar{n}{suffix}.png": image_bytes() for n in (1, 2, 3) for suffix in ("", "b")}
    findings, screenshots = batch(rows, files)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("finding-batch"), {"findings": findings, "screenshots": screenshots})
    assert response.status_code == 302 and response["Location"].endswith("?source=temuan")
    assert sorted(Case.objects.values_list("asn_name", flat=True)) == ["ASN 1", "ASN 2", "ASN 3"]
    assert set(Case.objects.values_list("source", flat=True)) == {"temuan"}
    assert Evidence.objects.count() == 6


@pytest.mark.parametrize(
    ("bad", "field", "message"),
    [
        ({"asn_region": "99"}, "asn_region", "tidak dikenal"),
        ({"incident_date": "2030-01-01"}, "incident_date", "masa depan"),
        ({"evidence": "tidak-ada.png"}, "evidence", "tidak-ada.png"),
        ({"description": ""}, "description", "Ceritakan"),
    ],
)
def test_one_bad_row_refuses_the_whole_batch_with_each_rows_errors(client, ref, evidence_dir, bad, field, message):
    client.force_login(official("vera", Role.VERIFIKATOR))
    rows = [{**FINDING, "evidence": "a.png"}, {**FINDING, "evidence": "b.png", **bad}]
    findings, screenshots = batch(rows, {"a.png": image_bytes(), "b.png": image_bytes()})
    response = client.post(reverse("finding-batch"), {"findings": findings, "screenshots": screenshots})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'data-row="3"' in html and 'data-row="2"' not in html  # the second data row, line 3 of the CSV
    assert f"<code>{field}</code>" in html and message in html
    assert "tidak ada temuan yang disimpan" in html
    assert not Case.objects.exists() and stored_files(evidence_dir) == []


@pytest.mark.parametrize(
    ("findings", "screenshots", "message"),
    [
        (upload(b"\xff\xfe\x00bukan", "t.csv"), None, "UTF-8"),
        (
            upload(b"asn_name,asn_agency,asn_region,election,platform,incident_date,description,evidence\n", "t.csv"),
            None,
            "tidak berisi satu baris",
        ),
        (upload(b"asn_name,asn_agency\nA,B\n", "t.csv"), None, "Kolom wajib tidak ada: asn_region, election, platform"),
        (None, upload(b"bukan zip", "b.zip"), "harus ZIP"),
    ],
)
def test_a_broken_upload_gets_a_clear_message(client, ref, findings, screenshots, message):
    client.force_login(official("vera", Role.VERIFIKATOR))
    good_csv, good_zip = batch([{**FINDING, "evidence": "a.png"}], {"a.png": image_bytes()})
    response = client.post(
        reverse("finding-batch"), {"findings": findings or good_csv, "screenshots": screenshots or good_zip}
    )
    assert response.status_code == 400 and message in response.content.decode()
    assert not Case.objects.exists()


def test_a_column_the_form_does_not_know_is_named_with_the_ones_it_does(client, ref):
    client.force_login(official("vera", Role.VERIFIKATOR))
    findings, screenshots = batch([{**FINDING, "evidence": "a.png"}], {"a.png": image_bytes()})
    text = findings.read().decode().replace("known_date", "jabatan", 1)
    response = client.post(
        reverse("finding-batch"), {"findings": upload(text.encode(), "t.csv", "text/csv"), "screenshots": screenshots}
    )
    html = response.content.decode()
    assert response.status_code == 400 and "Kolom tidak dikenal: jabatan." in html and "known_date" in html
    assert not Case.objects.exists()


def test_a_spreadsheet_saved_with_semicolons_is_read(client, ref):
    client.force_login(official("vera", Role.VERIFIKATOR))
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=[*FINDING, "evidence"], delimiter=";")
    writer.writeheader()
    writer.writerow({**FINDING, "behaviours": "MEDSOS_KAMPANYE;AKUN_INSTANSI", "evidence": "a.png;b.png"})
    findings = upload(text.getvalue().encode(), "t.csv", "text/csv")
    _csv, screenshots = batch([], {"a.png": image_bytes(), "b.png": image_bytes()})
    response = client.post(reverse("finding-batch"), {"findings": findings, "screenshots": screenshots})
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.evidence.count() == 2 and case.behaviours.count() == 2


def test_the_sample_csv_linked_from_the_page_is_accepted(client, ref, settings):
    client.force_login(official("koko", Role.KOORDINATOR))
    page = client.get(reverse("finding-batch")).content.decode()
    assert "samples/temuan-contoh.csv" in page
    sample = (settings.BASE_DIR / "static" / "samples" / "temuan-contoh.csv").read_bytes()
    _csv, screenshots = batch([], {"layar1.png": image_bytes(), "layar1b.png": image_bytes()})
    response = client.post(
        reverse("finding-batch"), {"findings": upload(sample, "contoh.csv", "text/csv"), "screenshots": screenshots}
    )
    assert response.status_code == 302 and Case.objects.get().asn_name == "Lalu Ahmad Zaini"
