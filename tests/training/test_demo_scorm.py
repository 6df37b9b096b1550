"""
The demo without its SCORM package: seeding notes it and leaves the lesson out. A module of
its own, because the demo tests of test_demo.py share one seeded demo.
"""

import io

import pytest
from django.core.management import call_command

from training.models import LessonPage

pytestmark = pytest.mark.django_db


def test_the_demo_skips_the_scorm_lesson_with_a_note_when_the_package_is_missing(
    settings, tmp_path
):
    settings.SCORM_DEMO_PACKAGE = tmp_path / "missing.zip"
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert "demo package not found" in out.getvalue()
    assert not LessonPage.objects.filter(slug="modul-mitra-scorm").exists()
