"""axe-core on every participant-facing page of the site chrome, on a phone and a desktop."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.conftest import (
    PARTICIPANT_PASSWORD,
    PHONE,
    VIEWPORTS,
    serious_accessibility_violations,
)
from tests.e2e.steps import correct_responses, open_attempt_of, say, sign_in, take_pre_test
from training.demo_assessments import find_demo_course
from training.models import CoursePage, Quiz, QuizKind
from training.selectors import lessons_of_course
from training.services import complete_lesson, enrol_participant

PUBLIC_PAGES = [
    "/",
    "/en/",
    "/tentang/",
    "/en/about/",
    "/akun/masuk/",
    "/en/akun/masuk/",
    "/akun/sandi/lupa/",
    "/halaman-yang-tidak-ada/",
]


def violations_on(page, base_url, paths):
    """Serious and critical violations per path; an empty dict when every page passes."""
    found = {}
    for path in paths:
        page.goto(base_url + path)
        violations = serious_accessibility_violations(page)
        if violations:
            found[path] = violations
    return found


@VIEWPORTS
def test_public_pages_have_no_serious_accessibility_violations(
    live_server, demo_site, new_page, viewport
):
    page = new_page(viewport=viewport)

    assert violations_on(page, live_server.url, PUBLIC_PAGES) == {}


def test_signed_in_pages_have_no_serious_accessibility_violations(live_server, demo_site, new_page):
    page = new_page(viewport=PHONE)
    page.goto(live_server.url + "/akun/masuk/")
    page.get_by_label("Nama pengguna, email, atau NIP").fill("peserta")
    page.get_by_label("Kata sandi").fill("bimtek-demo")
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(live_server.url + "/akun/profil/")

    # The password change page is checked on both viewports, with its errors, in
    # test_accessibility_of_participant_pages.py.
    signed_in_pages = ["/akun/profil/", "/en/akun/profil/"]
    assert violations_on(page, live_server.url, signed_in_pages) == {}


def test_form_errors_are_tied_to_their_fields(live_server, demo_site, new_page):
    page = new_page()
    page.goto(live_server.url + "/akun/masuk/")
    page.get_by_label("Nama pengguna, email, atau NIP").fill("peserta")
    page.get_by_role("button", name="Masuk").click()

    password = page.get_by_label("Kata sandi")
    described_by = password.get_attribute("aria-describedby") or ""
    assert password.get_attribute("aria-invalid") == "true"
    assert "id_password_error" in described_by
    assert page.locator("#id_password_error").inner_text().strip()


def _focused(page):
    """What has keyboard focus, and whether a focus indicator is drawn around it."""
    return page.evaluate(
        """() => {
            const element = document.activeElement;
            const style = getComputedStyle(element);
            const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
            return {id: element.id, tag: element.tagName.toLowerCase(), type: element.type,
                    name: element.name || "", text: (element.innerText || "").trim(),
                    indicated: outline || style.boxShadow !== "none"};
        }"""
    )


def test_participant_completes_a_quiz_with_the_keyboard_alone_and_sees_where_focus_is(
    live_server, make_participant, new_page
):
    participant = make_participant()
    course = find_demo_course()
    enrol_participant(batch=course.batches.get(), participant=participant, notify=False)
    quiz = Quiz.objects.get(course=course, kind=QuizKind.PRE_TEST)
    page = new_page(viewport=PHONE)
    sign_in(page, live_server.url, participant.username, PARTICIPANT_PASSWORD)
    page.goto(f"{live_server.url}/kuis/{quiz.pk}/")

    unindicated = []

    def tab_to(matches, limit=150):
        for _ in range(limit):
            page.keyboard.press("Tab")
            focused = _focused(page)
            if not focused["indicated"]:
                unindicated.append(focused)
            if matches(focused):
                return focused
        raise AssertionError("the keyboard never reached the element")

    def choose_radio(target):
        # Tab enters a radio group on its first option without choosing it; the arrow keys
        # move through the group and choose as they go.
        if _focused(page)["id"] == target:
            page.keyboard.press("Space")
        while _focused(page)["id"] != target:
            page.keyboard.press("ArrowDown")

    start = say("id", "Start the quiz")
    tab_to(lambda focused: focused["tag"] == "button" and focused["text"] == start)
    page.keyboard.press("Enter")
    expect(page.locator("form[data-quiz-form]")).to_be_visible()

    attempt = open_attempt_of(participant, quiz)
    responses = correct_responses(attempt)
    pending = dict(responses)
    focused = tab_to(lambda focused: focused["name"].startswith("q-"))
    while focused["name"] != "submit":
        question = int(focused["name"].removeprefix("q-")) if focused["name"] else None
        wanted = pending.pop(question, None)
        if isinstance(wanted, list) and focused["type"] == "radio":
            choose_radio(f"q-{question}-{wanted[0]}")
        elif isinstance(wanted, list):
            pending[question] = wanted  # checkboxes: one stop each
            if focused["id"].split("-")[-1] in {str(choice) for choice in wanted}:
                page.keyboard.press("Space")
        elif wanted in ("true", "false"):
            choose_radio(f"q-{question}-{wanted}")
        elif wanted is not None:
            page.keyboard.type(wanted)
        focused = tab_to(
            lambda focused: focused["name"].startswith("q-") or focused["name"] == "submit"
        )
    page.keyboard.press("Enter")

    expect(page.locator(".messages")).to_contain_text(
        say("id", "Your answers have been submitted.")
    )
    attempt.refresh_from_db()
    assert attempt.percentage == 100
    assert unindicated == []


def test_evaluation_errors_are_announced_and_tied_to_their_fields(
    live_server, make_participant, new_page
):
    participant = make_participant()
    course = find_demo_course()
    enrol_participant(batch=course.batches.get(), participant=participant, notify=False)
    page = new_page(viewport=PHONE)
    sign_in(page, live_server.url, participant.username, PARTICIPANT_PASSWORD)
    # The errors of the form, not the course's order: the evaluation open at once, for this
    # test only (the course's order is tested in tests/training/test_course_flow.py).
    settings = {"pre_test_first": False, "assessments_in_order": False}
    saved = CoursePage.objects.filter(pk=course.pk).values(*settings).get()
    CoursePage.objects.filter(pk=course.pk).update(**settings)
    try:
        page.goto(f"{live_server.url}/evaluasi/{course.pk}/")
        page.get_by_role("button", name=say("id", "Send the evaluation")).click()
    finally:
        CoursePage.objects.filter(pk=course.pk).update(**saved)

    expect(page.get_by_role("alert")).to_be_visible()
    invalid = page.locator("[aria-describedby$='-error']")
    assert invalid.count() >= 1
    for field in invalid.all():
        error = page.locator(f"#{field.get_attribute('aria-describedby')}")
        expect(error).not_to_be_empty()
    assert serious_accessibility_violations(page) == []


def test_progress_bars_tell_assistive_technology_their_value(
    live_server, make_participant, new_page
):
    participant = make_participant()
    course = find_demo_course()
    enrolment = enrol_participant(batch=course.batches.get(), participant=participant, notify=False)
    lessons = lessons_of_course(course)
    take_pre_test(enrolment)
    complete_lesson(enrolment=enrolment, lesson=lessons[0])
    expected = round(100 / len(lessons))
    page = new_page(viewport=PHONE)
    sign_in(page, live_server.url, participant.username, PARTICIPANT_PASSWORD)

    course_bars = {
        course.url: page.get_by_role("progressbar"),
        lessons[1].url: page.locator("#lesson-actions").get_by_role("progressbar"),
        reverse("training:dashboard"): page.locator(".course-progress").get_by_role("progressbar"),
    }
    for path, bars in course_bars.items():
        page.goto(live_server.url + path)
        bar = bars.first
        expect(bar).to_have_accessible_name(re.compile(r"\S"))
        now = bar.get_attribute("aria-valuenow") or bar.get_attribute("value")
        assert abs(float(now) - expected) <= 1, path
