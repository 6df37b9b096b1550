"""
Brokers for tests: point this process's Celery app at another broker, and run a private
``redis-server`` that a test may stop and start (never the shared one on 6379).
"""

import contextlib
import os
import shutil
import subprocess
import time
from pathlib import Path

from bimtek.celery import app as celery_app

# Ports of this branch's private servers; CI runs one session at a time.
PRIVATE_REDIS_PORT = int(os.environ.get("TEST_PRIVATE_REDIS_PORT", "6391"))


def reset_connections():
    """Forget this app's pools, so the next message uses the current URL (kombu keeps one
    pool per URL, so the other broker's connections stay usable when it is switched back)."""
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@contextlib.contextmanager
def use_broker(url: str, *, eager: bool = False):
    """Send this process's tasks to ``url`` (the environment variable wins in Celery)."""
    saved_env = os.environ.get("CELERY_BROKER_URL")
    saved = {
        key: celery_app.conf[key] for key in ("broker_url", "result_backend", "task_always_eager")
    }
    os.environ["CELERY_BROKER_URL"] = url
    celery_app.conf.broker_url = url
    celery_app.conf.result_backend = url
    celery_app.conf.task_always_eager = eager
    reset_connections()
    try:
        yield
    finally:
        if saved_env is None:
            os.environ.pop("CELERY_BROKER_URL", None)
        else:
            os.environ["CELERY_BROKER_URL"] = saved_env
        for key, value in saved.items():
            celery_app.conf[key] = value
        reset_connections()


class PrivateRedis:
    """A throw-away ``redis-server`` on a port of its own, without persistence."""

    def __init__(self, directory: Path, port: int = PRIVATE_REDIS_PORT):
        self.directory, self.port = directory, port
        self.process = None

    @staticmethod
    def available() -> bool:
        return shutil.which("redis-server") is not None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.directory.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.directory)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            ping = subprocess.run(
                ["redis-cli", "-p", str(self.port), "ping"], capture_output=True, text=True
            )
            if ping.stdout.strip() == "PONG":
                return self
            time.sleep(0.1)
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)
        self.process = None
