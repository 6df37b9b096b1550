"""
Fixtures of the security tests: the world of the access-control matrix, built once per test
module inside a transaction that is rolled back when the module ends; each test runs in
its own savepoint and sees the world as built.
"""

import pytest
from django.db import transaction

from .url_matrix import World


@pytest.fixture(scope="module")
def _media_for_module(tmp_path_factory):
    return tmp_path_factory.mktemp("matrix-media")


@pytest.fixture(scope="module")
def _private_media_for_module(tmp_path_factory):
    return tmp_path_factory.mktemp("matrix-private-media")


@pytest.fixture(scope="module")
def _world_for_module(
    django_db_setup, django_db_blocker, _media_for_module, _private_media_for_module
):
    from django.test import override_settings

    with (
        django_db_blocker.unblock(),
        override_settings(
            MEDIA_ROOT=_media_for_module, PRIVATE_MEDIA_ROOT=_private_media_for_module
        ),
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield World()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def world(_world_for_module, _media_for_module, _private_media_for_module, db, settings):
    """The shared world; the test's own changes are rolled back with its savepoint."""
    from certificates.badge_signing import write_demo_key

    settings.MEDIA_ROOT = _media_for_module
    settings.PRIVATE_MEDIA_ROOT = _private_media_for_module
    # Credentials and the issuer's key are published only when a badge key is configured.
    key = _media_for_module / "badge-key.pem"
    settings.BADGE_SIGNING_KEY = str(key if key.exists() else write_demo_key(key))
    return _world_for_module
