"""
The client's address behind the site's own proxies, and a small cache-based rate limit for
the public endpoints (complaints, surveys, certificate verification, password reset).

Counts are kept per client address and scope in the default cache for a fixed window; with
several app servers the cache must be shared (Redis or Memcached through ``CACHE_URL``).
django-axes reads the same address (``AXES_CLIENT_IP_CALLABLE``), so lockouts and rate
limits always agree on who the client is.
"""

import hashlib
import ipaddress

from django.conf import settings
from django.core.cache import cache

# (allowed hits, window in seconds) per scope; ``CMS_RATE_LIMITS`` in settings overrides.
# Certificate verification has its own per-minute setting (``certificates.views``).
DEFAULT_RATE_LIMITS = {
    "complaint": (5, 60 * 60),
    "complaint_lookup": (30, 60 * 60),
    "survey": (10, 60 * 60),
    "password_reset": (5, 60 * 60),
}


def _valid_address(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_address(request) -> str:
    """
    The address of the client, proxy-aware but never spoofable.

    ``TRUSTED_PROXY_COUNT`` says how many proxies of the deployment (load balancer, nginx)
    stand in front of the app. Each appends the address it received the request from to
    ``X-Forwarded-For``, so the client is the entry that many places from the right;
    anything further left was written by the client and is ignored. With no trusted proxy,
    or a header shorter than the proxy chain (a request that bypassed it), the socket
    address ``REMOTE_ADDR`` is the answer.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies <= 0:
        return remote
    forwarded = [
        part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
    ]
    if len(forwarded) < proxies:
        return remote
    return _valid_address(forwarded[-proxies]) or remote


def hit_rate_limit(request, scope: str) -> bool:
    """Count one hit for this client and scope; True when the limit is now exceeded."""
    limits = {**DEFAULT_RATE_LIMITS, **getattr(settings, "CMS_RATE_LIMITS", {})}
    allowed, window = limits[scope]
    client = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    key = f"cms:ratelimit:{scope}:{client}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:
        # The entry expired between add() and incr(): start a new window.
        cache.set(key, 1, timeout=window)
        count = 1
    return count > allowed
