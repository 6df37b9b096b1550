"""
The demo trainer puts a partner's SCORM package into a lesson of the demo course in the
Wagtail admin, in a real browser: a ZIP that is not a SCORM package is refused on the upload
form with its reason in the admin's language; one of the shared packages is uploaded, chosen
on a lesson of the course the trainer teaches, and the lesson is submitted for review with it
(trainers write and submit; an administrator publishes).
"""

import hashlib

from playwright.sync_api import expect
from wagtail.models import WorkflowState

from tests.e2e.conftest import DESKTOP, screenshot
from tests.e2e.steps import say, sign_in_to_admin
from tests.training.scorm_factories import SCORM_DATA
from training.demo_assessments import find_demo_course
from training.models import LessonPage, ScormPackage
from training.selectors import lessons_of_course

SHARED_PACKAGE = "RuntimeBasicCalls_SCORM20043rdEdition.zip"
REFUSED_PACKAGE = "invalid_no_manifest.zip"
SNIPPETS = "/admin/snippets/training/scormpackage/"


def test_trainer_uploads_a_shared_package_and_puts_it_in_a_lesson_of_the_demo_course(
    live_server, demo_site, new_page
):
    course = find_demo_course()
    assert course.course_trainers.filter(trainer__username="fasilitator").exists()
    lesson = lessons_of_course(course)[1]
    assert lesson.scorm_package_id is None
    page = new_page(viewport=DESKTOP)
    sign_in_to_admin(page, live_server.url, "fasilitator")

    # Training → SCORM packages (the menu itself: tests/e2e/test_admin_screens.py) → add.
    page.goto(f"{live_server.url}{SNIPPETS}")
    page.locator(f"a[href$='{SNIPPETS}add/']").first.click()
    upload = page.locator("#id_package")
    save = page.locator("main form button[type=submit]").first

    # A ZIP without imsmanifest.xml is refused with its reason, in Indonesian.
    upload.set_input_files(SCORM_DATA / REFUSED_PACKAGE)
    save.click()
    expect(page.locator("main form")).to_contain_text(
        say("id", "The package has no imsmanifest.xml, so it is not a SCORM package.")
    )
    screenshot(page, "trainer-scorm-refused")
    assert not ScormPackage.objects.filter(file_name=REFUSED_PACKAGE).exists()

    # A shared package is accepted; the title comes from its manifest.
    upload.set_input_files(SCORM_DATA / SHARED_PACKAGE)
    save.click()
    expect(page.locator(".messages")).to_be_visible()
    expect(page).to_have_url(f"{live_server.url}{SNIPPETS}")
    # An upload of a ZIP already imported (another test may have) finds the same package.
    sha256 = hashlib.sha256((SCORM_DATA / SHARED_PACKAGE).read_bytes()).hexdigest()
    package = ScormPackage.objects.get(sha256=sha256)
    assert (package.title, package.version) == ("Golf Explained - Run-time Basic Calls", "2004-3")
    expect(page.locator("main")).to_contain_text(package.title)

    # The lesson's "SCORM package" field: choose it, then save the lesson as a draft (it goes
    # to review with its course: tests/e2e/test_staff_journeys.py).
    page.goto(f"{live_server.url}/admin/pages/{lesson.pk}/edit/")
    chooser = page.locator("#id_scorm_package-chooser")
    chooser.locator(".unchosen [data-chooser-action-choose]").click()
    page.locator(f".modal a[href*='/chosen/{package.pk}/']").click()
    expect(chooser.locator("[data-chooser-title]")).to_contain_text(package.title)
    page.locator("footer button[type=submit]").first.click()
    expect(page.locator(".messages")).to_be_visible()
    screenshot(page, "trainer-scorm-lesson-saved")

    lesson = LessonPage.objects.get(pk=lesson.pk)
    assert lesson.get_latest_revision_as_object().scorm_package_id == package.pk
    assert not WorkflowState.objects.filter(object_id=str(lesson.pk)).exists()
    # Participants keep the published lesson until an administrator approves.
    assert lesson.scorm_package_id is None
