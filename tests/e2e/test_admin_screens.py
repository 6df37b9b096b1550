"""
The admin as an administrator finds it in Chromium: the batch-issue list once a job exists,
a session typed day first with "08.00" (and refused, with the batch's dates, when it falls
outside them), and the SCORM packages in the Training menu; axe-core on each new state.
"""

import datetime
import re

from playwright.sync_api import expect

from certificates.models import CertificateBatchJob
from tests.e2e.conftest import screenshot, serious_accessibility_violations
from tests.e2e.steps import sign_in_to_admin
from training.demo_assessments import find_demo_course
from training.models import Batch, BatchSession


def _sha256(path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def _demo_batch() -> Batch:
    return find_demo_course().batches.order_by("pk").first()


def test_the_batch_issue_list_opens_once_a_job_exists(live_server, demo_site, new_page):
    batch = _demo_batch()
    CertificateBatchJob.objects.get_or_create(batch=batch)
    page = new_page()
    sign_in_to_admin(page, live_server.url, "admin")

    page.goto(live_server.url + "/admin/certificates/batches/")

    expect(page.locator("main table")).to_contain_text(batch.name)
    screenshot(page, "admin-batch-issues")
    assert serious_accessibility_violations(page) == []


def test_a_session_is_typed_day_first_and_kept_inside_its_batch(live_server, demo_site, new_page):
    batch = _demo_batch()
    inside = batch.starts_on + datetime.timedelta(days=1)
    after = batch.ends_on + datetime.timedelta(days=1)
    page = new_page()
    sign_in_to_admin(page, live_server.url, "admin")
    page.goto(live_server.url + "/admin/training_sessions/new/")

    # Wagtail's date-time picker opens on the field.
    page.locator("#id_starts_at").click()
    expect(page.locator(".xdsoft_datetimepicker:visible").first).to_be_visible()
    screenshot(page, "admin-session-picker")
    page.locator("#id_batch").select_option(str(batch.pk))
    page.locator("#id_title").fill("Sesi uji tanggal")
    page.locator("#id_starts_at").fill(after.strftime("%d/%m/%Y") + " 08.00")
    page.locator("#id_ends_at").fill(after.strftime("%d/%m/%Y") + " 10:00")
    page.locator("#id_location").click()  # closes the pickers
    page.get_by_role("button", name="Buat", exact=True).click()

    error = page.locator("#panel-child-starts_at-content, form").get_by_text(
        "Sesi harus berada dalam tanggal angkatan"
    )
    expect(error.first).to_be_visible()
    screenshot(page, "admin-session-outside-batch")
    assert serious_accessibility_violations(page) == []

    page.locator("#id_starts_at").fill(inside.strftime("%d/%m/%Y") + " 08.00")
    page.locator("#id_ends_at").fill(inside.strftime("%d/%m/%Y") + " 10:00")
    page.locator("#id_location").click()  # closes the pickers
    page.get_by_role("button", name="Buat", exact=True).click()

    expect(page).to_have_url(re.compile(r"/admin/training_sessions/$"))
    session = BatchSession.objects.get(title="Sesi uji tanggal")
    local = session.starts_at.astimezone(datetime.timezone(datetime.timedelta(hours=8)))
    assert (local.date(), local.hour, local.minute) == (inside, 8, 0)
    session.delete()


def test_scorm_packages_are_found_in_the_training_menu(live_server, demo_site, new_page):
    page = new_page()
    sign_in_to_admin(page, live_server.url, "admin")
    page.goto(live_server.url + "/admin/")

    page.get_by_role("button", name="Pelatihan").click()
    page.get_by_role("link", name="Paket SCORM").click()

    expect(page).to_have_url(re.compile(r"/admin/snippets/training/scormpackage/"))
    screenshot(page, "admin-scorm-packages")
    assert serious_accessibility_violations(page) == []


def test_a_scorm_package_is_uploaded_from_the_lessons_chooser(live_server, demo_site, new_page):
    from tests.training.scorm_factories import SCORM_DATA
    from training.models import LessonPage, ScormPackage

    lesson = LessonPage.objects.filter(scorm_package__isnull=True).order_by("path").first()
    before = set(ScormPackage.objects.values_list("pk", flat=True))
    page = new_page()
    sign_in_to_admin(page, live_server.url, "admin")
    page.goto(f"{live_server.url}/admin/pages/{lesson.pk}/edit/")
    # The page editor's own (Wagtail's rich-text fields) are not this test's: the upload
    # tab must add none.
    editor = {violation["id"] for violation in serious_accessibility_violations(page)}

    field = page.locator("[data-field-wrapper]").filter(has=page.locator("[name=scorm_package]"))
    field.locator("button").filter(has_text=re.compile("Pilih", re.I)).first.click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("tab", name="Unggah").click()
    screenshot(page, "admin-scorm-chooser-upload")
    with_modal = {violation["id"] for violation in serious_accessibility_violations(page)}
    assert with_modal <= editor
    modal.locator("input[name=package]").set_input_files(str(SCORM_DATA / "singlescobasic.zip"))
    modal.get_by_role("button", name="Unggah", exact=True).click()

    expect(modal).to_be_hidden()
    # The demo may hold this ZIP already: the chooser then picks the package made from it.
    package = ScormPackage.objects.get(sha256=_sha256(SCORM_DATA / "singlescobasic.zip"))
    expect(field).to_contain_text(package.title)
    assert set(ScormPackage.objects.values_list("pk", flat=True)) <= before | {package.pk}
