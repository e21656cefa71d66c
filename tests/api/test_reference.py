"""Reference data for forms and API clients, and the OpenAPI schema."""

import polib
import pytest
from django.conf import settings


def test_elections_by_slug(client, ref):
    elections = {row["slug"]: row for row in client.get("/api/v1/elections/").json()}
    assert set(elections) == {"pemilu-2024", "pilkada-2024"}
    assert elections["pemilu-2024"]["voting_date"] == "2024-02-14"
    assert elections["pemilu-2024"]["type"] == "pemilu"
    assert elections["pilkada-2024"]["campaign_end"] == "2024-11-23"
    # Bawaslu's window is the stages (DOMAIN.md): clients need it to tell where a report goes.
    assert (elections["pilkada-2024"]["stages_start"], elections["pilkada-2024"]["stages_end"]) == (
        "2024-01-26",
        "2024-12-16",
    )


def test_regions_by_parent(client, ref):
    provinces = client.get("/api/v1/regions/").json()
    assert len(provinces) == 38
    assert {"code": "36", "name": "Banten", "level": "province", "parent": None} in provinces
    banten = client.get("/api/v1/regions/", {"parent": "36"}).json()
    assert {"code": "36.73", "name": "Kota Serang", "level": "regency", "parent": "36"} in banten
    assert len(banten) == 8
    assert client.get("/api/v1/regions/", {"parent": "99"}).json() == []
    for bad in ("\x00", "36.73.01", "banten", "3" * 300):
        refused = client.get("/api/v1/regions/", {"parent": bad})
        assert refused.status_code == 400
        assert "parent" in refused.json()["error"]["fields"]


def test_behaviours_by_code(client, ref):
    behaviours = {row["code"]: row for row in client.get("/api/v1/behaviours/").json()}
    assert len(behaviours) == 13
    assert "MEDSOS_INTERAKSI" in behaviours
    assert "PP 94/2021" in behaviours["MEDSOS_KAMPANYE"]["legal_basis"]


def test_schema_covers_every_endpoint_and_the_report_fields(client, db):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    for path in (
        "/api/v1/reports/",
        "/api/v1/reports/{ticket}/",
        "/api/v1/elections/",
        "/api/v1/regions/",
        "/api/v1/behaviours/",
    ):
        assert path in schema["paths"]
    request = schema["paths"]["/api/v1/reports/"]["post"]["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert request["properties"]["evidence"] == {
        "type": "array",
        "items": {"type": "string", "format": "binary"},
        "description": "Tangkapan layar",
    }
    assert request["properties"]["platform"]["enum"] == [
        "instagram",
        "facebook",
        "x",
        "tiktok",
        "youtube",
        "whatsapp",
        "other",
    ]
    assert {"asn_name", "asn_region", "election", "evidence", "consent"} <= set(request["required"])
    assert client.get("/api/docs/").status_code == 200


@pytest.mark.parametrize("language", ["en", "id"])
def test_translation_catalogues_are_complete(language):
    catalogue = polib.pofile(str(settings.BASE_DIR / "locale" / language / "LC_MESSAGES" / "django.po"))
    entries = [entry for entry in catalogue if not entry.obsolete]
    assert len(entries) > 200
    assert [entry.msgid for entry in entries if not entry.translated() or entry.fuzzy] == []


def test_unknown_api_paths_and_methods_answer_in_the_error_shape(client, db):
    missing = client.get("/api/v1/nothing-here/")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"
    wrong_method = client.delete("/api/v1/elections/")
    assert wrong_method.status_code == 405
    assert set(wrong_method.json()["error"]) == {"code", "message", "fields"}
    json_body = client.post("/api/v1/reports/", {"asn_name": "x"}, content_type="application/json")
    assert json_body.status_code == 415
    assert json_body.json()["error"]["code"] == "unsupported_media_type"


def test_the_openapi_schema_validates_without_warnings(db):
    from django.core.management import call_command

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")
