"""The report's rules that follow the law: a province's civil servant, and incidents within their
election's stages."""

import pytest

from complaints.models import Case
from tests.helpers import image_bytes, upload


def post(client, fields):
    return client.post("/api/v1/reports/", {**fields, "evidence": [upload(image_bytes())]})


def test_a_provincial_civil_servant_is_reported_with_the_province_code(client, report_fields):
    response = post(client, {**report_fields, "asn_region": "36"})  # Pemprov Banten
    assert response.status_code == 201, response.content
    assert Case.objects.get().asn_region_id == "36"
    page = client.get("/lapor/").content.decode()
    assert '<option value="36">Pemerintah Provinsi Banten</option>' in page


@pytest.mark.parametrize(
    ("incident", "election"),
    [("2026-01-05", "pilkada-2024"), ("2022-06-13", "pemilu-2024"), ("2024-01-25", "pilkada-2024")],
)
def test_an_incident_outside_its_elections_stages_is_refused_with_the_stages(client, report_fields, incident, election):
    response = post(client, {**report_fields, "incident_date": incident, "known_date": incident, "election": election})
    assert response.status_code == 400
    message = response.json()["error"]["fields"]["incident_date"][0]
    assert "di luar tahapan" in message and "sampai" in message
    assert not Case.objects.exists()


@pytest.mark.parametrize(("incident", "election"), [("2022-06-14", "pemilu-2024"), ("2024-09-08", "pilkada-2024")])
def test_an_incident_on_the_stages_days_is_accepted(client, report_fields, incident, election):
    response = post(client, {**report_fields, "incident_date": incident, "known_date": incident, "election": election})
    assert response.status_code == 201, response.content
