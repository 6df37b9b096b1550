"""
The participant's pages on a phone, 360 x 740, signed in (issue 19): the header leaves the
screen to the page, "Enrol" is on the first screen of a course, every target is at least
24 px (WCAG 2.2, 2.5.8; 44 px for the primary actions), nothing scrolls sideways, a
certificate number stays on one line, and every state badge is legible (axe's colour
contrast on each).
"""

from pathlib import Path

from playwright.sync_api import expect
from wagtail.models import Locale

from certificates.models import Certificate
from tests.e2e.conftest import (
    DEMO_PASSWORD,
    PARTICIPANT_PASSWORD,
    PHONE,
    screenshot,
    serious_accessibility_violations,
)
from tests.e2e.steps import answer_quiz, correct_responses, open_attempt_of, say, sign_in
from training.demo_assessments import find_demo_course
from training.models import EnrolmentStatus, LessonPage, Quiz, QuizKind
from training.selectors import lessons_of_course, open_batches
from training.services import complete_lesson, enrol_participant, start_attempt, submit_attempt

HEADER_MAX = 120
TARGET_MIN = 24
PRIMARY_MIN = 44
BADGE_CLASSES = [
    "badge",
    "badge--active",
    "badge--pending",
    "badge--completed",
    "badge--withdrawn",
    "badge--rejected",
    "badge--pass",
    "badge--fail",
]

# The measuring function, without its heading comment (Playwright calls what it is given).
TARGETS = "\n".join(
    line
    for line in Path(__file__).with_name("targets.js").read_text().splitlines()
    if not line.startswith("//")
)


def open_menu(page):
    """Fold out the header's menu (a <details>), as a participant on a phone does."""
    page.locator(".site-menu__toggle").click()
    expect(page.locator(".account-nav")).to_be_visible()


def measure(page):
    """Sizes of the page's targets and its sideways overflow, with the menu folded out."""
    open_menu(page)
    return page.evaluate(TARGETS)


def check_page(page, url):
    """Header, targets, primary actions and sideways scrolling of one page at 360 px."""
    page.goto(url)
    header = page.locator(".site-header").bounding_box()["height"]
    result = measure(page)
    return {
        "header": header,
        "small": result["small"],
        "primary": result["primary"],
        "overflow": result["overflow"],
    }


def test_participant_pages_fit_a_phone(live_server, demo_site, new_page):
    course = find_demo_course()
    lesson = lessons_of_course(course)[0]
    pre_test = Quiz.objects.get(course=course, kind=QuizKind.PRE_TEST)
    attempt = (
        pre_test.attempts.filter(enrolment__participant__username="peserta")
        .exclude(percentage=None)
        .first()
    )
    paths = [
        "/pembelajaran-saya/",
        course.get_parent().url,
        course.url,
        lesson.url,
        f"/kuis/{pre_test.pk}/",
        "/sertifikat-saya/",
        "/akun/profil/",
        "/en/pembelajaran-saya/",
        course.get_translation(Locale.objects.get(language_code="en")).url,
    ]
    if attempt is not None:
        paths.append(f"/kuis/{pre_test.pk}/percobaan/{attempt.pk}/hasil/")
    page = new_page(viewport=PHONE)
    sign_in(page, live_server.url, "peserta", DEMO_PASSWORD)

    problems = {}
    for path in paths:
        found = check_page(page, live_server.url + path)
        if (
            found["header"] > HEADER_MAX
            or found["small"]
            or found["primary"]
            or found["overflow"] > 0
        ):
            problems[path] = found
    assert problems == {}

    # The certificate number on one line: one box, one line tall.
    page.goto(live_server.url + "/sertifikat-saya/")
    number = page.locator(".certificate-card .token").first
    certificate = Certificate.objects.filter(enrolment__participant__username="peserta").first()
    expect(number).to_have_text(certificate.number)
    boxes = number.evaluate(
        "(el) => ({lines: el.getClientRects().length, height: el.getBoundingClientRect().height,"
        " lineHeight: parseFloat(getComputedStyle(el.parentElement).lineHeight)})"
    )
    assert boxes["lines"] == 1 and boxes["height"] <= boxes["lineHeight"] * 1.1, boxes
    screenshot(page, "phone-certificates")


def test_quiz_pages_fit_a_phone(live_server, make_participant, new_page):
    participant = make_participant()
    course = find_demo_course()
    enrolment = enrol_participant(batch=open_batches(course)[0], participant=participant)
    # The course's order (training.course_flow): the pre-test first, the module quiz after
    # its module's lessons.
    pre_test = Quiz.objects.get(course=course, kind=QuizKind.PRE_TEST)
    module_quiz = Quiz.objects.get(course=course, kind=QuizKind.MODULE)
    graded = start_attempt(enrolment=enrolment, quiz=pre_test)
    submit_attempt(attempt=graded, responses=correct_responses(graded))
    for lesson in LessonPage.objects.live().descendant_of(module_quiz.module):
        complete_lesson(enrolment=enrolment, lesson=lesson)
    open_attempt = start_attempt(enrolment=enrolment, quiz=module_quiz)
    page = new_page(viewport=PHONE)
    sign_in(page, live_server.url, participant.username, PARTICIPANT_PASSWORD)

    problems = {}
    for path in (
        f"/kuis/{pre_test.pk}/",
        f"/kuis/{pre_test.pk}/percobaan/{graded.pk}/hasil/",
        f"/kuis/{module_quiz.pk}/percobaan/{open_attempt.pk}/",
    ):
        found = check_page(page, live_server.url + path)
        if found["header"] > HEADER_MAX or found["small"] or found["primary"] or found["overflow"]:
            problems[path] = found
    assert problems == {}
    submit = page.get_by_role("button", name=say("id", "Submit answers"))
    assert submit.bounding_box()["height"] >= PRIMARY_MIN


def test_the_signed_in_header_is_compact_and_its_menu_works_without_javascript(
    live_server, make_participant, new_page
):
    participant = make_participant()
    page = new_page(viewport=PHONE, javascript=False)
    sign_in(page, live_server.url, participant.username, PARTICIPANT_PASSWORD)
    page.goto(live_server.url + "/pembelajaran-saya/")

    assert page.locator(".site-header").bounding_box()["height"] <= HEADER_MAX
    expect(page.locator(".account-nav")).to_be_hidden()
    open_menu(page)
    screenshot(page, "phone-menu-open")
    page.get_by_role("navigation", name=say("id", "Account")).get_by_role(
        "link", name=participant.get_short_name()
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(say("id", "My profile"))


def test_the_open_menu_passes_axe_on_a_phone(live_server, make_participant, new_page):
    participant = make_participant()
    page = new_page(viewport=PHONE)
    sign_in(page, live_server.url, participant.username, PARTICIPANT_PASSWORD)
    page.goto(live_server.url + "/pembelajaran-saya/")
    open_menu(page)

    assert serious_accessibility_violations(page) == []


def test_enrol_is_on_the_first_screen_of_a_course_and_the_message_says_it_is_new(
    live_server, make_participant, new_page
):
    participant = make_participant()
    course = find_demo_course()
    page = new_page(viewport=PHONE)
    sign_in(page, live_server.url, participant.username, PARTICIPANT_PASSWORD)
    page.goto(live_server.url + course.url)

    enrol = page.get_by_role("button", name=say("id", "Enrol"), exact=True).first
    box = enrol.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"], box
    assert box["height"] >= PRIMARY_MIN
    screenshot(page, "phone-course-first-screen")

    enrol.click()
    expect(page.locator(".messages")).to_contain_text(
        say("id", "You are now enrolled. Happy learning!")
    )
    assert serious_accessibility_violations(page) == []
    next_step = page.locator(".next-step .button").first
    box = next_step.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"], box


def test_a_pre_test_result_shows_the_score_without_a_pass_mark(
    live_server, make_participant, new_page
):
    participant = make_participant()
    course = find_demo_course()
    pre_test = Quiz.objects.get(course=course, kind=QuizKind.PRE_TEST)
    page = new_page(viewport=PHONE)
    sign_in(page, live_server.url, participant.username, PARTICIPANT_PASSWORD)
    page.goto(live_server.url + course.url)
    page.get_by_role("button", name=say("id", "Enrol"), exact=True).first.click()

    page.goto(f"{live_server.url}/kuis/{pre_test.pk}/")
    page.get_by_role("button", name=say("id", "Start the quiz")).click()
    attempt = open_attempt_of(participant, pre_test)
    answer_quiz(page, attempt, correct_responses(attempt))
    page.get_by_role("button", name=say("id", "Submit answers")).click()

    summary = page.locator(".result-summary")
    expect(summary).to_contain_text(say("id", "your starting score; a pre-test has no pass mark."))
    expect(summary).not_to_contain_text(say("id", "Passed"))
    assert serious_accessibility_violations(page) == []
    screenshot(page, "phone-pre-test-result")


AXE_CONTRAST = """(selector) => axe.run({include: [selector]},
    {runOnly: {type: "rule", values: ["color-contrast"]}, resultTypes: ["violations"]})"""


def contrast_violations(page, selector):
    """axe-core's colour-contrast rule on the elements of ``selector`` only."""
    serious_accessibility_violations(page)  # loads axe-core into the page
    result = page.evaluate(AXE_CONTRAST, selector)
    return [node["target"] for violation in result["violations"] for node in violation["nodes"]]


def test_every_state_badge_has_enough_contrast(live_server, make_participant, new_page):
    # Each badge class of the stylesheet, as the templates write them.
    page = new_page(viewport=PHONE)
    page.goto(live_server.url + "/akun/masuk/")
    page.evaluate(
        """(classes) => {
            const main = document.querySelector("main");
            for (const name of classes) {
                const badge = document.createElement("span");
                badge.className = name === "badge" ? "badge" : "badge " + name;
                badge.textContent = "Selesai " + name;
                main.append(badge);
            }
        }""",
        BADGE_CLASSES,
    )
    assert contrast_violations(page, ".badge") == []

    # The enrolment badge as the course page shows it, in each state it can be in there.
    participant = make_participant()
    course = find_demo_course()
    sign_in(page, live_server.url, participant.username, PARTICIPANT_PASSWORD)
    page.goto(live_server.url + course.url)
    page.get_by_role("button", name=say("id", "Enrol"), exact=True).first.click()
    enrolment = participant.enrolments.get()
    for status in (EnrolmentStatus.ACTIVE, EnrolmentStatus.PENDING, EnrolmentStatus.COMPLETED):
        enrolment.status = status
        enrolment.save(update_fields=["status"])
        page.goto(live_server.url + course.url)
        expect(page.locator(f".enrolment-panel .badge--{status}")).to_be_visible()
        assert contrast_violations(page, ".badge") == [], status
        screenshot(page, f"phone-badge-{status}")
