"""
End-to-end fixtures: the site served by pytest-django's live server on a free local port,
driven by Debian's Chromium through Playwright. Screenshots go to test-artifacts/e2e/.
"""

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
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

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# between browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


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


@pytest.fixture(autouse=True)
def migrated_rows(transactional_db):
    """
    The rows migrations create (page tree root, default site, role groups), which an earlier
    transactional test has flushed. Django would restore them from its serialized copy, but
    keeps that copy on the connection of the context that set the database up, which
    Playwright's event loop does not share.
    """
    from wagtail.models import Site

    from accounts.roles import sync_role_groups
    from cms.services import ensure_tree_roots

    root = ensure_tree_roots()
    if not Site.objects.exists():
        home = root.get_children().first() or root
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    sync_role_groups()


@pytest.fixture
def demo_site(transactional_db, settings):
    settings.DEMO_PASSWORD = "bimtek-demo"
    # Seeding signs the demo certificate with pyHanko, which runs its own asyncio loop; that
    # cannot start inside Playwright's running loop, so the seeding runs in a thread.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(_seed_demo).result()


def _seed_demo():
    from django.db import connection

    try:
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    finally:
        connection.close()


AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def serious_accessibility_violations(page):
    """Run axe-core (WCAG 2.0–2.2 A/AA rules) on the page; return serious and critical ones."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """() => axe.run(document, {runOnly: {type: "tag", values:
            ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}})"""
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
