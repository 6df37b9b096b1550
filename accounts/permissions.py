"""Who may do what with accounts: one small function per rule."""

from django.core.cache import cache
from django.db import transaction

from cms.cache_versions import current_version, raise_version

from .roles import is_administrator


def can_unlock_sign_ins(user) -> bool:
    """Lifting a sign-in pause is for administrators: it overrides a security control."""
    return is_administrator(user)


ADMIN_ACCESS_VERSION_KEY = "accounts:admin-access:version"
# Bounds how long another process with its own per-process cache may show a stale link.
ADMIN_ACCESS_CACHE_SECONDS = 300


def can_open_admin(user) -> bool:
    """
    Whether the site's header links ``user`` to the Wagtail admin (``access_admin``).

    Asked on every page, so the answer is kept in the cache per user until any group
    membership, group permission or user permission changes (``forget_admin_access``); the
    admin itself still checks the permission on every request.
    """
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    version = current_version(ADMIN_ACCESS_VERSION_KEY)
    key = f"accounts:admin-access:{version}:{user.pk}"
    allowed = cache.get(key)
    if allowed is None:
        allowed = user.has_perm("wagtailadmin.access_admin")
        cache.set(key, allowed, timeout=ADMIN_ACCESS_CACHE_SECONDS)
    return allowed


def forget_admin_access(**kwargs) -> None:
    """Forget every cached ``can_open_admin`` answer (any signal's receiver)."""
    _raise_admin_access_version()
    transaction.on_commit(_raise_admin_access_version)


def _raise_admin_access_version() -> None:
    raise_version(ADMIN_ACCESS_VERSION_KEY)
