"""
Fixtures of the fault tests: a private Redis that a test may stop, and Celery workers (with
beat, so the sweep runs) that a test may kill, all on the test's PostgreSQL database.

The tests need PostgreSQL (marker ``postgres``: the worker shares the test database) and a
``redis-server`` binary; without either they skip. They never touch the shared Redis.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.db import connection

from bimtek.celery import app as celery_app
from tests.brokers import PrivateRedis, reset_connections, use_broker
from tests.certificates.conftest import (  # noqa: F401 - fixtures shared with certificates
    _no_signing_key,
    batch,
    course_settings,
    enrolment,
)

BASE_DIR = Path(__file__).resolve().parents[2]
ARTIFACTS = BASE_DIR / "test-artifacts"


def wait_for(predicate, *, seconds, message):
    """Poll ``predicate`` until it is true; fail with ``message`` after ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.3)
    raise AssertionError(message)


def private_media_root(media_root: Path) -> Path:
    """The worker's folder of private files (certificate PDFs), beside its media folder."""
    return media_root.with_name(f"{media_root.name}-private")


class Worker:
    """A Celery worker process group (two processes and embedded beat) on the test database."""

    def __init__(self, *, broker_url: str, media_root: Path, name: str):
        self.broker_url, self.media_root, self.name = broker_url, media_root, name
        self.process = None
        self.log = None

    def environment(self) -> dict:
        database = connection.settings_dict
        password = f":{database['PASSWORD']}" if database.get("PASSWORD") else ""
        return {
            **os.environ,
            "DATABASE_URL": (
                f"postgres://{database['USER']}{password}@{database['HOST']}:"
                f"{database['PORT']}/{database['NAME']}"
            ),
            "CELERY_BROKER_URL": self.broker_url,
            "CELERY_RESULT_BACKEND": self.broker_url,
            "MEDIA_ROOT": str(self.media_root),
            "PRIVATE_MEDIA_ROOT": str(private_media_root(self.media_root)),
            "SITE_URL": "https://bimtek.example",
            "CERTIFICATE_SIGNING_P12": "",
            "CERTIFICATE_DEMO_SIGNING_P12": str(self.media_root / "no-key.p12"),
            # A fast sweep and short backoff, so faults heal within seconds, not minutes.
            "CERTIFICATE_SWEEP_INTERVAL_SECONDS": "2",
            "CERTIFICATE_SWEEP_STUCK_SECONDS": "5",
            "CERTIFICATE_RENDER_RETRY_BACKOFF_SECONDS": "1",
        }

    def start(self):
        log_path = ARTIFACTS / f"fault-worker-{self.name}.log"
        self.log = open(log_path, "a")  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "bimtek", "worker", "--pool=prefork",
             "--concurrency=2", "--loglevel=INFO", "--without-gossip", "--without-mingle",
             "-B", "-s", str(ARTIFACTS / f"fault-beat-{self.name}")],
            cwd=BASE_DIR, env=self.environment(), stdout=self.log, stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, killed whole
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if celery_app.control.ping(timeout=1):
                    return self
            except (ConnectionError, OSError, redis.exceptions.ConnectionError):
                # A pooled connection to a Redis restarted by an earlier test: start afresh.
                reset_connections()
            if self.process.poll() is not None:
                raise RuntimeError(f"The worker exited; see {log_path}")
        self.kill()
        raise RuntimeError(f"The worker did not answer within 60 s; see {log_path}")

    def kill(self):
        """SIGKILL the main process and its children at once: no warm shutdown, no acks."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)
        self.process = None

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=30)
        self.process = None
        if self.log is not None:
            self.log.close()


@pytest.fixture
def private_redis(tmp_path):
    if not PrivateRedis.available():
        # `make install` installs redis-server (Makefile DEBIAN_PACKAGES), so CI never skips.
        pytest.skip("needs a redis-server binary")
    redis = PrivateRedis(tmp_path / "redis").start()
    # This process sends its tasks there too, never eagerly.
    with use_broker(redis.url):
        yield redis
    redis.stop()


@pytest.fixture
def start_worker(private_redis, settings, tmp_path, request):
    """Start workers on the private Redis; each stopped when the test ends."""
    ARTIFACTS.mkdir(exist_ok=True)
    media_root = tmp_path / "worker-media"
    workers = []

    def start(**options):
        worker = Worker(
            broker_url=private_redis.url,
            media_root=options.get("media_root", media_root),
            name=request.node.name,
        )
        workers.append(worker)
        return worker.start()

    start.media_root = media_root
    start.private_media_root = private_media_root(media_root)
    yield start
    for worker in workers:
        worker.stop()
