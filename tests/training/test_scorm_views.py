"""
The SCORM content view (who may open which file) and the run-time data endpoint (launch
data, commits, CSRF), and the lesson page's player.
"""

import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.factories import ParticipantFactory
from tests.training.scorm_factories import scorm_lesson
from training.models import EnrolmentStatus, LessonProgress, ScormProgress

pytestmark = pytest.mark.django_db


def _content(lesson, path):
    return reverse("training:scorm_content", args=[lesson.pk, path])


def _data(lesson):
    return reverse("training:scorm_data", args=[lesson.pk])


@pytest.fixture
def played():
    return scorm_lesson()


@pytest.fixture
def participant_client(played):
    _lesson, enrolment = played
    client = Client()
    client.force_login(enrolment.participant)
    return client


def test_an_enrolled_participant_gets_package_files_with_their_content_types(
    played, participant_client
):
    lesson, _enrolment = played
    response = participant_client.get(_content(lesson, "shared/launchpage.html"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert b"scormfunctions.js" in b"".join(response.streaming_content)
    assert participant_client.get(_content(lesson, "shared/style.css"))["Content-Type"].startswith(
        "text/css"
    )
    assert participant_client.get(_content(lesson, "shared/background.jpg"))["Content-Type"] == (
        "image/jpeg"
    )


@pytest.mark.parametrize(
    "path",
    [
        "../../../bimtek/settings.py",
        "shared/../../imsmanifest.xml",
        "shared/",
        "shared",
        "shared/missing.html",
        "%2e%2e/%2e%2e/etc/passwd",
    ],
)
def test_traversal_listings_and_unknown_files_are_404(played, participant_client, path):
    lesson, _enrolment = played
    assert participant_client.get(_content(lesson, "x").removesuffix("x") + path).status_code == 404


def test_not_enrolled_or_anonymous_users_get_404(played, client):
    lesson, _enrolment = played
    assert client.get(_content(lesson, "shared/launchpage.html")).status_code == 404
    client.force_login(ParticipantFactory())
    assert client.get(_content(lesson, "shared/launchpage.html")).status_code == 404
    assert client.get(_data(lesson), {"item": "item_1"}).status_code == 404


def test_a_withdrawn_participant_can_no_longer_open_the_package(played, participant_client):
    lesson, enrolment = played
    enrolment.status = EnrolmentStatus.WITHDRAWN
    enrolment.save()
    assert participant_client.get(_content(lesson, "shared/launchpage.html")).status_code == 404


def test_the_course_trainer_may_preview_and_the_administrator_too(played, trainer, administrator):
    lesson, _enrolment = played
    course = lesson.get_parent().get_parent().specific
    from training.models import CourseTrainer
    from training.permissions import sync_course_editors

    CourseTrainer.objects.create(course=course, trainer=trainer)
    sync_course_editors(translation_key=course.translation_key)
    for user in (trainer, administrator):
        client = Client()
        client.force_login(user)
        assert client.get(_content(lesson, "shared/launchpage.html")).status_code == 200


def test_launch_data_restores_the_saved_state(played, participant_client):
    lesson, enrolment = played
    ScormProgress.objects.create(
        enrolment=enrolment,
        package=lesson.scorm_package,
        item_identifier="item_1",
        status="incomplete",
        completion_status="incomplete",
        location="4",
        suspend_data="x=1",
        exit="suspend",
        sessions={"a": {"seconds": 65, "sequence": 3}},
    )
    data = participant_client.get(_data(lesson), {"item": "item_1"}).json()
    assert data["cmi"]["core"]["lesson_location"] == "4"
    assert data["cmi"]["core"]["entry"] == "resume"
    assert data["cmi"]["core"]["total_time"] == "0000:01:05.00"
    assert data["cmi"]["suspend_data"] == "x=1"
    assert participant_client.get(_data(lesson), {"item": "nope"}).status_code == 404


def _commit_body(token="", **cmi_core):
    return json.dumps(
        {
            "item": "item_1",
            "session": "launch-1",
            "sequence": 1,
            "cmi": {"core": {"lesson_status": "completed", **cmi_core}},
            **({"csrfToken": token} if token else {}),
        }
    )


def _csrf_client(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get(reverse("training:dashboard"))  # sets the CSRF cookie
    return client


def test_a_commit_without_a_csrf_token_is_refused(played):
    lesson, enrolment = played
    client = _csrf_client(enrolment.participant)
    response = client.post(_data(lesson), _commit_body(), content_type="application/json")
    assert response.status_code == 403
    assert not ScormProgress.objects.exists()


def test_a_commit_with_the_csrf_header_completes_the_lesson(played):
    lesson, enrolment = played
    client = _csrf_client(enrolment.participant)
    token = client.cookies["csrftoken"].value
    response = client.post(
        _data(lesson),
        _commit_body(score={"raw": "90", "min": "0", "max": "100"}),
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["result"] == "true" and body["lessonDone"] is True and body["score"] == 90
    assert body["percent"] == 50
    assert LessonProgress.objects.get(enrolment=enrolment, lesson=lesson).completed_at


def test_a_final_commit_may_carry_the_csrf_token_in_its_body(played):
    lesson, enrolment = played
    client = _csrf_client(enrolment.participant)
    token = client.cookies["csrftoken"].value
    response = client.post(_data(lesson), _commit_body(token), content_type="text/plain")
    assert response.status_code == 200
    response = client.post(_data(lesson), _commit_body("wrong" * 8), content_type="text/plain")
    assert response.status_code == 403


def test_the_same_commit_twice_is_accepted_once(played, participant_client):
    lesson, enrolment = played
    for _attempt in range(2):
        response = participant_client.post(
            _data(lesson), _commit_body(lesson_location="3"), content_type="application/json"
        )
        assert response.status_code == 200
    assert ScormProgress.objects.get(enrolment=enrolment).sessions == {
        "launch-1": {"seconds": 0, "sequence": 1}
    }


def test_a_commit_that_is_not_json_is_refused(played, participant_client):
    lesson, _enrolment = played
    response = participant_client.post(_data(lesson), "not json", content_type="text/plain")
    assert response.status_code == 400
    assert response.json()["result"] == "false"


def test_a_completed_enrolment_may_replay_but_records_nothing(played, participant_client):
    lesson, enrolment = played
    enrolment.status = EnrolmentStatus.COMPLETED
    enrolment.save()
    assert participant_client.get(_content(lesson, "shared/launchpage.html")).status_code == 200
    response = participant_client.post(
        _data(lesson), _commit_body(), content_type="application/json"
    )
    assert response.status_code == 403
    assert not ScormProgress.objects.exists()


def test_the_lesson_page_shows_the_player_and_the_score(played, participant_client):
    lesson, enrolment = played
    participant_client.post(
        _data(lesson),
        _commit_body(score={"raw": "72", "min": "0", "max": "100"}),
        content_type="application/json",
    )
    with translation.override("en"):
        html = participant_client.get(lesson.url).content.decode()
    assert "data-scorm-player" in html
    assert 'data-record="true"' in html
    assert "vendor/scorm-again/scorm12.min.js" in html
    assert "js/scorm-player.js" in html
    assert "72%" in html
    assert reverse("training:complete_lesson", args=[lesson.pk]) not in html


def test_the_lesson_page_has_no_player_for_someone_not_enrolled(played, client):
    lesson, _enrolment = played
    client.force_login(ParticipantFactory())
    assert "data-scorm-player" not in client.get(lesson.url).content.decode()


def test_marking_a_scorm_lesson_done_by_hand_is_refused(played, participant_client):
    lesson, enrolment = played
    participant_client.post(reverse("training:complete_lesson", args=[lesson.pk]))
    assert not LessonProgress.objects.filter(enrolment=enrolment, completed_at__isnull=False)


def test_the_content_view_runs_a_fixed_number_of_queries(
    played, participant_client, django_assert_max_num_queries
):
    lesson, _enrolment = played
    with django_assert_max_num_queries(8):
        participant_client.get(_content(lesson, "shared/launchpage.html"))


def test_a_commit_runs_a_bounded_number_of_queries(
    played, participant_client, django_assert_max_num_queries
):
    lesson, _enrolment = played
    # A completing commit also completes the lesson (and checks the course) and records its
    # xAPI statements: about 54 queries, the same for every package.
    with django_assert_max_num_queries(56):
        participant_client.post(_data(lesson), _commit_body(), content_type="application/json")


def test_the_batch_progress_report_shows_the_scorm_score(played, administrator):
    lesson, enrolment = played
    ScormProgress.objects.create(
        enrolment=enrolment,
        package=lesson.scorm_package,
        item_identifier="item_1",
        status="passed",
        score_raw=80,
        score_min=0,
        score_max=100,
    )
    client = Client()
    client.force_login(administrator)
    with translation.override("en"):
        response = client.get(
            reverse("training_admin:batch_progress", args=[enrolment.batch_id]),
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.status_code == 200
    assert response.context["progress"].rows[0].scorm_score == 80
    assert "80%" in response.content.decode()
