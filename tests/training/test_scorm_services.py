"""SCORM services: importing a package, and the CMI commits that complete a lesson."""

import io
import threading

import pytest
from django.core.files.storage import default_storage
from django.db import connection

from cms.private_media import private_storage
from tests.training.scorm_factories import import_shared, minimal_package, scorm_lesson
from training.models import (
    EnrolmentStatus,
    LessonProgress,
    ScormPackage,
    ScormProgress,
    ScormStatus,
    XapiStatement,
)
from training.scorm.cmi import launch_data, parse_session_time
from training.scorm.errors import ScormPackageError
from training.services import EnrolmentError, commit_scorm_data, import_scorm_package
from training.services.scorm import package_done

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
    assert private_storage.exists(package.storage_name("shared/launchpage.html"))
    assert private_storage.exists(package.storage_name("imsmanifest.xml"))


def test_package_files_are_stored_privately_never_in_the_public_media(settings):
    package = import_shared("singlescobasic.zip")
    name = package.storage_name("shared/launchpage.html")
    assert not default_storage.exists(name)
    assert not (settings.MEDIA_ROOT / "scorm").exists()
    assert (settings.PRIVATE_MEDIA_ROOT / name).is_file()


def test_importing_the_same_zip_twice_returns_the_same_package():
    first = import_shared("singlescobasic.zip")
    assert import_shared("singlescobasic.zip") == first
    assert ScormPackage.objects.count() == 1


def test_a_refused_package_stores_nothing():
    with pytest.raises(ScormPackageError):
        import_scorm_package(file=io.BytesIO(minimal_package(**{"../x": "x"})))
    assert ScormPackage.objects.count() == 0
    assert not private_storage.exists("scorm")
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


def test_a_sco_passed_once_is_one_xapi_statement_with_its_score():
    lesson, enrolment = scorm_lesson()
    score = {"raw": "85", "min": "0", "max": "100"}
    _commit_12(lesson, enrolment, status="incomplete", sequence=1)
    _commit_12(lesson, enrolment, status="passed", score=score, sequence=2)
    _commit_12(lesson, enrolment, status="passed", score=score, sequence=3)

    scorm_statements = [
        statement.statement
        for statement in XapiStatement.objects.filter(participant=enrolment.participant)
        if "/scorm/" in statement.statement["object"]["id"]
    ]
    assert len(scorm_statements) == 1
    statement = scorm_statements[0]
    assert statement["verb"]["id"] == "http://adlnet.gov/expapi/verbs/passed"
    assert statement["result"]["success"] is True
    assert statement["result"]["score"]["scaled"] == 0.85


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


def test_a_multi_sco_lesson_counts_completed_and_passed_scos_but_not_a_failed_one():
    lesson, enrolment = scorm_lesson("RuntimeMinimumCalls_SCORM12.zip")
    package = lesson.scorm_package
    scos = [item["identifier"] for item in package.launchable_items]
    quizzes = [identifier for identifier in scos if identifier.endswith("_quiz_item")]
    assert len(scos) == 18 and len(quizzes) == 4

    def commit(identifier, status):
        commit_scorm_data(
            enrolment=enrolment,
            lesson=lesson,
            item_identifier=identifier,
            cmi={"core": {"lesson_status": status}},
            session_key=f"{identifier}-{status}",
        )

    for identifier in scos:
        if identifier == quizzes[-1]:
            commit(identifier, "failed")
        else:
            commit(identifier, "passed" if identifier in quizzes else "completed")
    # Seventeen SCOs completed or passed, one failed: the lesson is not done.
    assert ScormProgress.objects.filter(enrolment=enrolment).count() == 18
    assert not package_done(enrolment=enrolment, package=package)
    assert not LessonProgress.objects.filter(completed_at__isnull=False).exists()
    commit(quizzes[-1], "passed")
    assert package_done(enrolment=enrolment, package=package)
    assert LessonProgress.objects.get(enrolment=enrolment, lesson=lesson).completed_at


def test_a_scorm_12_sco_that_finishes_without_a_status_is_completed():
    # SCORM 1.2 RTE: on LMSFinish, a SCO that never set lesson_status is "completed".
    lesson, enrolment = scorm_lesson()
    not_attempted = {"core": {"lesson_status": "not attempted"}}

    def commit(cmi, sequence, finished):
        return commit_scorm_data(
            enrolment=enrolment,
            lesson=lesson,
            item_identifier="item_1",
            cmi=cmi,
            session_key="a",
            sequence=sequence,
            finished=finished,
        )

    assert commit(not_attempted, 1, False).status == ScormStatus.NOT_ATTEMPTED
    assert commit({"core": {}}, 2, False).status == ScormStatus.NOT_ATTEMPTED
    assert not LessonProgress.objects.filter(completed_at__isnull=False).exists()
    record = commit(not_attempted, 3, True)
    assert (record.status, record.completion_status) == (ScormStatus.COMPLETED, "completed")
    assert LessonProgress.objects.get(enrolment=enrolment, lesson=lesson).completed_at
    # The next launch is given the status the LMS set.
    assert (
        launch_data(record, scorm_2004=False, learner_id="1", learner_name="A")["core"][
            "lesson_status"
        ]
        == "completed"
    )


@pytest.mark.parametrize(
    ("lesson_status", "expected"),
    [
        ("incomplete", ScormStatus.INCOMPLETE),
        ("failed", ScormStatus.FAILED),
        ("browsed", ScormStatus.INCOMPLETE),
    ],
)
def test_a_status_the_sco_set_is_kept_when_it_finishes(lesson_status, expected):
    lesson, enrolment = scorm_lesson()
    record = commit_scorm_data(
        enrolment=enrolment,
        lesson=lesson,
        item_identifier="item_1",
        cmi={"core": {"lesson_status": lesson_status}},
        session_key="a",
        finished=True,
    )
    assert record.status == expected
    assert not LessonProgress.objects.filter(completed_at__isnull=False).exists()


def test_a_scorm_2004_sco_that_finishes_without_a_status_is_not_completed():
    # SCORM 2004: the LMS may not imply a completion status.
    lesson, enrolment = scorm_lesson("RuntimeBasicCalls_SCORM20043rdEdition.zip")
    record = commit_scorm_data(
        enrolment=enrolment,
        lesson=lesson,
        item_identifier="item_1",
        cmi={"completion_status": "unknown", "success_status": "unknown"},
        session_key="a",
        finished=True,
    )
    assert record.status == ScormStatus.NOT_ATTEMPTED
    assert not LessonProgress.objects.filter(completed_at__isnull=False).exists()


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


def test_deleting_a_package_removes_its_files(django_capture_on_commit_callbacks):
    package = import_shared("singlescobasic.zip")
    name = package.storage_name("shared/launchpage.html")
    with django_capture_on_commit_callbacks(execute=True):
        package.delete()
    assert not private_storage.exists(name)


def test_the_migration_moves_packages_stored_in_the_public_media_and_can_run_again():
    import importlib

    from django.apps import apps

    migration = importlib.import_module("training.migrations.0006_scorm_files_in_private_storage")
    package = import_shared("singlescobasic.zip")
    names = [package.storage_name(path) for path in package.files]
    for name in names:  # where packages were stored before the private storage existed
        with private_storage.open(name) as file:
            default_storage.save(name, file)
        private_storage.delete(name)

    migration.move_packages_to_private_storage(apps, None)
    assert all(private_storage.exists(name) for name in names)
    assert not any(default_storage.exists(name) for name in names)
    migration.move_packages_to_private_storage(apps, None)
    assert all(private_storage.exists(name) for name in names)

    migration.move_packages_back_to_public_storage(apps, None)
    assert all(default_storage.exists(name) for name in names)
    assert not any(private_storage.exists(name) for name in names)
