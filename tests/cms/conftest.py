"""
Fixtures for the site tests: a clean cache (rate limits) and the demo site.

Building the demo site publishes some thirty page revisions, so it is built once per test
module inside a transaction that is rolled back when the module ends; every test still
runs in its own savepoint and sees the site as seeded.
"""

import pytest
from django.core.cache import cache
from django.db import transaction


@pytest.fixture(autouse=True)
def _empty_cache():
    # Rate-limit counters live in the cache; one test's hits must not count in the next.
    # (The language is reset for every test by tests/conftest.py.)
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="module")
def _public_site_for_module(django_db_setup, django_db_blocker):
    from accounts import demo as accounts_demo
    from cms import demo as cms_demo

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            accounts_demo.seed(lambda *args: None)
            cms_demo.seed(lambda *args: None)
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def public_site(_public_site_for_module, db):
    """The demo users and site: home, about and the six public-service components."""
    cache.clear()
