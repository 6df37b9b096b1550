"""
Fixtures for the whole suite.

Two run modes: the embedded default (SQLite, Celery eager) and the real stack (PostgreSQL
from ``DATABASE_URL``, Redis from ``CELERY_BROKER_URL``). In the real stack, tests marked
``worker`` get a real Celery worker process bound to the test database.
"""

import hashlib
import io
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection

from tests.factories import AdministratorFactory, ParticipantFactory, TrainerFactory
from tests.module_rows import module_transaction

BASE_DIR = Path(__file__).resolve().parent.parent
# Sample data sits in a ``shared`` folder beside the checkout on the developers' machines, and
# nowhere in a fresh clone: what the tests and the demo need is in the repository.
_BESIDE_THE_CHECKOUT = str(BASE_DIR.parent / "shared") + os.sep


def _refuse_files_beside_the_checkout(event, args):
    if event in {"open", "os.listdir", "os.scandir"} and args and isinstance(args[0], str | Path):
        path = os.path.abspath(args[0])
        if (path + os.sep).startswith(_BESIDE_THE_CHECKOUT):
            raise PermissionError(f"{path} is outside the checkout: a fresh clone has no such file")


# Audit hooks cannot be removed; one for the whole run (tests/test_self_contained.py).
sys.addaudithook(_refuse_files_beside_the_checkout)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """
    On SQLite the test database is a file (on tmpfs where there is one), not Django's default
    in-memory database. An in-memory database is one connection that the live server's thread
    shares with the test thread, and the browser tests use the ORM between page loads while
    the browser may still be requesting: two threads interleaving transactions and savepoints
    on one connection left on-commit work (a certificate batch, a grading) never run. With a
    file each thread has its own connection and SQLite's own locking keeps them apart.
    """
    database = django_settings.DATABASES["default"]
    if not database["ENGINE"].endswith("sqlite3"):
        yield
        return
    shm = Path("/dev/shm")
    folder = (
        Path(tempfile.mkdtemp(prefix="bimtek-test-", dir=shm))
        if shm.is_dir() and os.access(shm, os.W_OK)
        else tmp_path_factory.mktemp("database")
    )
    # The site's own SQLite options apply (WAL, busy timeout, IMMEDIATE transactions:
    # bimtek/settings.py), so the suite proves what the embedded demo runs with.
    name = folder / "test.sqlite3"
    database.setdefault("TEST", {})["NAME"] = str(name)
    template = _template_database()
    if template.is_file():
        shutil.copyfile(template, name)
    yield
    shutil.rmtree(folder, ignore_errors=True)


# Migrating a new SQLite test database takes about half a minute; the migrated database is
# kept as a template, keyed on everything that shapes it, and copied for the next session.
TEMPLATE_DATABASES = BASE_DIR / "var" / "test-databases"


def _template_database() -> Path:
    digest = hashlib.sha256(sys.version.encode())
    digest.update((BASE_DIR / "requirements.txt").read_bytes())
    for path in sorted(BASE_DIR.glob("*/migrations/*.py")):
        digest.update(str(path.relative_to(BASE_DIR)).encode() + path.read_bytes())
    return TEMPLATE_DATABASES / f"{digest.hexdigest()[:16]}.sqlite3"


@pytest.fixture(scope="session")
def django_db_keepdb(request, django_db_modify_db_settings):
    """Keep (and only bring up to date) the database copied from the template."""
    test_name = django_settings.DATABASES["default"].get("TEST", {}).get("NAME")
    copied = bool(test_name) and _template_database().is_file() and Path(test_name).is_file()
    return copied or bool(request.config.getvalue("reuse_db"))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_keepdb):
    """pytest-django's set-up, then the freshly migrated SQLite database kept as the template."""
    test_name = django_settings.DATABASES["default"].get("TEST", {}).get("NAME")
    template = _template_database()
    if test_name and not django_db_keepdb and not template.exists():
        TEMPLATE_DATABASES.mkdir(parents=True, exist_ok=True)
        partial = template.with_suffix(f".{os.getpid()}.partial")
        # SQLite's backup API copies a consistent database, WAL frames included.
        with sqlite3.connect(test_name) as source, sqlite3.connect(partial) as target:
            source.backup(target)
        target.close()
        source.close()
        os.replace(partial, template)
        for old in TEMPLATE_DATABASES.glob("*.sqlite3"):
            if old != template:
                old.unlink(missing_ok=True)
    yield


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing():
    """
    A fast password hasher for the whole session, also for the users that module- and
    session-scoped fixtures make before any test's own settings apply: Django's default
    (PBKDF2, a million iterations) takes a noticeable fraction of a second per password.
    """
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """
    Every test starts with an empty cache: the site, its chrome and course outlines are
    cached until a row changes, and a rolled-back test database changes no row.
    """
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """
    Every test starts and ends in the site's default language: a request or an override
    that leaves another language active in the thread must not change what the next test
    reads (the suite runs in random order).
    """
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    # The suite runs in one process, whose cache is as shared as it needs to be: the site's
    # chrome and outlines are cached as in production (bimtek/settings.py).
    settings.SITE_CHROME_CACHE_SECONDS = 300
    # And a participant's pages are answered again from the cache, as in production: every
    # test that changes something and looks again proves the change reaches the page.
    settings.PERSONAL_PAGE_CACHE_SECONDS = 120
    # seed_demo writes demo signing keys; keep them out of the work tree.
    settings.CERTIFICATE_DEMO_SIGNING_P12 = tmp_path / "demo-signing.p12"
    settings.BADGE_SIGNING_KEY = ""
    settings.BADGE_DEMO_SIGNING_KEY = tmp_path / "demo-badge-key.pem"
    settings.XAPI_LRS_URL = ""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """
    Runs after pytest-randomly's shuffle and pytest-django's grouping. The browser tests go
    last, together: they share one seeded database (tests/e2e/conftest.py) that another
    test must never see, nor empty while they still need it.
    """
    items[:] = [item for item in items if "tests/e2e/" not in str(item.fspath)] + [
        item for item in items if "tests/e2e/" in str(item.fspath)
    ]
    on_postgres = django_settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    skip_pg = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL)")
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(skip_pg)
        if "tests/e2e/" in str(item.fspath):
            # The browser suite shares one seeded database (tests/e2e/conftest.py).
            continue
        # A transactional test empties every table when it ends, including the rows that
        # migrations create (Wagtail's root page, default locale and collection, the role
        # groups). Restoring the serialized database keeps them for the tests that follow.
        marker = item.get_closest_marker("django_db")
        transactional = marker is not None and marker.kwargs.get("transaction")
        if transactional or {"transactional_db", "live_server", "live_worker"} & set(
            getattr(item, "fixturenames", ())
        ):
            databases = marker.kwargs.get("databases") if marker else None
            item.add_marker(
                pytest.mark.django_db(
                    transaction=True, serialized_rollback=True, databases=databases
                ),
                append=False,
            )


@pytest.fixture(scope="module")
def _demo_for_module(django_db_setup, django_db_blocker, tmp_path_factory):
    """
    ``seed_demo`` once per test module, inside a transaction rolled back when the module
    ends (as Django's ``setUpTestData``): seeding takes seconds, and the tests that only look
    at the demo need not pay for it each. Only for modules whose tests are not transactional
    and do not need a database without the demo.
    """
    folder = tmp_path_factory.mktemp("demo")
    with module_transaction(
        django_db_blocker,
        MEDIA_ROOT=folder / "media",
        PRIVATE_MEDIA_ROOT=folder / "private-media",
        # Signed with a demo key of its own, whatever real key the environment names.
        CERTIFICATE_SIGNING_P12="",
        CERTIFICATE_DEMO_SIGNING_P12=folder / "demo-signing.p12",
        BADGE_SIGNING_KEY="",
        BADGE_DEMO_SIGNING_KEY=folder / "demo-badge-key.pem",
        XAPI_LRS_URL="",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    ):
        output = io.StringIO()
        call_command("seed_demo", stdout=output)
        yield SimpleNamespace(folder=folder, output=output.getvalue())


@pytest.fixture
def seeded_demo(_demo_for_module, db, settings):
    """
    The demo as ``seed_demo`` built it for this module (its ``output`` too); the test's own
    changes are rolled back with its savepoint. Its files stay where seeding wrote them.
    """
    folder = _demo_for_module.folder
    settings.MEDIA_ROOT = folder / "media"
    settings.PRIVATE_MEDIA_ROOT = folder / "private-media"
    settings.CERTIFICATE_DEMO_SIGNING_P12 = folder / "demo-signing.p12"
    settings.BADGE_DEMO_SIGNING_KEY = folder / "demo-badge-key.pem"
    return _demo_for_module


@pytest.fixture
def debug_urls(settings):
    """
    The site's URLs as ``runserver`` builds them with DEBUG on (``bimtek/urls.py``), where
    ``/media/`` is served from MEDIA_ROOT; the suite otherwise runs with DEBUG off.
    """
    import importlib

    from django.urls import clear_url_caches

    import bimtek.urls

    settings.DEBUG = True
    importlib.reload(bimtek.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(bimtek.urls)
    clear_url_caches()


@pytest.fixture
def eager_tasks():
    """
    Run Celery tasks in this process, as the embedded mode does, also when the suite runs
    against a real broker: for tests about what a task does rather than how it travels.
    """
    from bimtek.celery import app as celery_app

    saved = celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates
    celery_app.conf.task_always_eager = celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = saved


@pytest.fixture
def participant(db):
    return ParticipantFactory()


@pytest.fixture
def trainer(db):
    return TrainerFactory()


@pytest.fixture
def administrator(db):
    return AdministratorFactory()


@pytest.fixture
def api_client(db):
    """A REST API client with fresh rate-limit counters (they live in the cache)."""
    from django.core.cache import cache
    from rest_framework.test import APIClient

    cache.clear()
    return APIClient()


@pytest.fixture
def bearer():
    """``bearer(user)``: request headers carrying a new personal access token of ``user``."""
    from accounts.services import create_access_token

    def headers(user, **options):
        _token, raw_token = create_access_token(user=user, name="test", **options)
        return {"HTTP_AUTHORIZATION": f"Bearer {raw_token}"}

    return headers


@pytest.fixture(scope="session")
def live_worker(django_db_setup, django_db_blocker):
    """
    A real Celery worker on the test database when a broker is configured; nothing otherwise.

    Without a broker, tasks run eagerly in the test process, so tests marked ``worker`` run
    unchanged in both modes. The worker is stopped at the end of the session.
    """
    if not django_settings.CELERY_BROKER_URL:
        yield None
        return
    database = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
            f"{database['NAME']}"
        ),
        "MEDIA_ROOT": str(BASE_DIR / "test-artifacts" / "worker-media"),
        "PRIVATE_MEDIA_ROOT": str(BASE_DIR / "test-artifacts" / "worker-private-media"),
    }
    log = open(BASE_DIR / "test-artifacts" / "celery-worker.log", "w")  # noqa: SIM115
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "bimtek", "worker", "--pool=prefork",
         "--concurrency=2", "--loglevel=INFO", "--without-gossip", "--without-mingle"],
        cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    from bimtek.celery import app

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if app.control.ping(timeout=1):
            break
        if process.poll() is not None:
            raise RuntimeError("The Celery worker exited; see test-artifacts/celery-worker.log")
    else:
        process.kill()
        raise RuntimeError("The Celery worker did not answer within 60 s")
    yield process
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


def pytest_sessionstart(session):
    (BASE_DIR / "test-artifacts").mkdir(exist_ok=True)
    if django_settings.CELERY_BROKER_URL:
        # Only the session that runs a worker empties its media folder: `.ci/run` runs the
        # embedded pass at the same time as the one with a worker, in the same work tree.
        shutil.rmtree(BASE_DIR / "test-artifacts" / "worker-media", ignore_errors=True)
        shutil.rmtree(BASE_DIR / "test-artifacts" / "worker-private-media", ignore_errors=True)
