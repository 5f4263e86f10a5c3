"""The shared cache on Redis: Django's backend, with its redis-py client made once.

Django's Redis cache makes a new redis-py client for every cache call, and making one sets up
its table of reply handlers, which costs more than a small GET on a page view. A client only
holds its connection pool (which it shares) and is safe to use from several threads, so one
client per pool is kept and reused.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class _ReusedClientCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}  # per connection pool index

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusedClientCacheClient
