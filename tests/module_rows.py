"""
Rows made once for a whole test module, as Django's ``setUpTestData`` does for a class: inside
a transaction that is rolled back when the module ends, so each test (in its own savepoint)
sees them as made and leaves them so. Only for modules whose tests are not transactional.
"""

import contextlib

from django.db import transaction


@contextlib.contextmanager
def module_transaction(django_db_blocker, **overrides):
    """Open the module's transaction (with ``overrides`` of the settings while it lasts)."""
    from django.test import override_settings

    with django_db_blocker.unblock(), override_settings(**overrides):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
