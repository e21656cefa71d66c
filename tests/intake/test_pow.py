"""Proof of work on submission: an ALTCHA-compatible challenge, asked when POW says so."""

import base64
import datetime
import json

import altcha
import pytest

from complaints.models import Case
from tests.helpers import FROZEN_AT, image_bytes, upload


def solved(client) -> str:
    """Fetch a challenge and solve it as a client (ALTCHA's own solver); return the payload."""
    challenge = client.get("/api/v1/challenge/").json()
    assert set(challenge) == {"algorithm", "challenge", "maxnumber", "salt", "signature"}
    number = altcha.solve_challenge_v1(
        challenge["challenge"], challenge["salt"], "SHA-256", challenge["maxnumber"]
    ).number
    payload = {**{key: challenge[key] for key in ("algorithm", "challenge", "salt", "signature")}, "number": number}
    return base64.b64encode(json.dumps(payload).encode()).decode()


def submit(client, report_fields, address="10.9.0.1", **extra):
    return client.post(
        "/api/v1/reports/", {**report_fields, "evidence": [upload(image_bytes())], **extra}, REMOTE_ADDR=address
    )


def test_where_always_required_a_report_without_a_solution_is_refused_and_stores_nothing(
    client, report_fields, settings
):
    settings.POW = "always"
    refused = submit(client, report_fields)
    assert refused.status_code == 400
    assert refused.json()["error"]["code"] == "pow_required" and "altcha" in refused.json()["error"]["fields"]
    assert not Case.objects.exists()
    assert submit(client, report_fields, altcha=solved(client)).status_code == 201


def test_a_solution_works_once(client, report_fields, settings):
    settings.POW = "always"
    payload = solved(client)
    assert submit(client, report_fields, altcha=payload).status_code == 201
    again = submit(client, report_fields, altcha=payload)
    assert again.status_code == 400 and again.json()["error"]["code"] == "pow_reused"
    assert Case.objects.count() == 1


def test_a_forged_or_expired_solution_is_refused(client, report_fields, settings, clock):
    settings.POW = "always"
    clock.move_to(FROZEN_AT, tick=False)
    payload = json.loads(base64.b64decode(solved(client)))
    forged = base64.b64encode(json.dumps({**payload, "number": payload["number"] + 1}).encode()).decode()
    assert submit(client, report_fields, altcha=forged).json()["error"]["code"] == "pow_invalid"
    late = solved(client)
    clock.move_to(FROZEN_AT + datetime.timedelta(seconds=settings.POW_EXPIRES_SECONDS + 1), tick=False)
    assert submit(client, report_fields, altcha=late).json()["error"]["code"] == "pow_invalid"


def test_in_a_surge_an_address_past_half_its_limit_must_prove_work(client, report_fields, settings):
    settings.POW, settings.SUBMIT_RATE = "surge", "4/hour"
    assert [submit(client, report_fields).status_code for _ in range(2)] == [201, 201]  # the base limit, no work
    third = submit(client, report_fields)
    assert third.status_code == 400 and third.json()["error"]["code"] == "pow_required"
    assert submit(client, report_fields, address="10.9.0.2").status_code == 201  # another address: not yet


def test_in_a_surge_everyone_must_prove_work(client, report_fields, settings):
    settings.POW, settings.POW_SURGE_RATE = "surge", "3/hour"
    for number in range(3):
        assert submit(client, report_fields, address=f"10.8.0.{number}").status_code == 201
    assert submit(client, report_fields, address="10.8.0.9").json()["error"]["code"] == "pow_required"
    assert submit(client, report_fields, address="10.8.0.9", altcha=solved(client)).status_code == 201


@pytest.mark.parametrize("mode", ["off"])
def test_off_never_asks(client, report_fields, settings, mode):
    settings.POW, settings.SUBMIT_RATE, settings.POW_SURGE_RATE = mode, "4/hour", "1/hour"
    assert [submit(client, report_fields).status_code for _ in range(4)] == [201] * 4


def test_the_form_without_javascript_says_what_to_do_and_keeps_what_was_typed(client, report_fields, settings):
    settings.POW = "always"
    response = client.post("/lapor/", {**report_fields, "evidence": [upload(image_bytes())]})
    page = response.content.decode()
    assert response.status_code == 400 and "tantangan keamanan" in page and "Aktifkan JavaScript" in page
    assert report_fields["description"] in page
    assert not Case.objects.exists()
