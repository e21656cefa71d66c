"""Rate limits per client address, shared by the web pages and the API.

The counters live in the cache (the database by default, Redis in production), so every
process of every machine counts against the same limit. Rates are read from settings at
each request (SUBMIT_RATE, LOOKUP_RATE, REPLY_RATE).
"""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle


class PortalThrottle(SimpleRateThrottle):
    setting: str

    def get_rate(self):
        return getattr(settings, self.setting)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def check(self, request) -> float | None:
        """Count one request from a plain Django view; return seconds to wait, or None."""
        if self.allow_request(request, view=None):
            return None
        return self.wait() or 1


class SubmitThrottle(PortalThrottle):
    scope = "submit"
    setting = "SUBMIT_RATE"


class LookupThrottle(PortalThrottle):
    scope = "lookup"
    setting = "LOOKUP_RATE"


class ReplyThrottle(PortalThrottle):
    scope = "reply"
    setting = "REPLY_RATE"
