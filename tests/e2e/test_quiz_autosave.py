"""A real browser takes a quiz: answers are saved as the participant goes, the clock runs."""

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from tests.training.assessment_factories import EnrolmentFactory, make_full_quiz
from training.models import Answer, AttemptStatus
from training.services import start_attempt

pytestmark = pytest.mark.e2e


def test_answers_are_saved_as_the_participant_goes_and_submit_grades(live_server, browser):
    enrolment = EnrolmentFactory()
    quiz = make_full_quiz(enrolment.batch.course, time_limit_minutes=20)
    attempt = start_attempt(enrolment=enrolment, quiz=quiz)
    client = Client()
    client.force_login(enrolment.participant)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    short = quiz.questions.get(kind="short")
    true_false = quiz.questions.get(kind="true_false")

    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
        )
        page = context.new_page()
        page.goto(f"{live_server.url}/en/kuis/{quiz.pk}/percobaan/{attempt.pk}/")

        expect(page.locator("[data-quiz-timer]")).to_have_text(re.compile(r"^(19|20):\d\d$"))
        page.check(f"#q-{true_false.pk}-true")
        expect(page.locator("[data-quiz-save-state]")).to_have_text("All answers saved.")
        page.fill(f"#q-{short.pk}-text", "ombudsman")
        page.wait_for_timeout(1200)  # the text is saved after a pause in typing
        expect(page.locator("[data-quiz-save-state]")).to_have_text("All answers saved.")
        expect(page.locator("[data-quiz-progress-text]")).to_have_text("2/4")

        assert Answer.objects.get(attempt=attempt, question_ref=true_false.pk).response is True
        assert Answer.objects.get(attempt=attempt, question_ref=short.pk).response == "ombudsman"

        page.click("button[name=submit]")
        expect(page.locator("h1")).to_have_text("Result of attempt 1")
    finally:
        context.close()

    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.GRADED
    assert attempt.score == 2
