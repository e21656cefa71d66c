"""Rate limits per client address, shared by the web pages and the API.

Each request is counted by `ratelimit.hit`, a sliding window that holds exactly on Redis and on
the database alike. Rates are read from settings at each request (SUBMIT_RATE, LOOKUP_RATE,
REPLY_RATE, UPLOAD_RATE) in DRF's syntax, "30/hour".
"""

from django.conf import settings
from rest_framework.throttling import BaseThrottle

from .. import ratelimit
from ..responses import client_address

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
        limit, period = parse_rate(getattr(settings, self.setting))
        decision = ratelimit.hit(f"{self.scope}:{client_address(request)}", limit=limit, period=period)
        self.seconds_left = decision.retry_after
        return decision.allowed

    def wait(self) -> float:
        return self.seconds_left

    def check(self, request) -> float | None:
        """Count one request from a plain Django view; return seconds to wait, or None."""
        if self.allow_request(request, view=None):
            return None
        return max(self.wait(), 1)


EVERYONE = "submit-all"  # every submission from every address: the surge that asks for proof of work


class SubmitThrottle(PortalThrottle):
    scope = "submit"
    setting = "SUBMIT_RATE"

    def allow_request(self, request, view) -> bool:
        allowed = super().allow_request(request, view)
        if allowed:
            _limit, period = parse_rate(settings.POW_SURGE_RATE)
            ratelimit.hit(EVERYONE, limit=2**31, period=period)  # counted, never refused here
        return allowed


class UploadThrottle(PortalThrottle):
    scope = "upload"
    setting = "UPLOAD_RATE"


class LookupThrottle(PortalThrottle):
    scope = "lookup"
    setting = "LOOKUP_RATE"


class ReplyThrottle(PortalThrottle):
    scope = "reply"
    setting = "REPLY_RATE"
