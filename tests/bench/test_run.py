"""
``bench/run.py`` stops exactly the services it started itself (issue 13: "it starts what it
needs and stops it"), also when the run fails or is interrupted, and never one it found
running. Nothing is really started: the machine is a fake that answers the commands.
"""

import signal
import subprocess
import sys

import pytest

from bench import run as bench_run


class FakeMachine:
    """PostgreSQL and Redis as a set of running names, driven by the commands of bench/run.py."""

    def __init__(self, running=(), start_fails=(), never_answers=()):
        self.running = set(running)
        self.start_fails = set(start_fails)
        self.never_answers = set(never_answers)
        self.commands: list[list[str]] = []

    def answers(self, ping):
        name = "PostgreSQL" if ping[0] == "pg_isready" else "Redis"
        return name in self.running and name not in self.never_answers

    def run(self, command, env, **kwargs):
        self.commands.append(list(command))
        if command[0] == "pg_ctlcluster":
            name, action = "PostgreSQL", command[-1]
        elif command[0] == "redis-server":
            name, action = "Redis", "start"
        elif command[0] == "redis-cli" and "shutdown" in command:
            name, action = "Redis", "stop"
        else:
            return subprocess.CompletedProcess(command, 0, "", "")
        if action == "start":
            if name in self.start_fails:
                raise subprocess.CalledProcessError(1, command)
            self.running.add(name)
        else:
            self.running.discard(name)
        return subprocess.CompletedProcess(command, 0, "", "")

    def stops(self):
        return [
            command for command in self.commands if command[-1] == "stop" or "shutdown" in command
        ]


@pytest.fixture
def machine(monkeypatch):
    machine = FakeMachine()
    monkeypatch.setattr(bench_run, "answers", machine.answers)
    monkeypatch.setattr(bench_run, "run", machine.run)
    monkeypatch.setattr(bench_run, "postgresql_version", lambda: "15")
    monkeypatch.setattr(bench_run.time, "sleep", lambda seconds: None)
    # A database of its own: the default one would be dropped and created with psql.
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bimtek_bench_test")
    return machine


def test_services_started_by_the_run_are_stopped_last_first(machine):
    started = []
    bench_run.ensure_services({}, started)
    assert machine.running == {"PostgreSQL", "Redis"}
    assert [name for name, _command in started] == ["PostgreSQL", "Redis"]

    bench_run.stop_services(started, {})

    assert machine.running == set()
    assert started == []
    assert machine.stops() == [
        ["redis-cli", "-h", "127.0.0.1", "-p", "6379", "shutdown", "nosave"],
        ["pg_ctlcluster", "--skip-systemctl-redirect", "15", "main", "stop"],
    ]


def test_a_service_found_running_is_left_running(machine):
    machine.running = {"PostgreSQL"}
    started = []
    bench_run.ensure_services({}, started)
    bench_run.stop_services(started, {})

    assert machine.running == {"PostgreSQL"}
    assert not any(command[0] == "pg_ctlcluster" for command in machine.commands)
    assert machine.stops() == [["redis-cli", "-h", "127.0.0.1", "-p", "6379", "shutdown", "nosave"]]


def test_nothing_is_started_or_stopped_when_both_run(machine):
    machine.running = {"PostgreSQL", "Redis"}
    started = []
    bench_run.ensure_services({}, started)
    bench_run.stop_services(started, {})

    assert started == []
    assert machine.commands == []
    assert machine.running == {"PostgreSQL", "Redis"}


def test_a_start_command_that_fails_leaves_nothing_to_stop(machine):
    machine.start_fails = {"PostgreSQL"}
    started = []
    with pytest.raises(subprocess.CalledProcessError):
        bench_run.ensure_services({}, started)
    assert started == []


def test_a_service_that_never_answers_is_stopped_too(machine, monkeypatch):
    machine.never_answers = {"Redis"}
    monkeypatch.setattr(sys, "argv", ["bench/run.py"])
    with pytest.raises(SystemExit, match="Redis did not answer"):
        bench_run.main()
    assert machine.running == set()


@pytest.mark.parametrize("failure", [RuntimeError("migrate failed"), KeyboardInterrupt()])
def test_services_are_stopped_when_the_run_fails_or_is_interrupted(machine, monkeypatch, failure):
    machine.running = {"Redis"}

    def prepare_database(env, scale):
        assert machine.running == {"PostgreSQL", "Redis"}
        raise failure

    monkeypatch.setattr(bench_run, "prepare_database", prepare_database)
    monkeypatch.setattr(sys, "argv", ["bench/run.py"])
    with pytest.raises(type(failure)):
        bench_run.main()

    assert machine.running == {"Redis"}
    assert machine.stops() == [["pg_ctlcluster", "--skip-systemctl-redirect", "15", "main", "stop"]]


def test_sigterm_stops_the_services_and_the_handler_is_restored(machine, monkeypatch):
    before = signal.getsignal(signal.SIGTERM)

    def prepare_database(env, scale):
        # What the signal would run, called directly: a SIGTERM to pytest itself would end
        # the test session if the handler were missing.
        handler = signal.getsignal(signal.SIGTERM)
        assert callable(handler), "SIGTERM would end the run without its finally blocks"
        handler(signal.SIGTERM, None)

    monkeypatch.setattr(bench_run, "prepare_database", prepare_database)
    monkeypatch.setattr(sys, "argv", ["bench/run.py"])
    with pytest.raises(SystemExit) as exited:
        bench_run.main()

    assert exited.value.code == 128 + signal.SIGTERM
    assert machine.running == set()
    assert signal.getsignal(signal.SIGTERM) == before


def test_gunicorn_is_stopped_when_its_start_is_interrupted(monkeypatch):
    server = object()
    stopped = []
    monkeypatch.setattr(bench_run.subprocess, "Popen", lambda *args, **kwargs: server)
    monkeypatch.setattr(bench_run, "stop", stopped.append)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(bench_run.urllib.request, "urlopen", interrupted)
    with pytest.raises(KeyboardInterrupt):
        bench_run.start_gunicorn({}, 8121)
    assert stopped == [server]
