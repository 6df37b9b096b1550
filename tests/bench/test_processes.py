"""
What a benchmark starts is stopped as a whole process group (gunicorn's and the Celery
worker's children included), and a step of ``bench/run.py`` that is interrupted gets the
chance to stop what it started itself. Real, harmless processes (``sh`` and ``sleep``).
"""

import os
import signal
import subprocess
import time

import pytest

from bench import run as bench_run
from bench.processes import stop


def _gone(pid: int, seconds: float = 10) -> bool:
    """Whether ``pid`` has ended (a zombie waiting for its new parent counts as ended)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                if stat.read().rsplit(")", 1)[1].split()[0] == "Z":
                    return True
        except FileNotFoundError:
            return True
        time.sleep(0.05)
    return False


def _started(script: str) -> tuple[subprocess.Popen, str]:
    """A shell script in a session of its own, as the benchmarks start theirs; its first line."""
    process = subprocess.Popen(
        ["sh", "-c", script], stdout=subprocess.PIPE, text=True, start_new_session=True
    )
    return process, process.stdout.readline().strip()


def test_stop_ends_the_process_and_its_children():
    process, child = _started("sleep 60 & echo $!; wait")
    stop(process, timeout=10)
    process.stdout.close()
    assert process.returncode is not None
    assert _gone(int(child))


def test_stop_kills_a_process_that_ignores_sigterm():
    process, first_line = _started("trap '' TERM; echo ready; while :; do sleep 0.1; done")
    assert first_line == "ready"
    stop(process, timeout=0.5)
    process.stdout.close()
    assert process.returncode == -signal.SIGKILL


def test_an_interrupted_step_is_asked_to_stop_and_may_clean_up(tmp_path, monkeypatch):
    ready, cleaned = tmp_path / "ready", tmp_path / "cleaned"
    script = f"trap 'echo worker stopped > {cleaned}; exit 0' TERM; touch {ready}; sleep 60 & wait"

    def interrupted_communicate(self, *args, **kwargs):
        deadline = time.monotonic() + 10
        while not ready.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        raise KeyboardInterrupt

    monkeypatch.setattr(subprocess.Popen, "communicate", interrupted_communicate)
    with pytest.raises(KeyboardInterrupt):
        bench_run.run(["sh", "-c", script], dict(os.environ))
    assert cleaned.read_text() == "worker stopped\n"


def test_a_step_that_fails_raises_with_its_output():
    env = dict(os.environ)
    with pytest.raises(subprocess.CalledProcessError) as failed:
        bench_run.run(["sh", "-c", "echo out; exit 3"], env, capture_output=True, text=True)
    assert failed.value.returncode == 3
    assert failed.value.stdout == "out\n"
    assert bench_run.run(["echo", "ok"], env, capture_output=True, text=True).stdout == "ok\n"
