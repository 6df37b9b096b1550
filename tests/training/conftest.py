"""Fixtures for the training tests."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _reset_language():
    """
    Requests to ``/en/`` leave English active in the test thread (LocaleMiddleware never
    deactivates); put the default back so later tests that evaluate lazy text see Indonesian.
    """
    yield
    translation.deactivate()
