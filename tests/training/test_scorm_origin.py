"""Where SCORM package files run: sandboxed in the player on the site's own origin."""

import io

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from tests.training.factories import EnrolmentFactory, lessons_of, make_course
from tests.training.scorm_factories import minimal_package
from training.services import attach_scorm_package, import_scorm_package

pytestmark = pytest.mark.django_db

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


def _player(client, lesson):
    response = client.get(lesson.url)
    return response, BeautifulSoup(response.content, "html.parser").select_one(
        "[data-scorm-player]"
    )


def _site_content(lesson, path="index.html"):
    return reverse("training:scorm_content", args=[lesson.pk, path])


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
