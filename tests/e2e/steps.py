"""
Steps the browser journeys share: signing in, the code an authenticator app shows, answering
a quiz from its answer key, checking a page with axe-core on both viewports, and the
translated text a page shows.
"""

import base64
import datetime
import itertools
import json
import time

from django.utils import timezone, translation
from django_otp.oath import TOTP
from wagtail.models import Locale

from cms.services import publish_page
from tests.e2e.conftest import DEMO_PASSWORD, DESKTOP, PHONE, serious_accessibility_violations
from training.models import (
    Attempt,
    BatchStatus,
    CourseIndexPage,
    CoursePage,
    DeliveryMode,
    EnrolmentPolicy,
    LessonPage,
    ModulePage,
)
from training.services import upsert_batch

_courses = itertools.count(1)

LANGUAGE_PREFIX = {"id": "", "en": "/en"}


def say(language: str, message: str) -> str:
    """The interface text ``message`` as the site shows it in ``language``."""
    with translation.override(language):
        return translation.gettext(message)


def sign_in(page, base_url, username, password, language="id"):
    """Sign in on the site's own sign-in page (not the admin's)."""
    page.goto(f"{base_url}{LANGUAGE_PREFIX[language]}/akun/masuk/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("form.form-card button[type=submit]").click()
    page.wait_for_url(f"{base_url}{LANGUAGE_PREFIX[language]}/akun/profil/")


def authenticator_code(secret: str, steps_ahead: int = 0) -> str:
    """What an authenticator app shows for ``secret`` (base32, as the page prints it)."""
    text = secret.replace(" ", "")
    key = base64.b32decode(text + "=" * (-len(text) % 8))
    totp = TOTP(key)
    totp.time = time.time() + steps_ahead * 30
    return f"{totp.token():06d}"


def sign_in_to_admin(page, base_url, username):
    """Sign a seeded demo user (password ``DEMO_PASSWORD``) in to the Wagtail admin."""
    from playwright.sync_api import expect

    page.goto(base_url + "/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("form button[type=submit]").first.click()
    expect(page).to_have_url(f"{base_url}/admin/")


class AccessibilityLog:
    """
    Runs axe-core on each page a journey visits, on the phone and the desktop viewport, and
    keeps the serious and critical violations per page and viewport for one assertion at
    the end (so a journey reports every failing page at once).
    """

    def __init__(self):
        self.violations = {}
        self.checked = []

    def check(self, page, name, iframes=True):
        original = page.viewport_size
        for label, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
            page.set_viewport_size(viewport)
            found = serious_accessibility_violations(page, iframes=iframes)
            if found:
                self.violations[f"{name} ({label})"] = found
        page.set_viewport_size(original)
        self.checked.append(name)


def correct_responses(attempt: Attempt) -> dict:
    """
    What a participant who knows the material answers, per question id, from the attempt's
    own snapshot (which records the correct answers for grading; the page never shows them).
    """
    responses = {}
    for question in attempt.snapshot["questions"]:
        kind = question["kind"]
        if kind in ("single", "multiple"):
            responses[question["id"]] = [c["id"] for c in question["choices"] if c["correct"]]
        elif kind == "true_false":
            responses[question["id"]] = "true" if question["correct_statement"] else "false"
        else:
            responses[question["id"]] = (question["accepted_answers"] or ["-"])[0]
    return responses


def answer_quiz(page, attempt: Attempt, responses: dict):
    """Fill the attempt's form in the browser with ``responses`` (from ``correct_responses``)."""
    for question_id, response in responses.items():
        if isinstance(response, list):
            for choice_id in response:
                page.check(f"#q-{question_id}-{choice_id}")
        elif response in ("true", "false"):
            page.check(f"#q-{question_id}-{response}")
        else:
            page.fill(f"#q-{question_id}-text", response)


def take_pre_test(enrolment) -> Attempt:
    """
    The pre-test of the enrolment's course, submitted through the services with every answer
    right: the demo courses open their lessons and quizzes only after it.
    """
    from training.models import Quiz, QuizKind
    from training.services import start_attempt, submit_attempt

    quiz = Quiz.objects.get(course=enrolment.batch.course, kind=QuizKind.PRE_TEST)
    attempt = start_attempt(enrolment=enrolment, quiz=quiz)
    return submit_attempt(attempt=attempt, responses=correct_responses(attempt))


def open_attempt_of(participant, quiz) -> Attempt:
    """The participant's attempt on the quiz that the browser has just started."""
    return Attempt.objects.filter(enrolment__participant=participant, quiz=quiz).latest("number")


def paragraph(text: str) -> dict:
    """A paragraph block of a lesson body, in StreamField's raw form."""
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


def make_course(*blocks, code="E2E") -> tuple[CoursePage, LessonPage]:
    """
    A small course of the test's own in the demo catalogue (one module, one lesson with
    ``blocks`` as its body) with an open batch, so that a test never changes the demo
    courses that other tests walk through. Returns the course and its lesson.
    """
    number = next(_courses)
    catalogue = CourseIndexPage.objects.get(locale=Locale.get_default())
    course = publish_page(
        parent=catalogue,
        page_class=CoursePage,
        slug=f"uji-{code.lower()}-{number}-{timezone.now():%H%M%S%f}",
        title=f"Uji {code} {number}",
        code=f"{code}-{number}",
        summary="Kursus uji peramban.",
        jp=2,
    )
    module = publish_page(parent=course, page_class=ModulePage, slug="modul", title="Modul")
    lesson = publish_page(
        parent=module,
        page_class=LessonPage,
        slug="pelajaran",
        title="Pelajaran",
        body=json.dumps(list(blocks) or [paragraph("Isi pelajaran.")]),
    )
    today = timezone.localdate()
    upsert_batch(
        course=course,
        name="Angkatan Uji",
        starts_on=today,
        ends_on=today + datetime.timedelta(days=30),
        enrolment_opens=None,
        enrolment_closes=None,
        capacity=40,
        mode=DeliveryMode.ONLINE,
        location="",
        enrolment_policy=EnrolmentPolicy.OPEN,
        status=BatchStatus.OPEN,
    )
    return course, lesson


def page_scorm_to_the_end(page) -> int:
    """The SCORM activity in the lesson's player paged to its end; returns the pages seen."""
    from playwright.sync_api import expect

    next_button = page.frame_locator("[data-scorm-frame]").locator("#butNext")
    expect(next_button).to_be_enabled()
    pages = 1
    while next_button.is_enabled():
        next_button.click()
        pages += 1
    return pages


def play_scorm_to_the_end(page) -> int:
    """Page through the SCORM activity and exit it (the SCO's final commit)."""
    pages = page_scorm_to_the_end(page)
    page.frame_locator("[data-scorm-frame]").locator("#butExit").click()
    return pages
