"""
A real browser plays SCORM packages in a lesson: the SCO runs in the player's iframe, talks
to the scorm-again runtime, reports completion, and the lesson is marked done.
"""

import json
import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot, serious_accessibility_violations
from tests.e2e.steps import page_scorm_to_the_end
from tests.training.scorm_factories import handmade_lesson, scorm_lesson
from training.models import LessonProgress, ScormProgress
from training.services import commit_scorm_data

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
    expect(page.locator("[data-scorm-restart]")).to_be_visible()
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
        # Read before the return visit: that visit's own last commit, sent when the window
        # closes, may reach the server before the end of the test or after it.
        record = ScormProgress.objects.get(enrolment=enrolment)
        assert (record.exit, record.location) == ("suspend", "3")

        page.goto(f"{live_server.url}{lesson.url}")
        expect(sco.locator("#butPrevious")).to_be_enabled()  # not on the first page
        assert page.evaluate("window.API.cmi.core.entry") == "resume"
        assert page.evaluate("window.API.cmi.core.lesson_location") == "3"
    finally:
        context.close()

    assert not LessonProgress.objects.filter(enrolment=enrolment, completed_at__isnull=False)


_NOT_YET = ("completed", False, False)  # the SCO's status, the package's, the lesson's
_ALL_DONE = ("completed", True, True)


def _choose(page, button):
    """Choose an item in the menu; return the final commit of the SCO it replaces and the
    server's answer to it."""
    with page.expect_response(
        lambda response: "/scorm/data/" in response.url and response.request.method == "POST"
    ) as commit:
        button.click()
    return json.loads(commit.value.request.post_data), commit.value.json()


def test_an_item_chosen_from_the_menu_of_a_multi_sco_package_plays_and_counts(live_server, browser):
    """
    RuntimeMinimumCalls_SCORM12.zip has 18 SCOs under 4 headings; its SCOs only initialise
    on load and finish on unload and set no status, so each is completed (by the server, as
    SCORM 1.2 has the LMS do) when it finishes. The lesson is done once every SCO is
    completed or passed: here the last 16 already are (the quizzes passed, the rest
    completed) and the browser plays the first two, choosing them from the menu.
    """
    lesson, enrolment = scorm_lesson("RuntimeMinimumCalls_SCORM12.zip")
    scos = lesson.scorm_package.launchable_items
    first, second = scos[0]["identifier"], scos[1]["identifier"]
    for item in scos[2:]:
        commit_scorm_data(
            enrolment=enrolment,
            lesson=lesson,
            item_identifier=item["identifier"],
            cmi={
                "core": {"lesson_status": "passed" if "quiz" in item["identifier"] else "completed"}
            },
            session_key="earlier",
        )
    context, page = _signed_in_page(browser, live_server, enrolment.participant)
    try:
        page.goto(f"{live_server.url}{lesson.url}")
        menu = page.locator("[data-scorm-player] nav")
        buttons = menu.locator("button[data-scorm-item]")
        expect(buttons).to_have_count(18)
        expect(menu.locator(".scorm-menu__heading")).to_have_count(4)
        expect(buttons.nth(2)).to_have_attribute("data-status", "completed")
        expect(buttons.nth(5)).to_have_attribute("data-status", "passed")
        # The first item not yet done opens by itself, and its SCO initialises.
        expect(buttons.nth(0)).to_have_attribute("aria-current", "true")
        sco_body = page.frame_locator("[data-scorm-frame]").locator("body")
        expect(sco_body.locator("h1")).to_have_text("Play of the game")
        page.wait_for_function("() => window.API.isInitialized()")
        assert sco_body.evaluate("() => initialized") is True
        # The menu passes axe-core (the partner's package in the frame is not ours to fix).
        assert serious_accessibility_violations(page, iframes=False) == []

        # Choosing the second item finishes the first (its final commit) and plays the second.
        sent, answer = _choose(page, buttons.nth(1))
        # The SCO set no status: its final (LMSFinish) commit has the server complete it.
        assert (sent["item"], sent["finished"]) == (first, True)
        assert sent["cmi"]["core"]["lesson_status"] == "not attempted"
        assert (answer["status"], answer["packageDone"], answer["lessonDone"]) == _NOT_YET
        expect(buttons.nth(0)).to_have_attribute("data-status", "completed")
        expect(buttons.nth(1)).to_have_attribute("aria-current", "true")
        expect(buttons.nth(0)).to_have_attribute("aria-current", "false")
        expect(page.locator("[data-scorm-frame]")).to_have_attribute(
            "src", re.compile(r"/Playing/Par\.html$")
        )
        expect(sco_body.locator("h1")).to_have_text("Par")
        page.wait_for_function("() => window.API.isInitialized()")
        assert sco_body.evaluate("() => initialized") is True
        assert page.evaluate("window.API.cmi.core.lesson_status") == "not attempted"
        # The first SCO finished as it was left: no offer to reopen the one now playing.
        expect(page.locator("[data-scorm-restart]")).to_be_hidden()
        expect(page.locator("#lesson-actions progress")).to_have_attribute("value", "0")

        # Going back to the first item finishes the second: every SCO is now done.
        sent, answer = _choose(page, buttons.nth(0))
        assert (sent["item"], sent["finished"]) == (second, True)
        assert (answer["status"], answer["packageDone"], answer["lessonDone"]) == _ALL_DONE
        expect(buttons.nth(1)).to_have_attribute("data-status", "completed")
        expect(page.locator("#lesson-actions .lesson-actions__done")).to_be_visible()
        expect(page.locator("#lesson-actions progress")).to_have_attribute("value", "50")
        # The course outline beside the lesson follows.
        expect(page.locator("#course-outline progress")).to_have_attribute("value", "50")
        expect(page.locator("[data-scorm-restart]")).to_be_hidden()
        screenshot(page, "scorm-multi-sco-menu-done")
    finally:
        context.close()

    records = ScormProgress.objects.filter(enrolment=enrolment)
    assert records.count() == 18
    assert {record.status for record in records} == {"completed", "passed"}
    assert {r.item_identifier for r in records if r.status == "passed"} == {
        item["identifier"] for item in scos if "quiz" in item["identifier"]
    }
    assert LessonProgress.objects.get(enrolment=enrolment, lesson=lesson).completed_at


def _posted(page, predicate=lambda body: True):
    """Wait for the player's next POST to the data endpoint whose body matches."""
    return page.expect_response(
        lambda response: (
            "/scorm/data/" in response.url
            and response.request.method == "POST"
            and predicate(json.loads(response.request.post_data))
        )
    )


def test_commits_made_while_a_sco_is_left_succeed(live_server, browser):
    """
    The SCO commits in its beforeunload and pagehide handlers, as authoring tools do; choosing
    another item unloads it. Browsers refuse synchronous requests then, and such commits used
    to fail with error 101: they now go out as keep-alive requests and succeed.
    """
    lesson, enrolment = handmade_lesson("unload_commit_12")
    context, page = _signed_in_page(browser, live_server, enrolment.participant)
    try:
        page.goto(f"{live_server.url}{lesson.url}")
        buttons = page.locator("[data-scorm-player] button[data-scorm-item]")
        sco_body = page.frame_locator("[data-scorm-frame]").locator("body")
        expect(sco_body.locator("h1")).to_have_text("SCO 1")
        with _posted(page, lambda body: body.get("finished") is True) as final:
            buttons.nth(1).click()
        assert final.value.json()["status"] == "completed"
        expect(sco_body.locator("h1")).to_have_text("SCO 2")
        # Back to the first: the second SCO is left the same way.
        with _posted(page, lambda body: body.get("finished") is True) as final:
            buttons.nth(0).click()
        assert final.value.json()["lessonDone"] is True
        expect(sco_body.locator("h1")).to_have_text("SCO 1")
        errors = page.evaluate("window.scoCommitErrors")
        # Two commits per SCO left (beforeunload, then pagehide), each answered "no error".
        assert len(errors) == 4
        assert set(errors) == {"0"}
    finally:
        context.close()
    records = {r.item_identifier: r for r in ScormProgress.objects.filter(enrolment=enrolment)}
    assert records["one"].location == "left-1"
    assert records["two"].location == "left-2"


def test_scos_that_never_call_the_api_complete_the_lesson_once_left(live_server, browser):
    lesson, enrolment = handmade_lesson("sco2004_no_api")
    context, page = _signed_in_page(browser, live_server, enrolment.participant)
    try:
        page.goto(f"{live_server.url}{lesson.url}")
        buttons = page.locator("[data-scorm-player] button[data-scorm-item]")
        expect(page.frame_locator("[data-scorm-frame]").locator("h1")).to_have_text(
            "Not implemented yet"
        )
        with _posted(page, lambda body: body.get("visit") == "left") as left:
            buttons.nth(1).click()
        assert left.value.json()["status"] == "completed"
        expect(buttons.nth(0)).to_have_attribute("data-status", "completed")
        expect(buttons.nth(0).locator("[data-scorm-item-status]")).to_have_text("Selesai")
        with _posted(page, lambda body: body.get("visit") == "left") as left:
            buttons.nth(0).click()
        assert left.value.json()["lessonDone"] is True
        expect(page.locator("#lesson-actions .lesson-actions__done")).to_be_visible()
        assert serious_accessibility_violations(page, iframes=False) == []
        screenshot(page, "scorm-no-api-done")
    finally:
        context.close()
    assert LessonProgress.objects.get(enrolment=enrolment, lesson=lesson).completed_at


def test_assets_show_viewed_once_opened(live_server, browser):
    lesson, enrolment = handmade_lesson("asset_only")
    context, page = _signed_in_page(browser, live_server, enrolment.participant)
    try:
        with _posted(page, lambda body: body.get("visit") == "opened"):
            page.goto(f"{live_server.url}{lesson.url}")
        buttons = page.locator("[data-scorm-player] button[data-scorm-item]")
        expect(buttons.nth(0)).to_have_attribute("data-status", "viewed")
        expect(buttons.nth(0).locator("[data-scorm-item-status]")).to_have_text("Dilihat")
        expect(buttons.nth(1)).to_have_attribute("data-status", "not_attempted")
        with _posted(page, lambda body: body.get("visit") == "opened"):
            buttons.nth(1).click()
        expect(buttons.nth(1).locator("[data-scorm-item-status]")).to_have_text("Dilihat")
        # An asset-only package reports no completion: "Mark as done" stays.
        expect(page.locator("#lesson-actions form button")).to_be_visible()
        assert serious_accessibility_violations(page, iframes=False) == []
    finally:
        context.close()


def test_a_four_level_menu_is_indented_at_every_level(live_server, browser):
    lesson, enrolment = handmade_lesson("four_levels")
    context, page = _signed_in_page(browser, live_server, enrolment.participant)
    try:
        page.goto(f"{live_server.url}{lesson.url}")
        menu = page.locator("[data-scorm-player] nav.scorm-player__menu")
        left = [
            menu.get_by_text(title, exact=True).bounding_box()["x"]
            for title in ("Tingkat 1", "Tingkat 2", "Tingkat 3", "Tingkat 4 A")
        ]
        assert left == sorted(left) and len(set(left)) == 4
        # The item after the deep branch is back at the first level.
        level_1_again = menu.get_by_text("Tingkat 1 lagi", exact=True).bounding_box()["x"]
        assert level_1_again < left[1]
        assert serious_accessibility_violations(page, iframes=False) == []
        screenshot(page, "scorm-four-level-menu")
    finally:
        context.close()


def test_a_flow_package_moves_by_continue_and_previous(live_server, browser):
    lesson, enrolment = handmade_lesson("sequencing_flow")
    context, page = _signed_in_page(browser, live_server, enrolment.participant)
    try:
        page.goto(f"{live_server.url}{lesson.url}")
        player = page.locator("[data-scorm-player]")
        buttons = player.locator("button[data-scorm-item]")
        previous, following = (
            player.locator("[data-scorm-previous]"),
            player.locator("[data-scorm-continue]"),
        )
        sco = page.frame_locator("[data-scorm-frame]")
        expect(sco.locator("h1")).to_have_text("Bagian a")
        # choice="false": the menu shows the parts but does not open them.
        for index in range(3):
            expect(buttons.nth(index)).to_be_disabled()
        expect(previous).to_be_disabled()
        expect(following).to_be_enabled()
        assert sco.locator("body").evaluate("() => window.scoNavigation") == {
            "continue": "true",
            "previous": "false",
        }
        # The SCO completes and asks for "continue" itself.
        sco.locator("#done").click()
        sco.locator("#continue").click()
        expect(sco.locator("h1")).to_have_text("Bagian b")
        expect(buttons.nth(1)).to_have_attribute("aria-current", "true")
        expect(buttons.nth(0)).to_have_attribute("data-status", "passed")
        expect(previous).to_be_enabled()
        assert serious_accessibility_violations(page, iframes=False) == []
        screenshot(page, "scorm-flow-navigation")
        # The player's own buttons: "Previous part", then "Next part" twice to the end.
        previous.click()
        expect(sco.locator("h1")).to_have_text("Bagian a")
        following.click()
        expect(sco.locator("h1")).to_have_text("Bagian b")
        sco.locator("#continue").click()
        expect(sco.locator("h1")).to_have_text("Bagian c")
        expect(following).to_be_disabled()
    finally:
        context.close()


def test_a_package_with_unsupported_sequencing_plays_in_choice_mode(live_server, browser):
    lesson, enrolment = handmade_lesson("sequencing_rules")
    context, page = _signed_in_page(browser, live_server, enrolment.participant)
    try:
        page.goto(f"{live_server.url}{lesson.url}")
        player = page.locator("[data-scorm-player]")
        buttons = player.locator("button[data-scorm-item]")
        expect(player.locator("[data-scorm-continue]")).to_have_count(0)
        expect(buttons.nth(2)).to_be_enabled()
        buttons.nth(2).click()
        expect(page.frame_locator("[data-scorm-frame]").locator("h1")).to_have_text("Bagian c")
    finally:
        context.close()
