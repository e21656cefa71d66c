"""Rate limits hold under parallel requests from one address and release after the window."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.test import RequestFactory

from complaints.intake.throttles import LookupThrottle, SubmitThrottle, parse_rate


def request_from(address: str):
    return RequestFactory().post("/lapor/", REMOTE_ADDR=address)


def test_parallel_requests_from_one_address_get_exactly_the_limit(settings):
    settings.SUBMIT_RATE = "5/hour"
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: SubmitThrottle().check(request_from("10.0.0.7")) is None, range(40)))
    assert results.count(True) == 5


def test_limits_are_per_address_and_per_scope(settings):
    settings.SUBMIT_RATE = "1/min"
    settings.LOOKUP_RATE = "1/min"
    assert SubmitThrottle().check(request_from("10.0.0.1")) is None
    assert SubmitThrottle().check(request_from("10.0.0.2")) is None
    assert LookupThrottle().check(request_from("10.0.0.1")) is None
    wait = SubmitThrottle().check(request_from("10.0.0.1"))
    assert 1 <= wait <= 60


def test_the_window_releases(settings, monkeypatch):
    settings.SUBMIT_RATE = "1/min"
    clock = [1_000_000.0]
    monkeypatch.setattr("complaints.intake.throttles.time.time", lambda: clock[0])
    assert SubmitThrottle().check(request_from("10.0.0.3")) is None
    assert SubmitThrottle().check(request_from("10.0.0.3")) is not None
    clock[0] += 60
    assert SubmitThrottle().check(request_from("10.0.0.3")) is None


@pytest.mark.parametrize(("rate", "parsed"), [("30/hour", (30, 3600)), ("5/min", (5, 60)), ("100/day", (100, 86400))])
def test_rates_use_drfs_syntax(rate, parsed):
    assert parse_rate(rate) == parsed
