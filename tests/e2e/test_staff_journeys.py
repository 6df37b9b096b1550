"""
Staff in the Wagtail admin, in a real browser: a trainer edits a lesson of their course,
submits the course for review and grades an essay; an administrator imports participants from
an Excel file with an error in it, issues the batch's certificates while the progress bar
fills, revokes one, and its public verification page says so.
"""

import io

from openpyxl import Workbook
from playwright.sync_api import expect
from wagtail.models import WorkflowState

from certificates.models import (
    Certificate,
    CertificateStatus,
    CertificateTemplate,
    CourseCertificateSettings,
    IssueMode,
)
from tests.e2e.conftest import DESKTOP, screenshot
from tests.e2e.steps import make_course, say, sign_in_to_admin, take_pre_test
from tests.factories import make_nip
from training.demo_assessments import find_demo_course
from training.models import AttemptStatus, EnrolmentStatus, LessonPage, Quiz, QuizKind
from training.selectors import lessons_of_course
from training.services import complete_lesson, enrol_participant, start_attempt, submit_attempt


def test_trainer_submits_a_course_with_a_changed_lesson_and_grades_an_essay(
    live_server, make_participant, new_page
):
    course = find_demo_course()
    lesson = lessons_of_course(course)[-1]
    module_quiz = Quiz.objects.get(course=course, kind=QuizKind.MODULE)
    enrolment = enrol_participant(
        batch=course.batches.get(), participant=make_participant(), notify=False
    )
    # The course's order: the pre-test, then the module's lessons, then its quiz.
    take_pre_test(enrolment)
    for module_lesson in lessons_of_course(course):
        if module_lesson.path.startswith(module_quiz.module.path):
            complete_lesson(enrolment=enrolment, lesson=module_lesson)
    attempt = start_attempt(enrolment=enrolment, quiz=module_quiz)
    essay = next(q for q in attempt.snapshot["questions"] if q["kind"] == "essay")
    attempt = submit_attempt(
        attempt=attempt,
        responses={essay["id"]: "Memasang maklumat di ruang tunggu dan di laman kecamatan."},
    )
    assert attempt.status == AttemptStatus.AWAITING_GRADING
    minutes_before = lesson.estimated_minutes
    page = new_page(viewport=DESKTOP)
    sign_in_to_admin(page, live_server.url, "fasilitator")

    page.goto(f"{live_server.url}/admin/pages/{lesson.pk}/edit/")
    page.locator("#id_estimated_minutes").fill(str(minutes_before + 5))
    # A lesson is saved as a draft and goes to review with its course: one submission.
    page.locator("footer button[type=submit]").first.click()
    expect(page.locator(".messages")).to_be_visible()
    page.goto(f"{live_server.url}/admin/pages/{course.pk}/edit/")
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    page.locator("button[name='action-submit']").click()
    expect(page.locator(".messages")).to_be_visible()
    screenshot(page, "trainer-lesson-submitted")
    assert WorkflowState.objects.filter(
        object_id=str(course.pk), status=WorkflowState.STATUS_IN_PROGRESS
    ).exists()
    assert not WorkflowState.objects.filter(object_id=str(lesson.pk)).exists()
    # The participants keep reading the published lesson until an administrator approves.
    assert LessonPage.objects.get(pk=lesson.pk).estimated_minutes == minutes_before

    page.goto(f"{live_server.url}/admin/assessments/essays/")
    answer = attempt.answers.get(question_ref=essay["id"])
    page.locator(f"a[href$='/essays/{answer.pk}/']").click()
    page.locator("#id_points").fill("4")
    page.locator("#id_comment").fill("Rencana yang jelas; tambahkan kanal pengaduan.")
    page.locator("main form button[type=submit]").last.click()
    expect(page.locator(".messages")).to_be_visible()
    screenshot(page, "trainer-essay-graded")
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.GRADED


def participant_workbook(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Peserta"
    sheet.append(["NIP", "Nama Lengkap", "Email", "Pangkat/Golongan", "Jabatan", "Unit Kerja"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_administrator_imports_issues_a_batch_and_revokes_a_certificate(
    live_server, demo_site, new_page
):
    course, lesson = make_course(code="ADM")
    CourseCertificateSettings.objects.create(
        course=course,
        template=CertificateTemplate.objects.get(name="Sertifikat Bimtek BKPSDM"),
        issue_mode=IssueMode.APPROVAL,
    )
    batch = course.batches.get()
    rows = [
        [make_nip(), "Yusuf Polamolo", "yusuf.polamolo@example.test", "III/b", "Analis", "DPMPTSP"],
        ["12345", "Baris Salah", "bukan-email", "III/a", "Pengelola", "Disdukcapil"],
        [make_nip(sex="2"), "Fitri Bumulo", "fitri.bumulo@example.test", "II/c", "Pengadministrasi",
         "Disdukcapil"],
    ]  # fmt: skip
    page = new_page(viewport=DESKTOP)
    sign_in_to_admin(page, live_server.url, "admin")

    # The import: the bad row is reported with its row number and nothing of it is imported.
    page.goto(f"{live_server.url}/admin/training/batches/{batch.pk}/import/")
    page.locator("input[type=file]").set_input_files(
        files=[
            {
                "name": "peserta-angkatan-uji.xlsx",
                "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "buffer": participant_workbook(rows),
            }
        ]
    )
    page.locator("main form button[type=submit]").last.click()
    errors = page.locator("table.listing").first
    expect(errors.locator("tbody tr")).to_have_count(1)
    expect(errors.locator("tbody th[scope=row]")).to_have_text("3")
    screenshot(page, "admin-import-preview")
    page.locator("main form button[type=submit]:not([disabled])").first.click()
    # Embedded mode runs the import's task at once; the request ends on its summary.
    expect(page.locator("progress.import-progress")).to_have_attribute("value", "3")
    expect(page.locator(".import-summary-table td").first).to_have_text("2")
    enrolments = list(batch.enrolments.select_related("participant").order_by("pk"))
    assert [e.participant.full_name for e in enrolments] == ["Yusuf Polamolo", "Fitri Bumulo"]

    # Both complete the course; their certificates wait for the administrator.
    for enrolment in enrolments:
        complete_lesson(enrolment=enrolment, lesson=lesson)
        enrolment.refresh_from_db()
        assert enrolment.status == EnrolmentStatus.COMPLETED

    page.goto(f"{live_server.url}/admin/certificates/batches/new/")
    page.locator("#id_batch").select_option(str(batch.pk))
    page.locator("main form button[type=submit]").click()
    progress = page.locator("progress.certificate-progress")
    expect(progress).to_have_attribute("max", "2")
    expect(progress).to_have_attribute("value", "2", timeout=60_000)
    screenshot(page, "admin-batch-issued")
    certificates = Certificate.objects.filter(
        enrolment__batch=batch, status=CertificateStatus.VALID
    )
    assert certificates.count() == 2

    revoked = certificates.order_by("pk").first()
    page.goto(f"{live_server.url}/admin/certificates/register/revoke/{revoked.pk}/")
    page.locator("#id_reason").fill("Data peserta keliru; diterbitkan ulang.")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()

    page.goto(f"{live_server.url}/en/v/{revoked.code}/")
    expect(page.locator(".verification__state")).to_have_text(say("en", "Revoked"))
    expect(page.locator(".verification__status")).to_contain_text("Data peserta keliru")
    screenshot(page, "admin-revoked-verification")
