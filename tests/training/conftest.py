"""
Fixtures for the training tests.

The course and lesson page templates belong to the course pages; until they are merged, the
tests render minimal stand-ins (in ``tests/training/templates``) that include the fragments
this app provides, exactly as the real templates do.
"""

from pathlib import Path

import pytest
from django.utils import translation

STAND_IN_TEMPLATES = Path(__file__).resolve().parent / "templates"


@pytest.fixture(autouse=True)
def _page_template_stand_ins(settings):
    templates = [dict(engine) for engine in settings.TEMPLATES]
    templates[0]["DIRS"] = [*templates[0]["DIRS"], STAND_IN_TEMPLATES]
    settings.TEMPLATES = templates


@pytest.fixture(autouse=True)
def _reset_language():
    """
    Requests to ``/en/`` leave English active in the test thread (LocaleMiddleware never
    deactivates); put the default back so later tests that evaluate lazy text see Indonesian.
    """
    yield
    translation.deactivate()
