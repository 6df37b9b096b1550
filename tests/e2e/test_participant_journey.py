"""
A participant's whole path in a real browser, in Indonesian on a phone and in English on a
desktop: sign in → catalogue → enrol → a lesson locked until the pre-test → pre-test (with nothing
answered, through the confirmation) → lessons (the progress bar moves), the
SCORM lesson among them when the demo has one → post-test → evaluation → download the
certificate → its verification page. Every page on the way passes axe-core on both
viewports; a screenshot of each step is kept.
"""

import hashlib
import pprint
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from wagtail.models import Locale

from certificates.models import Certificate
from tests.certificates.pdf_checks import qr_code_of, signature_status
from tests.e2e.conftest import DESKTOP, PARTICIPANT_PASSWORD, PHONE, screenshot
from tests.e2e.steps import (
    LANGUAGE_PREFIX,
    AccessibilityLog,
    answer_quiz,
    correct_responses,
    open_attempt_of,
    play_scorm_to_the_end,
    say,
    sign_in,
)
from training.demo_assessments import find_demo_course
from training.models import (
    AttemptStatus,
    EnrolmentStatus,
    EvaluationResponse,
    LessonPage,
    Quiz,
    QuizKind,
)


def progress_value(page) -> int:
    """The course progress as the lesson's progress bar tells assistive technology."""
    bar = page.locator("#lesson-actions [role=progressbar], #lesson-actions progress").first
    return int(bar.get_attribute("aria-valuenow") or bar.get_attribute("value"))


def take_quiz(page, participant, quiz, responses_for, language, shots, confirmed=None):
    """
    From the quiz's page: start, answer, submit; returns the graded attempt. With questions
    left open the site asks first: ``confirmed(step)`` is called on that confirmation before
    "Submit anyway".
    """
    page.locator(f"a[href$='/kuis/{quiz.pk}/']").first.click()
    # The quiz's translation in the page's language, as the demo has one (issue 19).
    here = quiz.get_translation_or_none(Locale.objects.get(language_code=language)) or quiz
    expect(page.get_by_role("heading", level=1)).to_have_text(here.title)
    page.get_by_role("button", name=say(language, "Start the quiz")).click()
    attempt = open_attempt_of(participant, quiz)
    responses = responses_for(attempt)
    answer_quiz(page, attempt, responses)
    shots(f"quiz-{quiz.kind}")
    page.get_by_role("button", name=say(language, "Submit answers")).click()
    if len(responses) < len(attempt.snapshot["questions"]):
        expect(page.locator("#quiz-confirm")).to_be_visible()
        attempt.refresh_from_db()
        assert attempt.status == AttemptStatus.IN_PROGRESS
        if confirmed:
            confirmed(f"quiz-{quiz.kind}-confirmation")
        page.get_by_role("button", name=say(language, "Submit anyway")).click()
    expect(page.locator(".messages")).to_contain_text(
        say(language, "Your answers have been submitted.")
    )
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.GRADED
    return attempt


@pytest.mark.parametrize(
    ("language", "viewport"), [("id", PHONE), ("en", DESKTOP)], ids=["id-phone", "en-desktop"]
)
def test_participant_goes_from_sign_in_to_a_verified_certificate(
    live_server, make_participant, new_page, language, viewport
):
    participant = make_participant()
    course = find_demo_course()
    course_here = course.get_translation(Locale.objects.get(language_code=language))
    pre_test = Quiz.objects.get(course=course, kind=QuizKind.PRE_TEST)
    post_test = Quiz.objects.get(course=course, kind=QuizKind.POST_TEST)
    prefix = LANGUAGE_PREFIX[language]
    page = new_page(viewport=viewport, locale={"id": "id-ID", "en": "en-NZ"}[language])
    accessibility = AccessibilityLog()

    def shots(step):
        screenshot(page, f"participant-{language}-{viewport['width']}-{step}")

    def visited(step, iframes=True):
        shots(step)
        accessibility.check(page, step, iframes=iframes)

    sign_in(page, live_server.url, participant.username, PARTICIPANT_PASSWORD, language)
    visited("profile")

    # Catalogue → course page → enrol.
    page.goto(f"{live_server.url}{prefix}/")
    if viewport == PHONE:  # the header's menu is folded behind its "Menu" button
        page.locator(".site-menu__toggle").click()
    catalogue_link = page.locator(f"a[href='{prefix}/{course_here.get_parent().slug}/']")
    catalogue_link.filter(visible=True).first.click()
    visited("catalogue")
    # The catalogue comes in pages (the shared test database may hold other tests' courses
    # too): the participant searches for the course.
    search = page.get_by_label(say(language, "Search courses"))
    search.fill(course_here.title)
    search.press("Enter")
    page.get_by_role("link", name=course_here.title).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(course_here.title)
    visited("course")
    page.get_by_role("button", name=say(language, "Enrol"), exact=True).first.click()
    expect(page.locator(".messages")).to_contain_text(
        say(language, "You are now enrolled. Happy learning!")
    )
    enrolment = participant.enrolments.get(batch__course=course)
    assert enrolment.status == EnrolmentStatus.ACTIVE
    visited("enrolled")

    # The course asks for the pre-test first: the lessons are locked, and say why.
    pre_test_here = (
        pre_test.get_translation_or_none(Locale.objects.get(language_code=language)) or pre_test
    )
    expect(page.locator(".next-step")).to_contain_text(pre_test_here.title)
    first_lesson = course_here.get_descendants().type(LessonPage).live().order_by("path").first()
    page.goto(live_server.url + first_lesson.url)
    expect(page.locator("#lesson-locked")).to_be_visible()
    expect(page.locator(".lesson__body")).to_have_count(0)
    visited("locked-lesson")
    expect(page.locator("#lesson-locked a.button")).to_have_attribute(
        "href", f"{prefix}/kuis/{pre_test.pk}/"
    )
    page.goto(live_server.url + course_here.url)

    # Pre-test: answered from general knowledge, so nothing correct is assumed; submitting
    # with every question open asks first.
    take_quiz(page, participant, pre_test, lambda attempt: {}, language, shots, visited)
    visited("pre-test-result")

    # Lessons, in order; the progress bar moves with each one marked done.
    page.goto(live_server.url + course_here.url)
    visited("in-progress")
    page.locator(".next-step a.button").click()
    visited("first-lesson")
    lessons_done = 0
    last_value = progress_value(page)
    assert last_value == 0
    while True:
        if page.locator("[data-scorm-player]").count():
            # The SCORM lesson is done when the activity reports completion, not by a button.
            visited("scorm-lesson", iframes=False)
            assert play_scorm_to_the_end(page) > 1
        else:
            page.get_by_role("button", name=say(language, "Mark as done")).click()
        lessons_done += 1
        expect(page.locator("#lesson-actions .lesson-actions__done")).to_be_visible()
        value = progress_value(page)
        assert value > last_value, f"the progress bar did not move after lesson {lessons_done}"
        last_value = value
        next_lesson = page.locator("#lesson-actions a[rel=next]")
        if not next_lesson.count():
            break
        # Wait for the next lesson itself: on a loaded machine the check at the top of the
        # loop could otherwise still read the page being left.
        href = next_lesson.get_attribute("href")
        next_lesson.click()
        page.wait_for_url(f"**{href}")
        page.wait_for_load_state()
    assert last_value == 100
    visited("last-lesson-done")

    # Post-test, answered correctly.
    page.goto(live_server.url + course_here.url)
    attempt = take_quiz(page, participant, post_test, correct_responses, language, shots)
    assert attempt.passed
    visited("post-test-result")

    # Evaluation: every scale item answered, every open question written.
    page.goto(live_server.url + course_here.url)
    # The next step after the post-test is the evaluation.
    expect(page.locator(".next-step")).to_have_attribute("data-next-step", "evaluation")
    page.locator(".next-step a.button").click()
    visited("evaluation")
    for fieldset in page.locator("fieldset.likert").all():
        fieldset.locator("input[type=radio][value='4']").check()
    for textarea in page.locator(".evaluation-form textarea").all():
        textarea.fill("Contoh nyata dari unit layanan sangat membantu.")
    page.get_by_role("button", name=say(language, "Send the evaluation")).click()
    expect(page.locator(".messages")).to_contain_text(
        say(language, "Thank you: your evaluation has been recorded.")
    )
    assert EvaluationResponse.objects.filter(enrolment=enrolment).exists()
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.COMPLETED

    # The certificate: downloaded as a PDF, then its public verification page.
    certificate = Certificate.objects.get(enrolment=enrolment)
    page.goto(live_server.url + course_here.url)
    expect(page.locator(".next-step")).to_have_attribute("data-next-step", "certificate")
    visited("completed")
    page.goto(f"{live_server.url}{prefix}/sertifikat-saya/")
    visited("certificates")
    with page.expect_download() as download_info:
        page.get_by_role("link", name=say(language, "Download PDF")).click()
    pdf = download_info.value.path().read_bytes()
    certificate.refresh_from_db()
    # The file is the one on record, signed (the demo key), and its QR code leads to the
    # certificate's public page, which shows the same SHA-256.
    assert hashlib.sha256(pdf).hexdigest() == certificate.pdf_sha256
    _signature, status = signature_status(pdf)
    assert status.intact and status.valid
    assert qr_code_of(pdf) == certificate.verification_url
    page.get_by_role("link", name=say(language, "Verification page")).click()
    expect(page).to_have_url(re.compile(re.escape(urlsplit(certificate.verification_url).path)))
    expect(page.locator(".verification__state")).to_have_text(say(language, "Valid"))
    expect(page.locator(".verification__hash")).to_have_text(certificate.pdf_sha256)
    expect(page.locator(".verification__facts")).to_contain_text(certificate.number)
    expect(page.locator(".verification__facts")).to_contain_text(
        re.compile(re.escape(participant.full_name), re.IGNORECASE)
    )
    visited("verification")

    assert accessibility.violations == {}, pprint.pformat(accessibility.violations, width=100)
