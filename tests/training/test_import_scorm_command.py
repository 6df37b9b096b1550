"""`manage.py import_scorm`: the partners' batch import of SCORM packages."""

import io

import pytest
from django.core.management import CommandError, call_command

from tests.training.factories import lessons_of, make_course
from tests.training.scorm_factories import SCORM_DATA
from training.models import LessonPage, ScormPackage

pytestmark = pytest.mark.django_db


def _run(*args):
    out = io.StringIO()
    call_command("import_scorm", *args, stdout=out)
    return out.getvalue()


def test_without_a_lesson_it_prints_the_summary_and_stores_nothing():
    output = _run(str(SCORM_DATA / "RuntimeMinimumCalls_SCORM12.zip"))
    assert "Title: Golf Explained - Minimum Run-time Calls" in output
    assert "SCORM version: 1.2" in output
    assert "SCOs: 18" in output
    assert "Playing Golf Quiz [SCO] → shared/assessmenttemplate.html?questions=Playing" in output
    assert "Checked only" in output
    assert not ScormPackage.objects.exists()


@pytest.mark.parametrize(
    ("file_name", "code"),
    [
        ("invalid_no_manifest.zip", "no_manifest"),
        ("invalid_manifest_in_subfolder.zip", "manifest_not_at_root"),
        ("invalid_not_a_zip.zip", "not_a_zip"),
    ],
)
def test_a_refused_package_exits_with_its_reason(file_name, code):
    with pytest.raises(CommandError, match=rf"Refused \({code}\)"):
        _run(str(SCORM_DATA / file_name))


def test_the_command_exits_non_zero_from_the_shell(tmp_path):
    import subprocess
    import sys

    from django.conf import settings

    result = subprocess.run(
        [sys.executable, "manage.py", "import_scorm", str(SCORM_DATA / "invalid_no_manifest.zip")],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "no imsmanifest.xml" in result.stderr


def test_with_a_lesson_it_imports_and_attaches_the_package():
    lesson = lessons_of(make_course(modules=1, lessons=1))[0]
    output = _run(
        str(SCORM_DATA / "RuntimeBasicCalls_SCORM20043rdEdition.zip"), "--lesson", str(lesson.pk)
    )
    package = ScormPackage.objects.get()
    assert package.version == "2004-3"
    assert f"attached to lesson {lesson.pk}" in output
    lesson = LessonPage.objects.get(pk=lesson.pk)
    assert lesson.scorm_package == package and lesson.live
    # Running it again changes nothing.
    _run(str(SCORM_DATA / "RuntimeBasicCalls_SCORM20043rdEdition.zip"), "--lesson", str(lesson.pk))
    assert ScormPackage.objects.count() == 1


def test_an_unknown_lesson_is_refused():
    with pytest.raises(CommandError, match="No lesson"):
        _run(str(SCORM_DATA / "singlescobasic.zip"), "--lesson", "999999")
