"""
A participant's lesson pages and dashboard answered again from their own page cache: only to
the same browser, never after a change the page could show, whoever made it.
"""

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client

from tests.factories import ParticipantFactory
from tests.training.assessment_factories import make_full_quiz
from tests.training.factories import BatchFactory, lessons_of, make_course
from training.models import LessonProgress
from training.services import complete_lesson, enrol_participant, start_attempt

pytestmark = pytest.mark.django_db

CACHED = "personal"


@pytest.fixture
def course():
    return make_course(modules=1, lessons=3, title="Maklumat Pelayanan")


@pytest.fixture
def enrolment(course, participant):
    return enrol_participant(batch=BatchFactory(course=course), participant=participant)


@pytest.fixture
def browser(participant):
    """A signed-in browser that has been given its CSRF cookie, as after any first page."""
    client = Client()
    client.force_login(participant)
    client.get("/en/pembelajaran-saya/")
    return client


def view(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response, response.content.decode()


def cached(client, path):
    """View ``path`` until it comes from the cache (a first opening records it, once)."""
    for _ in range(3):
        response, _html = view(client, path)
        if response.get("X-Page-Cache") == CACHED:
            return
    raise AssertionError(f"{path} never came from the cache")


def test_a_second_view_of_a_lesson_comes_from_the_cache_and_still_marks_it_opened(
    browser, enrolment, course, django_assert_max_num_queries
):
    lesson = lessons_of(course)[0]
    view(browser, "/en" + lesson.url)  # the first opening creates the progress record
    first, html = view(browser, "/en" + lesson.url)
    assert first.get("X-Page-Cache") is None
    progress = LessonProgress.objects.get(enrolment=enrolment, lesson=lesson)
    opened = progress.last_opened_at

    # The session and the one UPDATE that marks the lesson opened again.
    with django_assert_max_num_queries(2):
        again, again_html = view(browser, "/en" + lesson.url)

    assert again["X-Page-Cache"] == CACHED
    form_token = re.compile(r'name="csrfmiddlewaretoken" value="[A-Za-z0-9]+"')
    assert form_token.sub("", again_html) == form_token.sub("", html)
    assert again["Content-Type"] == first["Content-Type"]
    progress.refresh_from_db()
    assert progress.last_opened_at > opened


def test_a_second_view_of_the_dashboard_costs_only_the_session(
    browser, enrolment, django_assert_max_num_queries
):
    view(browser, "/en/pembelajaran-saya/")
    with django_assert_max_num_queries(1):
        again, html = view(browser, "/en/pembelajaran-saya/")
    assert again["X-Page-Cache"] == CACHED
    assert "Maklumat Pelayanan" in html


def test_marking_a_lesson_done_shows_at_once_on_the_lesson_and_the_dashboard(
    browser, enrolment, course
):
    first, second, _third = lessons_of(course)
    cached(browser, "/en" + second.url)
    cached(browser, "/en/pembelajaran-saya/")

    response = browser.post(f"/en/pelajaran/{first.pk}/selesai/", {"next": first.url})
    assert response.status_code == 302

    lesson, html = view(browser, "/en" + second.url)
    assert lesson.get("X-Page-Cache") is None
    assert "1 of 3" in html or "33%" in html
    dashboard, html = view(browser, "/en/pembelajaran-saya/")
    assert dashboard.get("X-Page-Cache") is None
    assert "33" in html


def test_a_change_made_by_someone_else_shows_at_once(browser, enrolment, course):
    """A trainer's grade, a Celery task, an administrator: a change saved anywhere."""
    lesson = lessons_of(course)[1]
    cached(browser, "/en" + lesson.url)

    complete_lesson(enrolment=enrolment, lesson=lessons_of(course)[0])  # not a request
    response, _html = view(browser, "/en" + lesson.url)
    assert response.get("X-Page-Cache") is None

    cached(browser, "/en" + lesson.url)
    start_attempt(enrolment=enrolment, quiz=make_full_quiz(course))  # an attempt saved
    response, _html = view(browser, "/en" + lesson.url)
    assert response.get("X-Page-Cache") is None


def test_publishing_the_lesson_shows_the_new_text(browser, enrolment, course):
    lesson = lessons_of(course)[0]
    cached(browser, "/en" + lesson.url)

    lesson.title = "Standar Pelayanan, direvisi"
    lesson.save_revision().publish()

    response, html = view(browser, "/en" + lesson.url)
    assert response.get("X-Page-Cache") is None
    assert "Standar Pelayanan, direvisi" in html


def test_the_participant_s_new_name_and_group_show_at_once(browser, participant, enrolment):
    cached(browser, "/en/pembelajaran-saya/")
    participant.first_name = "Nurhayati"
    participant.save()
    response, html = view(browser, "/en/pembelajaran-saya/")
    assert response.get("X-Page-Cache") is None
    assert "Nurhayati" in html

    cached(browser, "/en/pembelajaran-saya/")
    participant.groups.add(Group.objects.get(name="Administrators"))
    response, _html = view(browser, "/en/pembelajaran-saya/")
    assert response.get("X-Page-Cache") is None


def test_a_page_is_never_served_to_another_browser_or_participant(enrolment, course, participant):
    lesson = lessons_of(course)[0]
    mine = Client()
    mine.force_login(participant)
    view(mine, "/en/pembelajaran-saya/")  # the CSRF cookie
    cached(mine, "/en" + lesson.url)

    # The same participant on a second computer, and another participant of the batch.
    other_computer = Client()
    other_computer.force_login(participant)
    colleague = Client()
    colleague_user = ParticipantFactory(first_name="Rahmawati")
    enrol_participant(batch=enrolment.batch, participant=colleague_user)
    colleague.force_login(colleague_user)
    for client in (other_computer, colleague):
        # Even with the first browser's CSRF cookie: the session is another one.
        client.cookies[settings.CSRF_COOKIE_NAME] = mine.cookies[settings.CSRF_COOKIE_NAME].value
        response, html = view(client, "/en" + lesson.url)
        assert response.get("X-Page-Cache") is None
    assert "Rahmawati" in html


def test_waiting_messages_and_anonymous_visitors_get_a_fresh_page(browser, enrolment, course):
    lesson = lessons_of(course)[0]
    cached(browser, "/en" + lesson.url)

    # Marking a lesson done that is already done leaves a message for the next page.
    browser.post(f"/en/pelajaran/{lesson.pk}/selesai/", {"next": lesson.url})
    response, html = view(browser, "/en" + lesson.url)
    assert response.get("X-Page-Cache") is None
    assert 'class="messages' in html

    assert Client().get("/en" + lesson.url).get("X-Page-Cache") != CACHED


def test_off_when_the_setting_is_zero(browser, enrolment, settings):
    settings.PERSONAL_PAGE_CACHE_SECONDS = 0
    for _ in range(3):
        response, _html = view(browser, "/en/pembelajaran-saya/")
        assert response.get("X-Page-Cache") is None


def test_any_form_the_participant_sends_forgets_their_pages(browser, enrolment, course):
    """Belt and braces: a change of theirs that no signal sees (here: saved quiz answers)."""
    quiz = make_full_quiz(course)
    attempt = start_attempt(enrolment=enrolment, quiz=quiz)
    lesson = lessons_of(course)[0]
    cached(browser, "/en" + lesson.url)
    question = quiz.questions.get(kind="short")

    response = browser.post(
        f"/en/kuis/{quiz.pk}/percobaan/{attempt.pk}/simpan/",
        {"answers": {str(question.pk): "Ombudsman"}},
        content_type="application/json",
        headers={"X-CSRFToken": browser.cookies[settings.CSRF_COOKIE_NAME].value},
    )
    assert response.status_code == 200

    response, _html = view(browser, "/en" + lesson.url)
    assert response.get("X-Page-Cache") is None


def test_a_cached_page_has_a_fresh_form_token_that_the_csrf_check_accepts(
    participant, enrolment, course
):
    """Django masks the form token afresh for every response (against BREACH): so does the cache."""
    lesson = lessons_of(course)[0]
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(participant)
    view(strict, "/en/pembelajaran-saya/")  # the CSRF cookie
    cached(strict, "/en" + lesson.url)

    tokens = set()
    for _ in range(2):
        response, html = view(strict, "/en" + lesson.url)
        assert response["X-Page-Cache"] == CACHED
        tokens.update(re.findall(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"', html))
    assert len(tokens) == 2

    response = strict.post(
        f"/en/pelajaran/{lesson.pk}/selesai/",
        {"next": lesson.url, "csrfmiddlewaretoken": tokens.pop()},
    )
    assert response.status_code == 302
    assert LessonProgress.objects.get(enrolment=enrolment, lesson=lesson).completed_at
