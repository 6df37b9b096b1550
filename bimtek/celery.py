"""
The Celery application.

Configured from Django settings (`CELERY_*`); tasks live in each app's `tasks.py`. Without
`CELERY_BROKER_URL` every task runs eagerly in the calling process.

Two helpers shared by every app's tasks: ``TRANSIENT_ERRORS``, the failures worth a retry
with backoff, and ``enqueue``, which hands a task to the broker and reports instead of
raising when the broker cannot take it (the caller has recorded the work in the database,
and the periodic sweep sends it again).
"""

import logging
import os
import random

from celery import Celery
from django.db import InterfaceError as DatabaseInterfaceError
from django.db import OperationalError as DatabaseOperationalError
from kombu.exceptions import OperationalError as BrokerOperationalError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bimtek.settings")

app = Celery("bimtek")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

logger = logging.getLogger(__name__)

# A lost or restarting database, broker or file store: the same work succeeds a little
# later. ``OSError`` covers local and network file systems (and socket errors); anything
# else (a bad template, a bug) fails the same way every time and is not retried.
TRANSIENT_ERRORS = (
    DatabaseOperationalError,
    DatabaseInterfaceError,
    BrokerOperationalError,
    RedisConnectionError,
    RedisTimeoutError,
    OSError,
)

# What publishing raises while the broker is unreachable (a pooled connection that the
# server closed surfaces as Redis's own error, not kombu's).
BROKER_ERRORS = (BrokerOperationalError, RedisConnectionError, RedisTimeoutError, OSError)

MAX_BACKOFF_SECONDS = 10 * 60


def backoff_seconds(retries: int, base: float) -> float:
    """Exponential backoff with full jitter: a random wait up to ``base`` × 2^retries."""
    return random.uniform(base / 2, min(base * 2**retries, MAX_BACKOFF_SECONDS))


def enqueue(task, *args) -> bool:
    """
    Send ``task`` with ``args`` to the broker; ``False`` (and a log line) if it is down.

    Callers record the work in the database first, so a refused message loses nothing:
    the sweep sends it again. In embedded mode the task runs here and its errors propagate.
    """
    try:
        task.apply_async(args=args)
    except BROKER_ERRORS as error:
        if task.app.conf.task_always_eager:
            raise
        logger.warning(
            "Broker unavailable, %s%r left for the sweep: %s: %s",
            task.name,
            args,
            type(error).__name__,
            error,
        )
        return False
    return True


@app.task(name="bimtek.ping")
def ping():
    """Answer "pong": proves a broker round trip to a worker (used by health checks)."""
    return "pong"
