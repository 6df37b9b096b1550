"""Run modes: the embedded default, and production settings that pass `check --deploy`."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
CONFIG_VARIABLES = (
    "DATABASE_URL",
    "CELERY_BROKER_URL",
    "DJANGO_DEBUG",
    "DJANGO_SECRET_KEY",
    "DJANGO_ALLOWED_HOSTS",
    "SITE_URL",
    "EMAIL_URL",
    "TWO_FACTOR_REQUIRED_FOR_ADMINISTRATORS",
    # Set by the browser tests for Playwright's event loop; never part of a deployment.
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)


def run_manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if k not in CONFIG_VARIABLES}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_without_configuration_the_site_runs_embedded():
    result = run_manage(
        "shell",
        "-c",
        "import json; from django.conf import settings as s; print(json.dumps(["
        "s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.EMAIL_BACKEND, s.DEBUG,"
        "s.TASKS['default']['BACKEND']]))",
    )

    assert result.returncode == 0, result.stderr
    engine, eager, email, debug, tasks = json.loads(result.stdout.strip().splitlines()[-1])
    assert engine == "django.db.backends.sqlite3"
    assert eager is True
    assert email == "django.core.mail.backends.console.EmailBackend"
    assert debug is True
    assert tasks.endswith("ImmediateBackend")


def test_production_settings_pass_check_deploy_without_warnings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="x7!k2m@q9#v4w8$e1r6t3y5u0i-p_a+s=d(f)g*h&j^k%l-Z3nB8cV1xM0qW",
        DJANGO_ALLOWED_HOSTS="bimtek.gorontalokab.go.id",
        SITE_URL="https://bimtek.gorontalokab.go.id",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
    )

    assert result.returncode == 0, result.stderr + result.stdout
    assert "WARNING" not in result.stderr + result.stdout


PRODUCTION = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "x7!k2m@q9#v4w8$e1r6t3y5u0i-p_a+s=d(f)g*h&j^k%l-Z3nB8cV1xM0qW",
}


def two_factor_required(**env) -> bool:
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.TWO_FACTOR_REQUIRED_FOR_ADMINISTRATORS)",
        **env,
    )
    assert result.returncode == 0, result.stderr
    return {"True": True, "False": False}[result.stdout.strip().splitlines()[-1]]


def test_production_requires_two_factor_sign_in_of_administrators_unless_told_otherwise():
    assert two_factor_required(**PRODUCTION) is True
    assert (
        two_factor_required(**PRODUCTION, TWO_FACTOR_REQUIRED_FOR_ADMINISTRATORS="false") is False
    )
    # The embedded demo signs its users in with a password alone unless asked otherwise.
    assert two_factor_required() is False
    assert two_factor_required(TWO_FACTOR_REQUIRED_FOR_ADMINISTRATORS="true") is True


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DJANGO_DEBUG="false")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


@pytest.mark.worker
def test_celery_task_round_trip(live_worker):
    """Eager without a broker; through Redis and a real worker process in CI."""
    from bimtek.celery import ping

    assert ping.delay().get(timeout=30) == "pong"
