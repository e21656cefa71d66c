"""Rate limits hold exactly: under concurrent requests, on the database as on Redis (the real
stack's suite), across a pause, and with no window edge that lets twice the limit through."""

import datetime
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import RequestFactory

from complaints import ratelimit
from complaints.intake.throttles import LookupThrottle, SubmitThrottle, parse_rate
from complaints.models import RateBucket
from tests.helpers import FROZEN_AT


def request_from(address: str):
    return RequestFactory().post("/lapor/", REMOTE_ADDR=address)


@pytest.mark.django_db(transaction=True)
def test_forty_concurrent_requests_from_one_address_get_exactly_the_limit(settings):
    settings.SUBMIT_RATE = "5/hour"

    def attempt(_number):
        try:
            return SubmitThrottle().check(request_from("10.0.0.7")) is None
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(attempt, range(40)))
    assert results.count(True) == 5
    assert len(RateBucket.objects.get(key="submit:10.0.0.7").hits) == 5


def test_limits_are_per_address_and_per_scope(db, settings):
    settings.SUBMIT_RATE = "1/min"
    settings.LOOKUP_RATE = "1/min"
    assert SubmitThrottle().check(request_from("10.0.0.1")) is None
    assert SubmitThrottle().check(request_from("10.0.0.2")) is None
    assert LookupThrottle().check(request_from("10.0.0.1")) is None
    wait = SubmitThrottle().check(request_from("10.0.0.1"))
    assert 1 <= wait <= 60


def test_a_pause_does_not_reset_the_window(db, settings, clock):
    """Ten access-code guesses an hour means ten an hour, however the guesser paces them."""
    settings.REPLY_RATE = "3/hour"
    clock.move_to(FROZEN_AT, tick=False)
    limit, period = parse_rate(settings.REPLY_RATE)
    assert [ratelimit.hit("reply:10.0.0.9", limit=limit, period=period).allowed for _ in range(4)] == [True] * 3 + [
        False
    ]
    clock.move_to(FROZEN_AT + datetime.timedelta(minutes=6), tick=False)  # longer than any cache's default expiry
    refused = ratelimit.hit("reply:10.0.0.9", limit=limit, period=period)
    assert not refused.allowed and refused.retry_after == pytest.approx(54 * 60)
    clock.move_to(FROZEN_AT + datetime.timedelta(minutes=59, seconds=59), tick=False)
    assert not ratelimit.hit("reply:10.0.0.9", limit=limit, period=period).allowed
    clock.move_to(FROZEN_AT + datetime.timedelta(minutes=60, seconds=1), tick=False)
    assert ratelimit.hit("reply:10.0.0.9", limit=limit, period=period).allowed


def test_no_window_edge_lets_twice_the_limit_through(db, clock):
    clock.move_to(FROZEN_AT.replace(minute=0, second=50), tick=False)
    assert all(ratelimit.hit("submit:10.0.0.5", limit=5, period=60).allowed for _ in range(5))
    clock.move_to(FROZEN_AT.replace(minute=1, second=10), tick=False)  # a new clock minute, 20 s later
    assert not ratelimit.hit("submit:10.0.0.5", limit=5, period=60).allowed


def test_idle_buckets_are_pruned(db, clock):
    ratelimit.hit("lookup:10.0.0.4", limit=5, period=60)
    clock.move_to(FROZEN_AT + datetime.timedelta(days=2))
    ratelimit.hit("lookup:10.0.0.6", limit=5, period=60)
    assert ratelimit.prune(idle_seconds=86400) == 1
    assert list(RateBucket.objects.values_list("key", flat=True)) == ["lookup:10.0.0.6"]


@pytest.mark.parametrize(("rate", "parsed"), [("30/hour", (30, 3600)), ("5/min", (5, 60)), ("100/day", (100, 86400))])
def test_rates_use_drfs_syntax(rate, parsed):
    assert parse_rate(rate) == parsed
