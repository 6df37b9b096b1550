"""
End-to-end fixtures: the site served on a free local port, driven by Debian's Chromium
through Playwright. Screenshots go to test-artifacts/e2e/.

The demo is seeded once for the whole browser suite, not once per test: seeding takes 8–18 s
and the suite has dozens of tests. The tests therefore share one database, which is not
emptied between them. A test reads the demo as it was seeded and writes only through users,
enrolments and attempts of its own (``make_participant``), so no test depends on what another
one did. The database is emptied again after the last browser test, as a transactional test
would leave it, so the tests that run after the suite see the same state as before.
"""

import functools
import os
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "e2e"
CHROMIUM = "/usr/bin/chromium"
# Chromium must not reach for Google's services: this machine has no network beyond loopback.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
VIEWPORTS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
DEMO_PASSWORD = "bimtek-demo"
PARTICIPANT_PASSWORD = "s3cret-pass"

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# between browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


def _run_in_thread(function, *args):
    """
    Run ``function`` in a worker thread. Seeding signs the demo certificate with pyHanko,
    which runs its own asyncio loop; that cannot start inside Playwright's running loop.
    """
    from django.db import connection

    def call():
        try:
            return function(*args)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(call).result()


def _empty_database(*, restore_migrated_rows: bool):
    """
    Empty every table. Before seeding, the rows that ``post_migrate`` makes (content types,
    permissions) are made again; afterwards the tables are left empty, as Django leaves them
    at the end of a transactional test.
    """
    call_command(
        "flush", interactive=False, inhibit_post_migrate=not restore_migrated_rows, verbosity=0
    )


def _seed_demo():
    """The rows migrations create (a flush removes them), then the demo on top."""
    from wagtail.models import Site

    from accounts.roles import sync_role_groups
    from cms.services import ensure_tree_roots

    root = ensure_tree_roots()
    if not Site.objects.exists():
        home = root.get_children().first() or root
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    sync_role_groups()
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115


def _demo_is_complete() -> bool:
    """Whether the seeded demo is still there (a transactional test would have emptied it)."""
    from accounts.models import User
    from certificates.models import Certificate

    return User.objects.filter(username="peserta").exists() and Certificate.objects.exists()


@pytest.fixture(scope="package")
def e2e_media_root(tmp_path_factory):
    """One media folder for the suite: the seeded images and certificates live there."""
    return tmp_path_factory.mktemp("e2e-media")


def _private_media_root(media_root):
    """The suite's folder of private files (certificate PDFs, SCORM packages)."""
    return media_root.with_name(f"{media_root.name}-private")


def _demo_settings(media_root):
    from django.test import override_settings

    return override_settings(
        MEDIA_ROOT=media_root,
        PRIVATE_MEDIA_ROOT=_private_media_root(media_root),
        CERTIFICATE_DEMO_SIGNING_P12=media_root / "demo-signing.p12",
        DEMO_PASSWORD=DEMO_PASSWORD,
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )


@pytest.fixture(scope="package")
def e2e_database(django_db_setup, django_db_blocker, e2e_media_root):
    """
    The test database with the demo seeded once, open to the tests and the live server for
    the whole suite; emptied after the last browser test.
    """
    with django_db_blocker.unblock(), _demo_settings(e2e_media_root):
        _run_in_thread(partial(_empty_database, restore_migrated_rows=True))
        _run_in_thread(_seed_demo)
        yield
        _run_in_thread(partial(_empty_database, restore_migrated_rows=False))
        # The content types cached while the demo lived have ids the next test's restored
        # database does not have.
        ContentType.objects.clear_cache()


@pytest.fixture(autouse=True)
def e2e_test_settings(request, settings, e2e_media_root):
    """Every browser test sees the suite's media folder and may use the database."""
    settings.MEDIA_ROOT = e2e_media_root
    settings.PRIVATE_MEDIA_ROOT = _private_media_root(e2e_media_root)
    settings.CERTIFICATE_DEMO_SIGNING_P12 = e2e_media_root / "demo-signing.p12"
    settings.DEMO_PASSWORD = DEMO_PASSWORD
    request.getfixturevalue("e2e_database")
    blocker = request.getfixturevalue("django_db_blocker")
    with blocker.unblock():
        # One test's wrong passwords must not lock a shared demo user out of the next test.
        from axes.utils import reset

        reset()
        yield


@pytest.fixture(scope="package")
def live_server(e2e_database):
    """
    The site on a free local port for the whole suite (pytest-django's live server, without
    its per-test transactional database, which would empty the seeded demo after each test).
    """
    from pytest_django.live_server_helper import LiveServer

    # The test database is a file on SQLite too (tests/conftest.py), so the server's
    # threads have connections of their own, as on PostgreSQL.
    server = LiveServer("localhost")
    server._live_server_modified_settings.enable()
    yield server
    server._live_server_modified_settings.disable()
    server.stop()


@pytest.fixture(autouse=True)
def _live_server_helper():
    """Replaces pytest-django's helper, which would make every browser test transactional."""
    yield


@pytest.fixture
def demo_site(e2e_database, django_db_blocker):
    """The seeded demo; seeded again only when a transactional test has emptied it."""
    with django_db_blocker.unblock():
        if not _demo_is_complete():
            _run_in_thread(_seed_demo)


@pytest.fixture
def make_participant(demo_site):
    """
    A new participant of the test's own (factory-made, password ``PARTICIPANT_PASSWORD``),
    so that tests sharing the seeded demo never share progress, attempts or certificates.
    """
    from tests.factories import ParticipantFactory

    def make(**fields):
        return ParticipantFactory(password=PARTICIPANT_PASSWORD, **fields)

    return make


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import expect, sync_playwright

    # Two cores shared with a database and a worker: allow pages time before failing.
    expect.set_options(timeout=15_000)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, request):
    """Open pages in a fresh browser context; the last screen is kept as an artifact."""
    contexts = []

    def open_page(viewport=DESKTOP, locale="id-ID", javascript=True):
        context = browser.new_context(
            viewport=viewport, locale=locale, java_script_enabled=javascript
        )
        contexts.append(context)
        return context.new_page()

    yield open_page
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for index, context in enumerate(contexts):
        for page in context.pages:
            page.screenshot(path=ARTIFACTS / f"{request.node.name}-{index}.png", full_page=True)
        context.close()


AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@functools.cache
def _axe_source() -> str:
    return AXE.read_text()


def serious_accessibility_violations(page, iframes=True):
    """
    Run axe-core (WCAG 2.0–2.2 A/AA rules) on the page; return serious and critical ones.
    ``iframes=False`` leaves out the content of frames (a SCORM package from a partner).
    """
    # Evaluated through the DevTools protocol, which the site's Content-Security-Policy does
    # not govern (a <script> tag added to the page would be refused, as it should be).
    page.evaluate(_axe_source() + "\n;undefined")
    # Only the violations are read, so axe need not build selectors for every passing node.
    result = page.evaluate(
        """(iframes) => axe.run(document, {iframes, resultTypes: ["violations"], runOnly:
            {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}})""",
        iframes,
    )
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "nodes": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in result["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def screenshot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)
