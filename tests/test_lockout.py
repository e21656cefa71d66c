"""Repeated failed logins lock the username and the address out, on all three logins."""

import datetime

import pytest
from django.test import Client

from complaints.permissions import Role
from tests.factories import official
from tests.helpers import FROZEN_AT

PASSWORD = "sandi-rahasia-yang-panjang-1"
LOGINS = {
    "web": ("/petugas/masuk/", "form"),
    "admin": ("/admin/login/", "form"),
    "api": ("/api/v1/auth/token/", "json"),
}


def attempt(login: str, username: str, password: str, address: str = "10.1.1.1"):
    path, kind = LOGINS[login]
    client = Client(REMOTE_ADDR=address)
    data = {"username": username, "password": password}
    if kind == "json":
        return client.post(path, data, content_type="application/json")
    return client.post(path, data)


def logged_in(login: str, response) -> bool:
    if login == "api":
        return response.status_code == 200 and "token" in response.json()
    return response.status_code == 302


@pytest.fixture
def vera(ref):
    user = official("vera", Role.VERIFIKATOR, password=PASSWORD)
    user.is_staff = True
    user.save()
    return user


@pytest.mark.parametrize("login", list(LOGINS))
def test_after_the_limit_even_the_right_password_is_refused_until_the_lockout_ends(vera, settings, clock, login):
    clock.move_to(FROZEN_AT, tick=False)
    for _failure in range(settings.LOGIN_FAILURE_LIMIT):
        assert not logged_in(login, attempt(login, "vera", "salah"))
    refused = attempt(login, "vera", PASSWORD)
    assert refused.status_code == 429
    assert "Terlalu banyak percobaan masuk" in refused.content.decode()
    if login == "api":
        assert refused.json()["error"]["code"] == "locked_out"
    clock.move_to(FROZEN_AT + datetime.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES + 1), tick=False)
    assert logged_in(login, attempt(login, "vera", PASSWORD))


def test_a_username_is_locked_from_every_address(vera, settings):
    for number in range(settings.LOGIN_FAILURE_LIMIT):
        attempt("web", "vera", "salah", address=f"10.2.0.{number}")
    assert attempt("web", "vera", PASSWORD, address="10.2.9.9").status_code == 429


def test_an_address_is_locked_for_every_username(vera, settings):
    for number in range(settings.LOGIN_FAILURE_LIMIT):
        attempt("api", f"tebakan{number}", "salah", address="10.3.0.1")
    assert attempt("api", "vera", PASSWORD, address="10.3.0.1").status_code == 429
    assert logged_in("api", attempt("api", "vera", PASSWORD, address="10.3.0.2"))


def test_failures_below_the_limit_are_forgiven_by_a_success(vera, settings):
    for _failure in range(settings.LOGIN_FAILURE_LIMIT - 1):
        attempt("web", "vera", "salah")
    assert logged_in("web", attempt("web", "vera", PASSWORD))
    for _failure in range(settings.LOGIN_FAILURE_LIMIT - 1):
        attempt("web", "vera", "salah")
    assert logged_in("web", attempt("web", "vera", PASSWORD))
