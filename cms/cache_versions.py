"""
Version numbers kept in Django's cache. Entries keyed by a version are forgotten all at once
by raising it: the next read looks under the new number and the old entries expire unread.
"""

from django.core.cache import cache


def current_version(key: str) -> int:
    """The version stored under ``key``; 1 until it is first raised."""
    return cache.get(key) or 1


def current_versions(keys: list[str]) -> list[int]:
    """``current_version`` of each of ``keys``, read from the cache in one round trip."""
    found = cache.get_many(keys)
    return [found.get(key) or 1 for key in keys]


def raise_version(key: str) -> None:
    """Raise the version under ``key`` (atomically where the cache can count)."""
    try:
        cache.incr(key)
    except ValueError:
        # Never raised (or evicted): the first version after the implicit 1.
        cache.set(key, 2, timeout=None)
