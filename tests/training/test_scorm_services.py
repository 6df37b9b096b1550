"""SCORM services: importing a package, and the CMI commits that complete a lesson."""

import io
import threading

import pytest
from django.core.files.storage import default_storage
from django.db import connection

from tests.training.scorm_factories import import_shared, minimal_package, scorm_lesson
from training.models import (
    EnrolmentStatus,
    LessonProgress,
    ScormPackage,
    ScormProgress,
    ScormStatus,
)
from training.scorm.cmi import launch_data, parse_session_time
from training.scorm.errors import ScormPackageError
from training.services import EnrolmentError, commit_scorm_data, import_scorm_package

pytestmark = pytest.mark.django_db


def _commit_12(lesson, enrolment, *, status="incomplete", session="s1", sequence=None, **core):
    return commit_scorm_data(
        enrolment=enrolment,
        lesson=lesson,
        item_identifier="item_1",
        cmi={"core": {"lesson_status": status, **core}, "suspend_data": core.pop("suspend", "")},
        session_key=session,
        sequence=sequence,
    )


def test_import_stores_every_file_of_the_package_under_its_own_folder():
    package = import_shared("singlescobasic.zip")
    assert package.version == "1.2"
    assert package.title == "Golf Explained - Run-time Basic Calls"
    assert package.file_count == len(package.files) == 46
    assert default_storage.exists(package.storage_name("shared/launchpage.html"))
    assert default_storage.exists(package.storage_name("imsmanifest.xml"))


def test_importing_the_same_zip_twice_returns_the_same_package():
    first = import_shared("singlescobasic.zip")
    assert import_shared("singlescobasic.zip") == first
    assert ScormPackage.objects.count() == 1


def test_a_refused_package_stores_nothing():
    with pytest.raises(ScormPackageError):
        import_scorm_package(file=io.BytesIO(minimal_package(**{"../x": "x"})))
    assert ScormPackage.objects.count() == 0
    assert not default_storage.exists("scorm")


def test_a_completed_status_completes_the_lesson_and_keeps_score_and_bookmark():
    lesson, enrolment = scorm_lesson()
    record = _commit_12(
        lesson,
        enrolment,
        status="passed",
        lesson_location="15",
        score={"raw": "85", "min": "0", "max": "100"},
        session_time="0000:12:30.00",
    )
    assert record.status == ScormStatus.PASSED
    assert record.score_percent == 85
    assert record.location == "15"
    assert record.time_seconds == 750
    assert LessonProgress.objects.get(enrolment=enrolment, lesson=lesson).completed_at


def test_an_incomplete_status_keeps_the_lesson_open_and_saves_suspend_data():
    lesson, enrolment = scorm_lesson()
    record = _commit_12(lesson, enrolment, suspend="page=3", exit="suspend")
    assert record.suspend_data == "page=3"
    assert not LessonProgress.objects.filter(enrolment=enrolment, completed_at__isnull=False)


def test_a_failed_2004_attempt_does_not_complete_but_a_completed_one_does():
    lesson, enrolment = scorm_lesson("RuntimeBasicCalls_SCORM20043rdEdition.zip")

    def commit(**cmi):
        return commit_scorm_data(
            enrolment=enrolment, lesson=lesson, item_identifier="item_1", cmi=cmi, session_key="a"
        )

    commit(completion_status="incomplete", success_status="failed", score={"scaled": "0.4"})
    assert not LessonProgress.objects.filter(completed_at__isnull=False).exists()
    record = commit(completion_status="completed", success_status="failed", score={"scaled": "0.4"})
    assert record.status == ScormStatus.COMPLETED
    assert record.score_percent == 40
    assert LessonProgress.objects.get(enrolment=enrolment, lesson=lesson).completed_at


def test_a_repeated_or_stale_commit_of_a_launch_changes_nothing():
    lesson, enrolment = scorm_lesson()
    _commit_12(lesson, enrolment, sequence=2, lesson_location="5", session_time="0000:01:00")
    _commit_12(lesson, enrolment, sequence=2, lesson_location="9", session_time="0000:09:00")
    record = _commit_12(lesson, enrolment, sequence=1, lesson_location="1")
    assert record.location == "5"
    assert record.time_seconds == 60
    assert ScormProgress.objects.count() == 1


def test_time_is_accumulated_over_launches_and_never_counted_twice():
    lesson, enrolment = scorm_lesson()
    _commit_12(lesson, enrolment, session="first", session_time="0000:02:00")
    _commit_12(lesson, enrolment, session="first", session_time="0000:03:00")
    record = _commit_12(lesson, enrolment, session="second", session_time="0000:01:30")
    assert record.time_seconds == 3 * 60 + 90


def test_a_return_launch_resumes_with_bookmark_suspend_data_status_and_total_time():
    lesson, enrolment = scorm_lesson()
    record = _commit_12(
        lesson,
        enrolment,
        lesson_location="7",
        exit="suspend",
        suspend="answers=1,2",
        session_time="0001:00:05",
    )
    data = launch_data(record, scorm_2004=False, learner_id="9", learner_name="Siti")
    assert data["core"]["entry"] == "resume"
    assert data["core"]["lesson_location"] == "7"
    assert data["core"]["lesson_status"] == "incomplete"
    assert data["core"]["total_time"] == "0001:00:05.00"
    assert data["suspend_data"] == "answers=1,2"
    first = launch_data(None, scorm_2004=True, learner_id="9", learner_name="Siti")
    assert first["entry"] == "ab-initio" and first["learner_name"] == "Siti"


def test_a_multi_sco_lesson_is_done_only_when_every_sco_is():
    lesson, enrolment = scorm_lesson("RuntimeMinimumCalls_SCORM12.zip")
    scos = [item["identifier"] for item in lesson.scorm_package.launchable_items]
    for identifier in scos[:-1]:
        commit_scorm_data(
            enrolment=enrolment,
            lesson=lesson,
            item_identifier=identifier,
            cmi={"core": {"lesson_status": "completed"}},
            session_key="k",
        )
    assert not LessonProgress.objects.filter(completed_at__isnull=False).exists()
    commit_scorm_data(
        enrolment=enrolment,
        lesson=lesson,
        item_identifier=scos[-1],
        cmi={"core": {"lesson_status": "completed"}},
        session_key="k",
    )
    assert LessonProgress.objects.get(enrolment=enrolment, lesson=lesson).completed_at


def test_commits_of_an_enrolment_that_is_not_active_are_refused():
    lesson, enrolment = scorm_lesson()
    enrolment.status = EnrolmentStatus.WITHDRAWN
    enrolment.save()
    with pytest.raises(EnrolmentError):
        _commit_12(lesson, enrolment, status="completed")
    assert not ScormProgress.objects.exists()


def test_an_item_that_is_not_in_the_package_is_refused():
    lesson, enrolment = scorm_lesson()
    with pytest.raises(EnrolmentError):
        commit_scorm_data(
            enrolment=enrolment, lesson=lesson, item_identifier="other", cmi={}, session_key="k"
        )


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("0000:01:30.50", 90),
        ("12:00:00", 43200),
        ("PT1H2M3S", 3723),
        ("PT0.5S", 0),
        ("P1DT1M", 86460),
        ("nonsense", 0),
        ("", 0),
    ],
)
def test_session_times_of_both_versions_are_read(text, seconds):
    assert parse_session_time(text) == seconds


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_tabs_committing_at_once_leave_one_record_and_one_completion():
    lesson, enrolment = scorm_lesson()
    barrier = threading.Barrier(2)
    errors = []

    def tab(session):
        try:
            barrier.wait()
            _commit_12(
                lesson, enrolment, status="completed", session=session, session_time="0000:00:10"
            )
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=tab, args=(name,)) for name in ("tab-a", "tab-b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    record = ScormProgress.objects.get(enrolment=enrolment)
    assert set(record.sessions) == {"tab-a", "tab-b"}
    assert record.time_seconds == 20
    assert (
        LessonProgress.objects.filter(enrolment=enrolment, completed_at__isnull=False).count() == 1
    )
