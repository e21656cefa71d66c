"""Django's Redis cache, keeping one Redis client per connection pool.

Django's client makes a new `redis.Redis` at every cache call, and each one builds its table of
some 170 response callbacks: a fifth of a millisecond, several times in a status look-up (issue
14). A client shares its pool's connections and is safe across threads, so one is kept per pool.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class KeptClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._kept_clients = {}  # pool → its client

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        if pool not in self._kept_clients:
            self._kept_clients[pool] = self._client(connection_pool=pool)
        return self._kept_clients[pool]


class KeptClientRedisCache(RedisCache):
    """`CACHE_URL=redis://…` (settings.py): the same cache, its clients kept."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = KeptClientRedisCacheClient
