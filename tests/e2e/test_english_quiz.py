"""
A participant takes the demo's pre-test under /en/ in a real browser (issue 19): the quiz,
its questions and choices and the result are in English, the attempt is graded on the
Indonesian quiz, and each page passes axe-core.
"""

import pytest
from playwright.sync_api import expect

from training.demo_assessments import find_demo_course
from training.models import Attempt, AttemptStatus, QuizKind
from training.services import enrol_participant

from .conftest import DESKTOP, PARTICIPANT_PASSWORD, screenshot
from .steps import AccessibilityLog, answer_quiz, correct_responses, say, sign_in

pytestmark = pytest.mark.e2e


def test_the_pre_test_under_en_is_in_english_and_graded_on_the_source_quiz(
    live_server, browser, make_participant
):
    participant = make_participant()
    course = find_demo_course()
    enrol_participant(batch=course.batches.get(), participant=participant, notify=False)
    quiz = course.quizzes.get(kind=QuizKind.PRE_TEST)
    english_quiz = quiz.get_translation(quiz.locale.__class__.objects.get(language_code="en"))
    accessibility = AccessibilityLog()

    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    try:
        sign_in(page, live_server.url, participant.username, PARTICIPANT_PASSWORD, "en")
        page.goto(f"{live_server.url}/en/kuis/{quiz.pk}/")
        expect(page.locator("h1")).to_have_text(english_quiz.title)
        expect(page.locator("main")).to_contain_text("Take it before studying the modules.")
        accessibility.check(page, "English quiz page")

        page.get_by_role("button", name=say("en", "Start the quiz")).click()
        question = page.get_by_text("Which law is the legal basis of public service delivery")
        expect(question).to_be_visible()
        expect(page.get_by_label("Law No. 25 of 2009")).to_be_visible()
        expect(page.locator("main")).not_to_contain_text("Undang-undang apa yang menjadi dasar")
        accessibility.check(page, "English attempt form")
        screenshot(page, "english-quiz-attempt")

        attempt = Attempt.objects.get(enrolment__participant=participant)
        answer_quiz(page, attempt, correct_responses(attempt))
        page.click("button[name=submit]")
        expect(page.locator("h1")).to_have_text(say("en", "Result of attempt 1"))
        expect(page.locator("main")).to_contain_text("Which law is the legal basis")
        accessibility.check(page, "English attempt result")
    finally:
        context.close()

    attempt.refresh_from_db()
    assert attempt.quiz_id == quiz.pk != english_quiz.pk
    assert attempt.status == AttemptStatus.GRADED
    assert accessibility.violations == {}
