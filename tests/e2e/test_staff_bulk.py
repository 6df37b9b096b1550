"""
Issue 20, staff work in bulk, in a real browser: an administrator marks a whole class
present and then the exceptions (with JavaScript switched off), completes an enrolment by
hand with a reason, reissues a revoked certificate, and follows an import to its summary.
Every new screen is checked with axe-core on a phone and a desktop (in a page with
JavaScript on, which axe needs).
"""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from certificates import services as certificate_services
from certificates.models import (
    Certificate,
    CertificateStatus,
    CertificateTemplate,
    CourseCertificateSettings,
)
from tests.e2e.conftest import DESKTOP, screenshot
from tests.e2e.steps import AccessibilityLog, make_course, sign_in_to_admin
from tests.e2e.test_staff_journeys import participant_workbook
from tests.factories import make_nip
from training.models import Attendance, BatchSession, DeliveryMode, EnrolmentStatus
from training.services import enrol_participant


def test_administrator_works_in_bulk_without_javascript(live_server, make_participant, new_page):
    course, _lesson = make_course(code="BULK")
    batch = course.batches.get()
    batch.mode = DeliveryMode.CLASSROOM
    batch.save(update_fields=["mode"])
    enrolments = [
        enrol_participant(batch=batch, participant=make_participant(), notify=False)
        for _ in range(4)
    ]
    now = timezone.now()
    session = BatchSession.objects.create(
        batch=batch, title="Tatap Muka 1", starts_at=now, ends_at=now + datetime.timedelta(hours=2)
    )
    attendance_url = f"{live_server.url}/admin/training/sessions/{session.pk}/attendance/"
    axe = AccessibilityLog()
    page = new_page(viewport=DESKTOP)
    sign_in_to_admin(page, live_server.url, "admin")
    page.goto(attendance_url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tatap Muka 1")
    expect(page).to_have_title(f"{page.get_by_role('heading', level=1).inner_text()} - Wagtail")
    axe.check(page, "attendance")

    # Attendance without JavaScript: everyone present in one click, then one exception.
    no_js = new_page(viewport=DESKTOP, javascript=False)
    sign_in_to_admin(no_js, live_server.url, "admin")
    no_js.goto(attendance_url)
    no_js.locator("button[name=mark_all_present]").click()
    expect(no_js.locator(".messages")).to_contain_text("4")
    expect(no_js.locator("button[name=mark_all_present]")).to_have_count(0)
    no_js.locator(f"#status-{enrolments[1].pk}").select_option("absent")
    no_js.locator("main form[method=post]").last.locator("button[type=submit]").click()
    expect(no_js.locator(".messages")).to_be_visible()
    screenshot(no_js, "admin-attendance-marked")
    page.goto(attendance_url)
    axe.check(page, "attendance marked")
    statuses = dict(
        Attendance.objects.filter(session=session).values_list("enrolment_id", "status")
    )
    assert statuses == {
        enrolment.pk: "absent" if enrolment == enrolments[1] else "present"
        for enrolment in enrolments
    }

    # Completion by hand, with the reason required.
    page.goto(f"{live_server.url}/admin/training/batches/{batch.pk}/progress/")
    page.locator(f"a[href$='/enrolments/{enrolments[0].pk}/status/?status=completed']").click()
    axe.check(page, "enrolment status")
    page.locator("main form[method=post] button.button").first.click()
    expect(page.locator("#id_reason")).to_have_attribute("aria-invalid", "true")
    axe.check(page, "enrolment status refused")
    page.locator("#id_reason").fill("Mengikuti kelas susulan secara luring")
    page.locator("main form[method=post] button.button").first.click()
    expect(page.locator(".messages")).to_be_visible()
    enrolments[0].refresh_from_db()
    assert enrolments[0].status == EnrolmentStatus.COMPLETED

    # A revoked certificate is reissued from its page.
    CourseCertificateSettings.objects.create(
        course=course, template=CertificateTemplate.objects.get(name="Sertifikat Bimtek BKPSDM")
    )
    old = certificate_services.issue_certificate(enrolment=enrolments[0])
    certificate_services.revoke_certificate(certificate=old, reason="Nama salah ketik")
    page.goto(f"{live_server.url}/admin/certificates/register/inspect/{old.pk}/")
    axe.check(page, "revoked certificate")
    page.locator(f"a[href$='/reissue/{old.pk}/']").click()
    page.locator("#id_reason").fill("Nama sudah dibetulkan")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    new = Certificate.objects.get(replaces=old)
    assert new.status == CertificateStatus.VALID
    expect(page).to_have_url(f"{live_server.url}/admin/certificates/register/inspect/{new.pk}/")

    # An import ends on its progress page with the summary (embedded mode: run at once).
    rows = [
        [make_nip(), "Yusuf Polamolo", "yusuf.bulk@example.test", "III/b", "Analis", "DPMPTSP"],
        ["12345", "Baris Salah", "bukan-email", "III/a", "Pengelola", "Disdukcapil"],
    ]
    page.goto(f"{live_server.url}/admin/training/batches/{batch.pk}/import/")
    page.locator("input[type=file]").set_input_files(
        files=[
            {
                "name": "peserta-bulk.xlsx",
                "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "buffer": participant_workbook(rows),
            }
        ]
    )
    page.locator("main form button[type=submit]").last.click()
    page.locator("main form button[type=submit]:not([disabled])").first.click()
    expect(page).to_have_url(f"{live_server.url}/admin/training/batches/{batch.pk}/import/"
                             f"{batch.participant_imports.get().pk}/progress/")  # fmt: skip
    progress = page.locator("progress.import-progress")
    expect(progress).to_have_attribute("max", "2")
    expect(progress).to_have_attribute("value", "2")
    # New accounts, invitations sent, updated, newly enrolled, rows with errors.
    expect(page.locator(".import-summary-table td")).to_have_text(["1", "1", "0", "1", "1"])
    axe.check(page, "import summary")
    screenshot(page, "admin-import-summary")

    assert axe.violations == {}, axe.violations
