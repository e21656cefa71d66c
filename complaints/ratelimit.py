"""Rate limits that hold exactly, in every process, on every backend (DESIGN §7).

A sliding window: a request is allowed when fewer than `limit` requests of the same key were
allowed in the `period` seconds before it. A pause does not reset anything, and no window edge
lets twice the limit through. Each check-and-count is one atomic step: a Lua script on Redis,
a locked row on the database (the embedded default, and any deployment without Redis).
"""

import time
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import transaction
from django.utils import timezone

from .models import RateBucket

# Drop times older than the period, count the rest, add this one if under the limit.
_REDIS_SCRIPT = """
local key, now, period, limit = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - period)
local count = redis.call('ZCARD', key)
if count >= limit then
  local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  return {0, oldest[2]}
end
redis.call('ZADD', key, now, ARGV[4])
redis.call('PEXPIRE', key, math.ceil(period * 1000))
return {1, tostring(now)}
"""


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_after: float  # seconds until one more request would be allowed (0 when allowed)


def hit(key: str, *, limit: int, period: int) -> Decision:
    """Count one request of `key` if fewer than `limit` were allowed in the last `period` seconds."""
    now = time.time()
    if isinstance(caches["default"], RedisCache):
        return _redis_hit(key, limit=limit, period=period, now=now)
    return _database_hit(key, limit=limit, period=period, now=now)


def counts(*asked: tuple[str, int]) -> list[int]:
    """Return how many requests of each key were allowed in the last period seconds of each
    (key, period) asked, without counting one: in one round trip to Redis."""
    now = time.time()
    if isinstance(caches["default"], RedisCache):
        pipeline = caches["default"]._cache.get_client(asked[0][0], write=False).pipeline(transaction=False)
        for key, period in asked:
            pipeline.zcount(f"ratelimit:{key}", now - period, "+inf")
        return pipeline.execute()
    found = dict(RateBucket.objects.filter(key__in=[key for key, _period in asked]).values_list("key", "hits"))
    return [sum(1 for at in found.get(key, []) if at > now - period) for key, period in asked]


def _redis_hit(key: str, *, limit: int, period: int, now: float) -> Decision:
    client = caches["default"]._cache.get_client(key, write=True)
    # redis-py's Script calls it by its digest, sending its text only to a Redis that has not
    # seen it (started, restarted, flushed): the text each time was a tenth of a look-up's CPU.
    script = client.register_script(_REDIS_SCRIPT)
    allowed, oldest = script(keys=[f"ratelimit:{key}"], args=[now, period, limit, uuid.uuid4().hex], client=client)
    return Decision(True, 0.0) if allowed else Decision(False, float(oldest) + period - now)


def _database_hit(key: str, *, limit: int, period: int, now: float) -> Decision:
    with transaction.atomic():
        bucket = RateBucket.objects.select_for_update().filter(key=key).first()
        if bucket is None:  # the key's first request: make the row to lock (two at once make one)
            RateBucket.objects.bulk_create([RateBucket(key=key)], ignore_conflicts=True)
            bucket = RateBucket.objects.select_for_update().get(key=key)
        hits = [at for at in bucket.hits if at > now - period]
        if len(hits) >= limit:
            return Decision(False, hits[-limit] + period - now)
        bucket.hits = [*hits, now]
        bucket.save(update_fields=["hits", "updated_at"])
    return Decision(True, 0.0)


def prune(*, idle_seconds: int) -> int:
    """Delete the database's buckets untouched for `idle_seconds` (longer than any period)."""
    deleted, _kinds = RateBucket.objects.filter(
        updated_at__lt=timezone.now() - timedelta(seconds=idle_seconds)
    ).delete()
    return deleted
