"""Two-factor login (STAFF_2FA) and API tokens that expire (TOKEN_TTL_HOURS)."""

import datetime

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from complaints.accounts import second_factor
from complaints.models import Reporter
from complaints.permissions import Role
from tests.factories import CaseFactory, official
from tests.helpers import FROZEN_AT

PASSWORD = "sandi-rahasia-yang-panjang-1"


def current_code(device: TOTPDevice) -> str:
    return f"{totp(bytes.fromhex(device.key), step=device.step, t0=device.t0, digits=device.digits):06d}"


def log_in(client: Client, username: str = "vera") -> None:
    response = client.post("/petugas/masuk/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.content


@pytest.fixture
def vera(ref):
    return official("vera", Role.VERIFIKATOR, password=PASSWORD)


def enrol(client: Client, clock) -> tuple[TOTPDevice, list[str]]:
    page = client.get("/petugas/verifikasi-dua-langkah/")
    assert page.status_code == 200 and "data:image/svg+xml;base64," in page.content.decode()
    device = TOTPDevice.objects.get(confirmed=False)
    response = client.post("/petugas/verifikasi-dua-langkah/", {"code": current_code(device)})
    assert response.status_code == 200
    codes = response.context["codes"]
    assert len(codes) == second_factor.RECOVERY_CODES
    clock.shift(datetime.timedelta(seconds=31))  # a code is used once: the next login waits for the next
    return TOTPDevice.objects.get(pk=device.pk), codes


def test_where_required_nothing_but_enrolment_works_until_an_authenticator_is_confirmed(client, vera, settings, clock):
    settings.STAFF_2FA = "required"
    case = CaseFactory()
    Reporter.objects.create(case=case, name="Adityawarman", email="adit@example.org")
    log_in(client)
    for path in ("/petugas/", f"/petugas/kasus/{case.ticket}/", f"/api/v1/cases/{case.ticket}/reporter/"):
        response = client.get(path)
        assert response.status_code in (302, 403), path
        assert b"Adityawarman" not in response.content
    assert client.get("/petugas/")["Location"].startswith("/petugas/verifikasi-dua-langkah/")
    device, _codes = enrol(client, clock)
    assert device.confirmed
    assert client.get("/petugas/").status_code == 200  # verified in this session


def test_an_enrolled_official_gives_the_code_or_a_recovery_code_at_every_login(client, vera, settings, clock):
    settings.STAFF_2FA = "optional"
    log_in(client)
    device, codes = enrol(client, clock)
    client.post("/petugas/keluar/")
    log_in(client)
    assert client.get("/petugas/")["Location"].startswith("/petugas/masuk/kode/")
    wrong = client.post("/petugas/masuk/kode/", {"code": "000000"})
    assert wrong.status_code == 400 and "Kode salah" in wrong.content.decode()
    clock.shift(datetime.timedelta(seconds=2))  # after a wrong code the device waits a moment (django-otp)
    assert client.post("/petugas/masuk/kode/", {"code": current_code(device), "next": "/petugas/"}).status_code == 302
    assert client.get("/petugas/").status_code == 200
    client.post("/petugas/keluar/")
    log_in(client)
    assert client.post("/petugas/masuk/kode/", {"code": codes[0].upper()}).status_code == 302  # a recovery code
    client.post("/petugas/keluar/")
    log_in(client)
    assert client.post("/petugas/masuk/kode/", {"code": codes[0]}).status_code == 400  # once only


def test_the_api_token_needs_the_code_where_the_official_has_one(client, vera, settings, clock):
    settings.STAFF_2FA = "optional"
    log_in(client)
    device, _codes = enrol(client, clock)
    api = Client()
    body = {"username": "vera", "password": PASSWORD}
    missing = api.post("/api/v1/auth/token/", body, content_type="application/json")
    assert missing.status_code == 400 and "otp" in missing.json()["error"]["fields"]
    token = api.post("/api/v1/auth/token/", {**body, "otp": current_code(device)}, content_type="application/json")
    assert token.status_code == 200 and {"token", "expires_at"} == set(token.json())


def test_where_required_an_official_without_an_authenticator_gets_no_token(vera, settings):
    settings.STAFF_2FA = "required"
    response = Client().post(
        "/api/v1/auth/token/", {"username": "vera", "password": PASSWORD}, content_type="application/json"
    )
    assert response.status_code == 400 and "Daftarkan" in response.json()["error"]["fields"]["otp"][0]


def test_a_token_expires_after_its_hours(vera, settings, clock):
    settings.STAFF_2FA = "optional"
    clock.move_to(FROZEN_AT, tick=False)
    api = Client()
    reply = api.post("/api/v1/auth/token/", {"username": "vera", "password": PASSWORD}, content_type="application/json")
    token, expires = reply.json()["token"], reply.json()["expires_at"]
    assert expires.startswith("2026-11-25T22:00")  # twelve hours, by default
    assert api.get("/api/v1/cases/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 200
    clock.move_to(FROZEN_AT + datetime.timedelta(hours=settings.TOKEN_TTL_HOURS, seconds=1), tick=False)
    expired = api.get("/api/v1/cases/", HTTP_AUTHORIZATION=f"Token {token}")
    assert expired.status_code in (401, 403) and "kedaluwarsa" in expired.json()["error"]["message"]
    again = api.post("/api/v1/auth/token/", {"username": "vera", "password": PASSWORD}, content_type="application/json")
    assert again.json()["token"] != token  # a new login gives a new token
