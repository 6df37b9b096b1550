"""
With JavaScript switched off in the browser, a participant still finds a lesson locked until
the pre-test, submits the pre-test through its confirmation, reads a lesson, marks it done
and fills in the evaluation: every step is a plain form post.
"""

from playwright.sync_api import expect

from tests.e2e.conftest import PARTICIPANT_PASSWORD, PHONE, screenshot
from tests.e2e.steps import answer_quiz, correct_responses, open_attempt_of, say, sign_in
from training.demo_assessments import find_demo_course
from training.models import (
    AttemptStatus,
    EvaluationResponse,
    LessonProgress,
    Quiz,
    QuizKind,
)
from training.selectors import lessons_of_course
from training.services import complete_lesson, start_attempt, submit_attempt


def test_participant_reads_marks_done_answers_and_evaluates_without_javascript(
    live_server, make_participant, new_page
):
    participant = make_participant()
    course = find_demo_course()
    first_lesson = lessons_of_course(course)[0]
    pre_test = Quiz.objects.get(course=course, kind=QuizKind.PRE_TEST)
    page = new_page(viewport=PHONE, javascript=False)
    sign_in(page, live_server.url, participant.username, PARTICIPANT_PASSWORD)

    page.goto(live_server.url + course.url)
    page.get_by_role("button", name=say("id", "Enrol"), exact=True).first.click()
    enrolment = participant.enrolments.get(batch__course=course)

    # The demo course asks for the pre-test first; its lessons say so and hold back the text.
    page.goto(live_server.url + first_lesson.url)
    expect(page.locator("#lesson-locked")).to_be_visible()
    expect(page.locator(".lesson__body")).to_have_count(0)

    # Submitting with questions open asks first, as a page of its own; the answers stay.
    page.goto(f"{live_server.url}/kuis/{pre_test.pk}/")
    page.get_by_role("button", name=say("id", "Start the quiz")).click()
    attempt = open_attempt_of(participant, pre_test)
    responses = correct_responses(attempt)
    first_question, *_others = responses
    answer_quiz(page, attempt, {first_question: responses[first_question]})
    page.get_by_role("button", name=say("id", "Submit answers")).click()
    expect(page.locator("#quiz-confirm")).to_be_visible()
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.IN_PROGRESS
    assert attempt.answers.filter(question_ref=first_question).exists()
    screenshot(page, "no-js-quiz-confirmation")
    answer_quiz(page, attempt, responses)
    page.get_by_role("button", name=say("id", "Submit anyway")).click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.GRADED
    assert attempt.percentage == 100
    screenshot(page, "no-js-quiz-result")

    page.goto(live_server.url + first_lesson.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(first_lesson.title)
    expect(page.locator(".lesson__body")).not_to_be_empty()
    page.get_by_role("button", name=say("id", "Mark as done")).click()
    expect(page.locator("#lesson-actions .lesson-actions__done")).to_be_visible()
    assert LessonProgress.objects.filter(enrolment=enrolment, lesson=first_lesson).exists()
    screenshot(page, "no-js-lesson-done")

    # The rest of the course, done through the services: the evaluation comes after the
    # post-test.
    for lesson in lessons_of_course(course):
        complete_lesson(enrolment=enrolment, lesson=lesson)
    post = start_attempt(enrolment=enrolment, quiz=Quiz.objects.get(course=course, kind="post"))
    submit_attempt(attempt=post, responses=correct_responses(post))

    page.goto(f"{live_server.url}/evaluasi/{course.pk}/")
    for fieldset in page.locator("fieldset.likert").all():
        fieldset.locator("input[type=radio][value='5']").check()
    for textarea in page.locator(".evaluation-form textarea").all():
        textarea.fill("Bisa dipelajari di kantor tanpa koneksi cepat.")
    page.get_by_role("button", name=say("id", "Send the evaluation")).click()
    expect(page.locator(".messages")).to_contain_text(
        say("id", "Thank you: your evaluation has been recorded.")
    )
    assert EvaluationResponse.objects.filter(enrolment=enrolment).exists()
    screenshot(page, "no-js-evaluation-done")
