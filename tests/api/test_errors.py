"""Odd requests get the API's error shape, never a 500 or an HTML page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from complaints.models import Case, Evidence
from tests.factories import official
from tests.helpers import error_of, image_bytes


@pytest.mark.parametrize("fmt", ["csv", "api", "xml", "yaml", "%0A"])
@pytest.mark.parametrize(
    "path", ["/api/v1/elections/", "/api/v1/regions/", "/api/v1/behaviours/", "/api/v1/reports/NTR-0000-0000/"]
)
def test_an_unknown_format_is_a_400_naming_the_field(client, ref, path, fmt):
    error = error_of(client.get(f"{path}?format={fmt}"), 400)
    assert error["code"] == "unsupported_format"
    assert "json" in error["fields"]["format"][0]


def test_the_json_format_is_still_served(client, ref):
    response = client.get("/api/v1/elections/?format=json")
    assert response.status_code == 200
    assert {row["slug"] for row in response.json()} >= {"pemilu-2024", "pilkada-2024"}


def test_an_officials_endpoint_with_an_unknown_format_is_a_400(client, ref):
    client.force_login(official("vera", "verifikator"))
    assert error_of(client.get("/api/v1/cases/?format=csv"), 400)["code"] == "unsupported_format"
    assert error_of(client.get("/api/v1/agencies/?format=xml"), 400)["code"] == "unsupported_format"


def test_a_valid_report_with_an_unknown_format_stores_nothing(client, report_fields, evidence_dir):
    files = [SimpleUploadedFile("a.png", image_bytes(), content_type="image/png")]
    response = client.post("/api/v1/reports/?format=csv", {**report_fields, "evidence": files})
    assert error_of(response, 400)["code"] == "unsupported_format"
    assert not Case.objects.exists() and not Evidence.objects.exists()
    assert not evidence_dir.exists() or not any(path.is_file() for path in evidence_dir.rglob("*"))


@pytest.mark.parametrize(
    "path",
    ["/api/v1/cases/%0A/", "/api/v1/%0A", "/api/v1/%0A/", "/api/v1/reports/%0A/", "/api/v1/cases/%0A/actions/claim/"],
)
def test_a_path_with_a_newline_gets_the_json_error_shape(client, ref, path):
    response = client.get(path)
    assert response.status_code in (400, 404)
    error_of(response, response.status_code)
