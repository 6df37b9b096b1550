"""
The SCORM content view (who may open which file) and the run-time data endpoint (launch
data, commits, CSRF), and the lesson page's player.
"""

import json

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.factories import ParticipantFactory
from tests.training.scorm_factories import scorm_lesson
from training.models import EnrolmentStatus, LessonProgress, ScormProgress, ScormStatus
from training.services import commit_scorm_data

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


def test_package_files_are_served_to_the_participant_but_have_no_address_under_media(
    played, participant_client, settings, debug_urls
):
    lesson, _enrolment = played
    name = lesson.scorm_package.storage_name("shared/launchpage.html")
    assert participant_client.get(_content(lesson, "shared/launchpage.html")).status_code == 200
    assert not (settings.MEDIA_ROOT / name).exists()
    # The media route is live (a public file is served), yet knows nothing of the package.
    default_storage.save("images/public.txt", ContentFile(b"public"))
    assert Client().get("/media/images/public.txt").status_code == 200
    assert Client().get(f"/media/{name}").status_code == 404
    assert participant_client.get(f"/media/{name}").status_code == 404


def test_behind_nginx_package_files_are_named_for_its_internal_location(
    played, participant_client, client, settings
):
    settings.PRIVATE_MEDIA_SERVE = "x-accel-redirect"
    lesson, _enrolment = played
    response = participant_client.get(_content(lesson, "shared/launchpage.html"))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == (
        "/internal/private-media/" + lesson.scorm_package.storage_name("shared/launchpage.html")
    )
    assert response.content == b""
    assert response["Content-Type"].startswith("text/html")
    assert response["Cache-Control"] == "private, max-age=3600"
    assert "X-Accel-Redirect" not in client.get(_content(lesson, "shared/launchpage.html"))


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


def test_a_multi_sco_lesson_shows_its_items_as_a_menu_with_each_status():
    # RuntimeMinimumCalls_SCORM12.zip: 18 SCOs under 4 headings (aggregation items).
    lesson, enrolment = scorm_lesson("RuntimeMinimumCalls_SCORM12.zip")
    package = lesson.scorm_package
    played = {
        "playing_playing_item": {"lesson_status": "completed"},
        "playing_quiz_item": {"lesson_status": "passed", "score": {"raw": "8", "max": "10"}},
        "etiquette_course_item": {"lesson_status": "incomplete"},
    }
    for identifier, core in played.items():
        commit_scorm_data(
            enrolment=enrolment,
            lesson=lesson,
            item_identifier=identifier,
            cmi={"core": core},
            session_key="a",
        )
    client = Client()
    client.force_login(enrolment.participant)
    soup = BeautifulSoup(client.get(lesson.url).content, "html.parser")

    menu = soup.select_one("[data-scorm-player] nav.scorm-player__menu")
    with translation.override("id"):
        assert menu["aria-label"] == translation.gettext("Parts of the activity")
        labels = {status.value: str(status.label) for status in ScormStatus}
    assert [
        (h.get_text(), h.parent["data-depth"]) for h in menu.select(".scorm-menu__heading")
    ] == [(title, "0") for title in ("Playing the Game", "Etiquette", "Handicapping", "Having Fun")]
    buttons = menu.select("button[data-scorm-item]")
    scos = package.launchable_items
    assert len(scos) == 18
    assert [b["data-scorm-item"] for b in buttons] == [item["identifier"] for item in scos]
    assert [b.span.get_text() for b in buttons] == [item["title"] for item in scos]
    assert {b.parent["data-depth"] for b in buttons} == {"1"}
    expected = {
        item["identifier"]: {
            "playing_playing_item": ScormStatus.COMPLETED,
            "playing_quiz_item": ScormStatus.PASSED,
            "etiquette_course_item": ScormStatus.INCOMPLETE,
        }.get(item["identifier"], ScormStatus.NOT_ATTEMPTED)
        for item in scos
    }
    for button in buttons:
        status = expected[button["data-scorm-item"]]
        assert button["data-status"] == status
        assert button.select_one("[data-scorm-item-status]").get_text() == labels[status]
    quiz = menu.select_one('[data-scorm-item="playing_quiz_item"]')
    assert quiz.select_one(".scorm-menu__score").get_text() == "80%"
    assert len(menu.select(".scorm-menu__score")) == 1

    # Each button launches its item: the player opens the item's launch path (the quizzes
    # share one page, told apart by their parameters) under the content URL.
    player = soup.select_one("[data-scorm-player]")
    items = {item["identifier"]: item for item in json.loads(soup.find(id="scorm-items").string)}
    assert items["playing_quiz_item"]["launch"] == (
        "shared/assessmenttemplate.html?questions=Playing"
    )
    for button in buttons:
        launch = player["data-content-url"] + items[button["data-scorm-item"]]["launch"]
        assert client.get(launch).status_code == 200, launch
        assert items[button["data-scorm-item"]]["status"] == expected[button["data-scorm-item"]]


def test_a_single_sco_lesson_has_no_menu(played, participant_client):
    lesson, _enrolment = played
    soup = BeautifulSoup(participant_client.get(lesson.url).content, "html.parser")
    assert soup.select_one("[data-scorm-player]") is not None
    assert soup.select_one(".scorm-player__menu") is None


def test_the_final_commit_of_a_scorm_12_sco_that_set_no_status_completes_it(played):
    lesson, enrolment = played
    client = _csrf_client(enrolment.participant)
    token = client.cookies["csrftoken"].value

    def commit(sequence, **extra):
        body = {
            "item": "item_1",
            "session": "launch-1",
            "sequence": sequence,
            "cmi": {"core": {"lesson_status": "not attempted"}},
            **extra,
        }
        response = client.post(
            _data(lesson),
            json.dumps(body),
            content_type="application/json",
            headers={"X-CSRFToken": token},
        )
        return response.json()

    assert commit(1)["status"] == "not_attempted"
    assert commit(2, finished="yes")["status"] == "not_attempted"  # only JSON true counts
    body = commit(3, finished=True)
    assert (body["status"], body["lessonDone"]) == ("completed", True)
