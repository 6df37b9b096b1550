"""
Where SCORM package files run: sandboxed in the player on the site's own origin, or served
from SCORM_CONTENT_ORIGIN, a separate origin, to the holder of the lesson page's signed address.
"""

import io
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from tests.training.factories import EnrolmentFactory, lessons_of, make_course
from tests.training.scorm_factories import minimal_package
from training.models import EnrolmentStatus
from training.services import attach_scorm_package, import_scorm_package

pytestmark = pytest.mark.django_db

ORIGIN = "https://scorm.example.test"
HOST = "scorm.example.test"
SANDBOX = "allow-scripts allow-same-origin allow-forms allow-modals"


@pytest.fixture
def played():
    """A lesson playing a hand-made one-SCO package, and a participant enrolled in it."""
    course = make_course(modules=1, lessons=1)
    package = import_scorm_package(
        file=io.BytesIO(minimal_package(**{"media/quiz.js": "var x = 1;"})), file_name="m.zip"
    )
    lesson = attach_scorm_package(lesson=lessons_of(course)[0], package=package)
    return lesson, EnrolmentFactory(batch__course=course)


@pytest.fixture
def participant_client(played):
    client = Client()
    client.force_login(played[1].participant)
    return client


@pytest.fixture
def content_origin(settings):
    settings.SCORM_CONTENT_ORIGIN = ORIGIN
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, HOST]


def _player(client, lesson):
    response = client.get(lesson.url)
    return response, BeautifulSoup(response.content, "html.parser").select_one(
        "[data-scorm-player]"
    )


def _site_content(lesson, path="index.html"):
    return reverse("training:scorm_content", args=[lesson.pk, path])


def _on_content_host(url):
    """A request for ``url`` (absolute, on the content origin) as the player's frame sends it."""
    parts = urlsplit(url)
    return Client().get(parts.path, HTTP_HOST=parts.netloc, secure=True)


def _content_url(participant_client, lesson, path="index.html"):
    _response, player = _player(participant_client, lesson)
    return player["data-content-url"] + path


# --- On the site's own origin (the default) -------------------------------------------


def test_the_player_frame_is_sandboxed_to_scripts_same_origin_forms_and_dialogs(
    played, participant_client
):
    lesson, _enrolment = played

    _response, player = _player(participant_client, lesson)

    # A space-separated attribute: BeautifulSoup gives it as a list.
    assert player.select_one("iframe[data-scorm-frame]")["sandbox"] == SANDBOX.split()


def test_package_files_are_sandboxed_even_when_opened_outside_the_player(
    played, participant_client
):
    lesson, _enrolment = played

    policy = participant_client.get(_site_content(lesson))["Content-Security-Policy"]

    assert f"sandbox {SANDBOX}" in policy
    assert "frame-ancestors 'self'" in policy


# --- On a separate origin (SCORM_CONTENT_ORIGIN) ----------------------------------------


def test_the_lesson_frames_the_content_origin_with_a_signed_address(
    played, participant_client, content_origin
):
    lesson, _enrolment = played

    response, player = _player(participant_client, lesson)

    assert player["data-content-url"].startswith(f"{ORIGIN}/pelajaran/{lesson.pk}/scorm/konten/")
    assert ORIGIN in response["Content-Security-Policy"].split("frame-src")[1].split(";")[0]


def test_the_site_no_longer_serves_package_files_itself(played, participant_client, content_origin):
    lesson, _enrolment = played

    assert participant_client.get(_site_content(lesson)).status_code == 404


def test_the_content_origin_serves_the_files_to_the_holder_of_the_address(
    played, participant_client, content_origin, settings
):
    lesson, _enrolment = played
    site = urlsplit(settings.SITE_URL)

    response = _on_content_host(_content_url(participant_client, lesson))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"<html><body>SCO</body></html>"
    policy = response["Content-Security-Policy"]
    assert f"frame-ancestors {site.scheme}://{site.netloc}" in policy
    assert f"sandbox {SANDBOX}" in policy
    assert "X-Frame-Options" not in response
    assert (
        _on_content_host(_content_url(participant_client, lesson, "media/quiz.js")).status_code
        == 200
    )
    assert (
        _on_content_host(_content_url(participant_client, lesson, "missing.js")).status_code == 404
    )


def test_a_forged_expired_or_another_lessons_address_is_refused(
    played, participant_client, content_origin, settings
):
    lesson, _enrolment = played
    url = _content_url(participant_client, lesson)
    token = urlsplit(url).path.split("/")[-2]
    other = lessons_of(make_course(modules=1, lessons=1))[0]
    attach_scorm_package(lesson=other, package=lesson.scorm_package)

    forged = url.replace(token, token[:-2] + ("AA" if not token.endswith("AA") else "BB"))
    another_lesson = url.replace(f"/pelajaran/{lesson.pk}/", f"/pelajaran/{other.pk}/")
    assert _on_content_host(forged).status_code == 404
    assert _on_content_host(another_lesson).status_code == 404
    settings.SCORM_CONTENT_TOKEN_SECONDS = -1
    assert _on_content_host(url).status_code == 404


def test_the_address_stops_working_once_the_participant_may_no_longer_play(
    played, participant_client, content_origin
):
    lesson, enrolment = played
    url = _content_url(participant_client, lesson)
    enrolment.status = EnrolmentStatus.WITHDRAWN
    enrolment.save()

    assert _on_content_host(url).status_code == 404


@pytest.mark.parametrize(
    "path",
    ["/", "/akun/masuk/", "/admin/", "/api/v1/courses/", "/health/", "/pembelajaran-saya/"],
)
def test_the_content_origin_serves_nothing_else_of_the_site(played, content_origin, path):
    lesson, _enrolment = played

    assert Client().get(path, HTTP_HOST=HOST, secure=True).status_code == 404
    data = reverse("training:scorm_data", args=[lesson.pk])
    assert Client().get(data, HTTP_HOST=HOST, secure=True).status_code == 404


def test_the_signed_address_is_not_served_on_the_site_itself(
    played, participant_client, content_origin
):
    lesson, _enrolment = played
    url = _content_url(participant_client, lesson)

    assert participant_client.get(urlsplit(url).path).status_code == 404


def test_a_content_origin_that_is_the_site_itself_or_no_origin_is_a_system_error(settings):
    from training.scorm.origin import check_content_origin

    for wrong in (settings.SITE_URL, "scorm.example.test", f"{ORIGIN}/berkas"):
        settings.SCORM_CONTENT_ORIGIN = wrong
        assert [error.id for error in check_content_origin()] == ["training.E001"], wrong
    settings.SCORM_CONTENT_ORIGIN = ORIGIN
    assert check_content_origin() == []
