"""Rate limits per client address, shared by the web pages and the API.

A fixed-window counter in the cache (Redis in production): `add` then `incr`, which Redis
does atomically, so parallel requests from many processes cannot slip past the limit the way
DRF's read-then-write history can. Rates are read from settings at each request
(SUBMIT_RATE, LOOKUP_RATE, REPLY_RATE) in DRF's syntax, "30/hour".
"""

import time

from django.conf import settings
from django.core.cache import cache
from rest_framework.throttling import BaseThrottle

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """Return (requests, seconds) for a rate such as "30/hour" or "5/min"."""
    count, period = rate.split("/")
    return int(count), PERIODS[period.strip()[0]]


class PortalThrottle(BaseThrottle):
    scope: str
    setting: str

    def __init__(self):
        self.seconds_left = 0.0

    def allow_request(self, request, view) -> bool:
        limit, duration = parse_rate(getattr(settings, self.setting))
        now = time.time()
        window = int(now // duration)
        key = f"throttle:{self.scope}:{self.get_ident(request)}:{window}"
        cache.add(key, 0, timeout=duration + 1)
        try:
            count = cache.incr(key)
        except ValueError:  # evicted between add and incr: start the window again
            cache.set(key, 1, timeout=duration + 1)
            count = 1
        self.seconds_left = (window + 1) * duration - now
        return count <= limit

    def wait(self) -> float:
        return self.seconds_left

    def check(self, request) -> float | None:
        """Count one request from a plain Django view; return seconds to wait, or None."""
        if self.allow_request(request, view=None):
            return None
        return max(self.wait(), 1)


class SubmitThrottle(PortalThrottle):
    scope = "submit"
    setting = "SUBMIT_RATE"


class LookupThrottle(PortalThrottle):
    scope = "lookup"
    setting = "LOOKUP_RATE"


class ReplyThrottle(PortalThrottle):
    scope = "reply"
    setting = "REPLY_RATE"
