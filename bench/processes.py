"""
Stopping what a benchmark started, also when the run fails or is interrupted.

A process that a benchmark starts (gunicorn, a Celery worker, a step of ``bench/run.py``) is
started in a session of its own (``start_new_session=True``), so that it and its children
form one process group that ``stop`` ends as a whole, and a Ctrl-C on the terminal reaches
only the benchmark, which then stops the group in its ``finally`` block.
"""

import contextlib
import os
import signal
import subprocess

_STOPPING = (signal.SIGINT, signal.SIGTERM)


@contextlib.contextmanager
def signals_held():
    """Ignore SIGINT and SIGTERM meanwhile: a second interruption must not cut a stop short."""
    previous = {number: signal.signal(number, signal.SIG_IGN) for number in _STOPPING}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def stop(process: subprocess.Popen, timeout: float = 30) -> None:
    """SIGTERM to the process group of ``process``, SIGKILL when it has not ended in time."""
    with signals_held():
        if process.poll() is not None:
            return
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _exit(signum, _frame):
    raise SystemExit(128 + signum)


@contextlib.contextmanager
def sigterm_runs_finally():
    """
    SIGTERM raises ``SystemExit`` meanwhile, so that ``finally`` blocks stop what was started
    (by default Python dies of it without running them).
    """
    previous = signal.signal(signal.SIGTERM, _exit)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
