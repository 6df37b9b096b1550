"""
A small cache-based rate limit for the public forms, without third-party services.

Counts are kept per client address and scope in the default cache for a fixed window; with
several app servers the cache must be shared (Redis or Memcached through ``CACHE_URL``).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

# (allowed hits, window in seconds) per scope; ``CMS_RATE_LIMITS`` in settings overrides.
DEFAULT_RATE_LIMITS = {
    "complaint": (5, 60 * 60),
    "complaint_lookup": (30, 60 * 60),
    "survey": (10, 60 * 60),
}


def _client_address(request) -> str:
    # REMOTE_ADDR only: X-Forwarded-For is set by the client unless a trusted proxy
    # rewrites it, and the proxy set-up belongs to the deployment, not to this check.
    return request.META.get("REMOTE_ADDR", "")


def hit_rate_limit(request, scope: str) -> bool:
    """Count one hit for this client and scope; True when the limit is now exceeded."""
    limits = {**DEFAULT_RATE_LIMITS, **getattr(settings, "CMS_RATE_LIMITS", {})}
    allowed, window = limits[scope]
    client = hashlib.sha256(_client_address(request).encode()).hexdigest()[:32]
    key = f"cms:ratelimit:{scope}:{client}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:
        # The entry expired between add() and incr(): start a new window.
        cache.set(key, 1, timeout=window)
        count = 1
    return count > allowed
