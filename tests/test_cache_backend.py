"""The Redis cache backend shares one client per connection pool (bimtek/cache.py)."""

import pytest

from bimtek.cache import RedisCache
from tests.test_settings import run_manage


def test_one_client_per_pool_serves_every_operation():
    cache = RedisCache("redis://127.0.0.1:6379/9", {})
    client = cache._cache.get_client("a")
    assert cache._cache.get_client("b") is client
    assert cache._cache.get_client("c", write=True) is client  # one server: one pool


@pytest.mark.parametrize(
    ("environment", "backend"),
    [
        ({"CACHE_URL": "redis://127.0.0.1:6379/1"}, "bimtek.cache.RedisCache"),
        ({"CACHE_URL": "locmemcache://bimtek"}, "django.core.cache.backends.locmem.LocMemCache"),
    ],
)
def test_cache_url_chooses_the_backend(environment, backend):
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])",
        **environment,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == backend
