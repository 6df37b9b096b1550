"""
The site's main pages in a real browser under the enforced Content-Security-Policy: no
violation is reported, and the quiz's own script still runs (it saves answers).
"""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from accounts.models import User
from training.models import CourseIndexPage, CoursePage, LessonPage, Quiz, QuizKind
from training.services import start_attempt
from training.views.quizzes import enrolment_for

pytestmark = [pytest.mark.e2e]

# Recorded in the page before any of its own code runs; init scripts are not subject to CSP.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def _signed_in_context(browser, live_server, username):
    client = Client()
    client.force_login(User.objects.get(username=username))
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
    return context


def _visit(context, url):
    """Load ``url``; return the CSP violations and CSP console errors it produced."""
    page = context.new_page()
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    violations = page.evaluate("window.__cspViolations")
    return page, response, violations + console


def test_main_pages_load_without_a_policy_violation(live_server, demo_site, browser):
    lesson = LessonPage.objects.live().filter(locale__language_code="id").first()
    course = CoursePage.objects.live().filter(locale__language_code="id").first()
    catalogue = CourseIndexPage.objects.live().filter(locale__language_code="id").first()
    paths = {
        "/": None,
        "/en/": None,
        "/akun/masuk/": None,
        catalogue.url: None,
        course.url: None,
        lesson.url: None,
        "/pembelajaran-saya/": "peserta",
        "/sertifikat-saya/": "peserta",
        "/akun/profil/": "peserta",
        lesson.url + "?signed-in": "peserta",
    }
    problems = {}
    anonymous = None
    participant = None
    try:
        anonymous = browser.new_context(viewport={"width": 1280, "height": 900})
        anonymous.add_init_script(RECORD_VIOLATIONS)
        participant = _signed_in_context(browser, live_server, "peserta")
        participant.add_init_script(RECORD_VIOLATIONS)
        for path, user in paths.items():
            context = participant if user else anonymous
            page, response, violations = _visit(context, live_server.url + path)
            assert response.status == 200, path
            assert "default-src 'self'" in response.headers["content-security-policy"]
            if violations:
                problems[path] = violations
            page.close()
    finally:
        for context in (anonymous, participant):
            if context:
                context.close()

    assert problems == {}


def test_the_quiz_script_runs_under_the_policy(live_server, demo_site, browser):
    participant = User.objects.get(username="peserta")
    # The pre-test: the demo courses open their other quizzes only after it.
    quiz = next(
        quiz
        for quiz in Quiz.objects.filter(kind=QuizKind.PRE_TEST)
        if enrolment_for(participant, quiz.course_id)
    )
    attempt = start_attempt(enrolment=enrolment_for(participant, quiz.course_id), quiz=quiz)
    context = _signed_in_context(browser, live_server, "peserta")
    context.add_init_script(RECORD_VIOLATIONS)
    try:
        page, response, violations = _visit(
            context, f"{live_server.url}/en/kuis/{quiz.pk}/percobaan/{attempt.pk}/"
        )
        page.locator("input[type=radio], input[type=checkbox]").first.check()
        expect(page.locator("[data-quiz-save-state]")).to_have_text("All answers saved.")
        violations += page.evaluate("window.__cspViolations")
    finally:
        context.close()

    assert response.status == 200
    assert violations == []
