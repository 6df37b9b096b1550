"""
Health checks of the services the site depends on: database, cache, broker and worker.

Each check returns a small result (``ok``, how long it took, and on failure the error's
class name only: messages can carry host names or passwords of connection URLs).
"""

import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from bimtek.celery import app as celery_app


def check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def check_cache() -> str:
    key = f"health:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    value = cache.get(key)
    cache.delete(key)
    if value != "ok":
        raise RuntimeError("cache did not return the value it was given")
    return "ok"


def check_broker() -> str:
    if not settings.CELERY_BROKER_URL:
        return "eager"  # Embedded mode: tasks run in the web process, no broker to reach.
    with celery_app.connection_for_write() as connection_:
        connection_.ensure_connection(max_retries=0, timeout=settings.HEALTH_CHECK_TIMEOUT)
        # A real round trip: PING on Redis, a channel open on other transports.
        channel = connection_.default_channel
        client = getattr(channel, "client", None)
        if client is not None and hasattr(client, "ping"):
            client.ping()
    return "ok"


def check_worker() -> str:
    if not settings.CELERY_BROKER_URL:
        return "eager"
    replies = celery_app.control.ping(timeout=settings.HEALTH_CHECK_TIMEOUT, limit=1)
    if not replies:
        raise RuntimeError("no worker answered")
    return "ok"


CHECKS: dict[str, Callable[[], str]] = {
    "database": check_database,
    "cache": check_cache,
    "broker": check_broker,
    "worker": check_worker,
}


def run_checks(names=None) -> tuple[bool, dict]:
    """Run the named checks (all by default); ``(all healthy, results by name)``."""
    results, healthy = {}, True
    for name in names or CHECKS:
        started = time.monotonic()
        try:
            state = CHECKS[name]()
        except Exception as error:  # noqa: BLE001 - any failure is an unhealthy service
            healthy = False
            results[name] = {"status": "error", "error": type(error).__name__}
        else:
            results[name] = {"status": state}
        results[name]["ms"] = round((time.monotonic() - started) * 1000, 1)
    return healthy, results
