"""
Django's Redis cache backend, with one Redis client per connection pool instead of one per
operation.

``django.core.cache.backends.redis.RedisCacheClient.get_client`` builds a new
``redis.Redis`` for every ``get``, ``set`` or ``incr``, and each one builds redis-py's table
of some 170 response callbacks: about 65 µs of CPU per operation here, on pages that make
five to fifteen of them. A ``redis.Redis`` is safe to share between threads (its pool hands
each command a connection) and follows a fork (the pool resets itself in a new process), so
one per pool is enough.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = super().get_client(key, write=write)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient
