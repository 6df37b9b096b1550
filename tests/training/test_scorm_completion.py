"""
Content that reports nothing: a SCO launched and left without a call to the API, and assets
(plain files). The lesson can always be completed.
"""

import json

import pytest
from django.test import Client
from django.urls import reverse

from tests.training.scorm_factories import handmade_lesson
from training.models import LessonProgress, ScormNoApiCompletion, ScormProgress, ScormStatus
from training.services import commit_scorm_data, record_scorm_visit

pytestmark = pytest.mark.django_db


def _done(enrolment, lesson) -> bool:
    return LessonProgress.objects.filter(
        enrolment=enrolment, lesson=lesson, completed_at__isnull=False
    ).exists()


def test_a_2004_sco_left_without_api_calls_is_completed_and_completes_the_lesson():
    lesson, enrolment = handmade_lesson("sco2004_no_api")
    assert lesson.scorm_package.completes_lesson
    # Opening a SCO records nothing: whether it calls the API is known only when it is left.
    assert (
        record_scorm_visit(
            enrolment=enrolment, lesson=lesson, item_identifier="intro", session_key="l1"
        )
        is None
    )
    assert not ScormProgress.objects.exists()
    record = record_scorm_visit(
        enrolment=enrolment, lesson=lesson, item_identifier="intro", session_key="l1", left=True
    )
    assert (record.status, record.completion_status) == (ScormStatus.COMPLETED, "completed")
    assert record.completed_at is not None
    assert not _done(enrolment, lesson)  # the second SCO is still to be opened
    record_scorm_visit(
        enrolment=enrolment, lesson=lesson, item_identifier="closing", session_key="l2", left=True
    )
    assert _done(enrolment, lesson)


def test_a_sco_whose_launch_committed_is_left_to_its_own_report():
    lesson, enrolment = handmade_lesson("sco2004_no_api")
    commit_scorm_data(
        enrolment=enrolment,
        lesson=lesson,
        item_identifier="intro",
        cmi={"completion_status": "incomplete", "location": "2"},
        session_key="l1",
    )
    record = record_scorm_visit(
        enrolment=enrolment, lesson=lesson, item_identifier="intro", session_key="l1", left=True
    )
    assert record.status == ScormStatus.INCOMPLETE
    # Another launch that never calls the API does not undo what the SCO reported either.
    record = record_scorm_visit(
        enrolment=enrolment, lesson=lesson, item_identifier="intro", session_key="l2", left=True
    )
    assert record.status == ScormStatus.INCOMPLETE
    assert not _done(enrolment, lesson)


def test_a_package_whose_silent_items_do_not_count_lets_the_participant_mark_the_lesson():
    lesson, enrolment = handmade_lesson(
        "sco2004_no_api", completion_without_api=ScormNoApiCompletion.MARK_DONE
    )
    record = record_scorm_visit(
        enrolment=enrolment, lesson=lesson, item_identifier="intro", session_key="l1", left=True
    )
    assert record.status == ScormStatus.VIEWED
    assert not _done(enrolment, lesson)
    client = Client()
    client.force_login(enrolment.participant)
    page = client.get(lesson.url).content.decode()
    assert "Tandai selesai" in page  # "Mark as done"
    client.post(reverse("training:complete_lesson", args=[lesson.pk]))
    assert _done(enrolment, lesson)


def test_assets_are_viewed_once_opened_and_the_menu_says_so():
    lesson, enrolment = handmade_lesson("asset_only")
    record = record_scorm_visit(
        enrolment=enrolment, lesson=lesson, item_identifier="guide", session_key="l1"
    )
    assert record.status == ScormStatus.VIEWED
    # Idempotent: opened again, or left, it stays viewed.
    for left in (False, True):
        record_scorm_visit(
            enrolment=enrolment, lesson=lesson, item_identifier="guide", session_key="l2", left=left
        )
    assert ScormProgress.objects.get().status == ScormStatus.VIEWED
    client = Client()
    client.force_login(enrolment.participant)
    page = client.get(lesson.url).content.decode()
    assert 'data-scorm-item="guide" data-status="viewed"' in page
    assert "Dilihat" in page  # "Viewed"
    # An asset-only package reports no completion: the lesson keeps its "Mark as done".
    assert "Tandai selesai" in page


def test_the_visit_endpoint_records_an_opened_asset_and_a_silent_sco(client):
    lesson, enrolment = handmade_lesson("sco2004_no_api")
    client.force_login(enrolment.participant)
    url = f"/pelajaran/{lesson.pk}/scorm/data/"
    body = json.dumps({"item": "intro", "session": "s1", "visit": "left"})
    answer = client.post(url, body, content_type="application/json").json()
    assert (answer["status"], answer["packageDone"], answer["lessonDone"]) == (
        "completed",
        False,
        False,
    )
    body = json.dumps({"item": "nope", "session": "s1", "visit": "left"})
    assert client.post(url, body, content_type="application/json").status_code == 400
