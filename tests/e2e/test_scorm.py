"""
A real browser plays SCORM packages in a lesson: the SCO runs in the player's iframe, talks
to the scorm-again runtime, reports completion, and the lesson is marked done.
"""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from tests.e2e.steps import page_scorm_to_the_end
from tests.training.scorm_factories import scorm_lesson
from training.models import LessonProgress, ScormProgress

pytestmark = pytest.mark.e2e


def _signed_in_page(browser, live_server, user):
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context, context.new_page()


def _play_to_the_end_and_exit(page):
    sco = page.frame_locator("[data-scorm-frame]")
    pages = page_scorm_to_the_end(page)
    # The last page: the SCO has set its completion and its bookmark.
    assert pages == page.frame_locator("[data-scorm-frame]").locator("body").evaluate(
        "() => pageArray.length"
    )
    sco.locator("#butExit").click()  # LMSFinish / Terminate: the final commit
    return pages


@pytest.mark.parametrize(
    ("file_name", "done_status"),
    [
        ("singlescobasic.zip", "completed"),
        ("RuntimeBasicCalls_SCORM20043rdEdition.zip", "completed"),
    ],
)
def test_a_package_played_to_the_end_marks_the_lesson_done(
    live_server, browser, file_name, done_status
):
    lesson, enrolment = scorm_lesson(file_name)
    context, page = _signed_in_page(browser, live_server, enrolment.participant)
    try:
        page.goto(f"{live_server.url}{lesson.url}")
        expect(page.locator("[data-scorm-player]")).to_have_attribute("data-record", "true")
        expect(page.locator("#lesson-actions progress")).to_have_attribute("value", "0")
        pages = _play_to_the_end_and_exit(page)
        # The server's answer to the final commit reloads the progress panel.
        expect(page.locator("#lesson-actions .lesson-actions__done")).to_be_visible()
        expect(page.locator("#lesson-actions progress")).to_have_attribute("value", "50")
    finally:
        context.close()

    record = ScormProgress.objects.get(enrolment=enrolment)
    assert record.status == done_status
    assert record.location == str(pages - 1)
    assert record.time_seconds >= 0 and record.sessions
    assert LessonProgress.objects.get(enrolment=enrolment, lesson=lesson).completed_at


def test_a_return_visit_resumes_at_the_bookmark(live_server, browser):
    lesson, enrolment = scorm_lesson("singlescobasic.zip")
    context, page = _signed_in_page(browser, live_server, enrolment.participant)
    # "Save your progress to resume later?" and, on return, "Resume where you left off?"
    page.on("dialog", lambda dialog: dialog.accept())
    try:
        page.goto(f"{live_server.url}{lesson.url}")
        sco = page.frame_locator("[data-scorm-frame]")
        for _step in range(3):
            sco.locator("#butNext").click()
        with page.expect_response(
            lambda response: "/scorm/data/" in response.url and response.request.method == "POST"
        ) as final_commit:
            sco.locator("#butExit").click()
        assert final_commit.value.json()["status"] == "incomplete"

        page.goto(f"{live_server.url}{lesson.url}")
        expect(sco.locator("#butPrevious")).to_be_enabled()  # not on the first page
        assert page.evaluate("window.API.cmi.core.entry") == "resume"
        assert page.evaluate("window.API.cmi.core.lesson_location") == "3"
    finally:
        context.close()

    record = ScormProgress.objects.get(enrolment=enrolment)
    assert (record.exit, record.location) == ("suspend", "3")
    assert not LessonProgress.objects.filter(enrolment=enrolment, completed_at__isnull=False)
