"""
axe-core on the participant-facing pages that neither the participant's journey
(test_participant_journey.py) nor the site-chrome checks (test_accessibility.py) reach, on a
phone and a desktop, each page in the state a participant really meets it in: enrolled with
some lessons done, a graded pre-test, a module quiz awaiting the trainer's grade, a post-test
in progress, a revoked certificate, two-factor sign-in on.

One browser context per viewport walks the list, so the cost is a page load and an axe run
per page; every failing page is reported at once, by name and address.
"""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect
from wagtail.models import Locale

from accounts.twofactor import secret_base32, setup_device
from certificates.models import CertificateTemplate, CourseCertificateSettings, IssueMode
from certificates.services import issue_certificate, revoke_certificate
from cms.models import Complaint, ComplaintsPage, PerformancePage, PublicServiceIndexPage
from tests.e2e.conftest import (
    PARTICIPANT_PASSWORD,
    VIEWPORTS,
    _run_in_thread,
    serious_accessibility_violations,
)
from tests.e2e.steps import authenticator_code, correct_responses, make_course, say, sign_in
from training.demo_assessments import find_demo_course
from training.demo_content import service_design
from training.models import AttemptStatus, CoursePage, LessonPage, ModulePage, Quiz, QuizKind
from training.selectors import lessons_of_course
from training.services import complete_lesson, enrol_participant, start_attempt, submit_attempt


def _revoked_certificate(participant):
    """A certificate of the participant's own small course, issued and then revoked."""
    course, lesson = make_course(code="A11Y")
    CourseCertificateSettings.objects.create(
        course=course,
        template=CertificateTemplate.objects.get(name="Sertifikat Bimtek BKPSDM"),
        issue_mode=IssueMode.APPROVAL,
    )
    enrolment = enrol_participant(batch=course.batches.get(), participant=participant, notify=False)
    complete_lesson(enrolment=enrolment, lesson=lesson)
    # Issuing renders and signs the PDF with pyHanko, whose event loop cannot run inside
    # Playwright's (see conftest._run_in_thread).
    certificate = _run_in_thread(lambda: issue_certificate(enrolment=enrolment))
    return revoke_certificate(certificate=certificate, reason="Nama peserta keliru.")


def _participant_in_the_middle_of_the_course(participant):
    """
    Enrolled in the demo course with the pre-test graded, its lessons done, the module
    quiz's essay awaiting the trainer and the post-test open; returns the addresses.
    """
    course = find_demo_course()
    enrolment = enrol_participant(batch=course.batches.get(), participant=participant, notify=False)
    pre_test, post_test, module_quiz = (
        Quiz.objects.get(course=course, kind=kind)
        for kind in (QuizKind.PRE_TEST, QuizKind.POST_TEST, QuizKind.MODULE)
    )
    # The course's order: the pre-test first, the module quiz and the post-test after the
    # lessons (``training.course_flow``).
    attempt = start_attempt(enrolment=enrolment, quiz=pre_test)
    graded = submit_attempt(attempt=attempt, responses=correct_responses(attempt))
    assert graded.status == AttemptStatus.GRADED
    for lesson in lessons_of_course(course):
        complete_lesson(enrolment=enrolment, lesson=lesson)
    attempt = start_attempt(enrolment=enrolment, quiz=module_quiz)
    awaiting = submit_attempt(attempt=attempt, responses=correct_responses(attempt))
    assert awaiting.status == AttemptStatus.AWAITING_GRADING
    open_attempt = start_attempt(enrolment=enrolment, quiz=post_test)

    def review(attempt):
        return f"/kuis/{attempt.quiz_id}/percobaan/{attempt.pk}/hasil/"

    # The journey reads the first lesson, the SCORM lesson and the last one.
    lessons = lessons_of_course(course)
    read = {lessons[0].pk, lessons[-1].pk} | {
        lesson.pk for lesson in lessons if lesson.scorm_package_id is not None
    }
    return {
        **_modules_and_lessons(course, leaving_out=read),
        "quiz page (graded attempt listed)": f"/kuis/{pre_test.pk}/",
        "quiz page (attempt in progress)": f"/kuis/{post_test.pk}/",
        "attempt page (answering)": f"/kuis/{post_test.pk}/percobaan/{open_attempt.pk}/",
        "attempt review (graded)": review(graded),
        "attempt review (awaiting grading)": review(awaiting),
    }


def _modules_and_lessons(course, leaving_out=()):
    """The course's module pages and lesson pages (but ``leaving_out``), in reading order."""
    pages = {}
    for module in ModulePage.objects.child_of(course).live().order_by("path"):
        pages[f"module: {module.title}"] = module.url
        for lesson in LessonPage.objects.child_of(module).live().order_by("path"):
            if lesson.pk not in leaving_out:
                pages[f"lesson: {lesson.title}"] = lesson.url
    return pages


def _enrolled_in_the_second_course(participant):
    """
    Enrolled in the other demo course (written in English, the catalogue's second), which
    the journey never opens: its course page, modules and lessons in English.
    """
    first = find_demo_course()
    course = (
        CoursePage.objects.live()
        .filter(locale=Locale.get_default(), code=service_design.COURSE["code"])
        .exclude(pk=first.pk)
        .get()
    )
    enrol_participant(batch=course.batches.get(), participant=participant, notify=False)
    english = course.get_translation(Locale.objects.get(language_code="en"))
    return {"course page (second course)": english.url, **_modules_and_lessons(english)}


def _public_service_pages():
    """
    Every page of the public-service information (the index and its six components, read
    from the page tree), the complaint and survey forms and an answered complaint's status.
    """
    index = PublicServiceIndexPage.objects.get(locale=Locale.get_default())
    pages = {"public-service index": index.url}
    for component in index.get_children().live().specific():
        if isinstance(component, ComplaintsPage):
            pages["complaint form"] = component.url
            answered = Complaint.objects.filter(answered_at__isnull=False).order_by("pk").first()
            pages["complaint tracking"] = f"{component.url}lacak/"
            pages["complaint status (answered)"] = f"{component.url}lacak/{answered.tracking_code}/"
        elif isinstance(component, PerformancePage):
            pages[component.title] = component.url
            pages["satisfaction survey"] = f"{component.url}survei/"
        else:
            pages[component.title] = component.url
    assert len(pages) >= 1 + 6 + 3, pages
    return pages


class Walk:
    """Visits pages in one browser tab and keeps the serious violations per page."""

    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url
        self.violations = {}

    def check(self, name):
        found = serious_accessibility_violations(self.page)
        if found:
            self.violations[f"{name}: {self.page.url.removeprefix(self.base_url)}"] = found

    def submit_empty(self, name, button):
        """Send the form on the page as it is and check the answer, its errors shown."""
        self.page.get_by_role("button", name=say("id", button)).click()
        expect(self.page.locator("[aria-invalid=true]").first).to_be_visible()
        self.check(name)

    def report(self) -> str:
        """The failing pages, each with its violations and the first elements they concern."""
        lines = ["Serious or critical axe-core violations:"]
        for where, found in self.violations.items():
            lines.append(where)
            lines.extend(f"  {v['impact']} {v['id']}: {v['help']} ({v['nodes']})" for v in found)
        return "\n".join(lines)

    def visit(self, name, path, status=200):
        """Open ``path`` and check it; it must answer ``status`` at that address, not elsewhere."""
        response = self.page.goto(self.base_url + path)
        assert response.status == status, f"{name}: {path} answered {response.status}"
        assert self.page.url == self.base_url + path, f"{name}: {path} went to {self.page.url}"
        self.check(name)


@VIEWPORTS
def test_participant_pages_in_their_real_state_have_no_serious_accessibility_violations(
    live_server, make_participant, new_page, viewport
):
    participant = make_participant()
    with_two_factor = make_participant()
    device = setup_device(with_two_factor)
    TOTPDevice.objects.filter(pk=device.pk).update(confirmed=True)
    in_course = _participant_in_the_middle_of_the_course(participant)
    in_second_course = _enrolled_in_the_second_course(participant)
    revoked = _revoked_certificate(participant)
    reset_token = (
        urlsafe_base64_encode(force_bytes(participant.pk)),
        default_token_generator.make_token(participant),
    )
    page = new_page(viewport=viewport)
    walk = Walk(page, live_server.url)

    # Signed out: the public pages, the certificate checks and the password reset.
    for name, path in _public_service_pages().items():
        walk.visit(name, path)
        if name == "complaint form":
            walk.submit_empty("complaint form (errors)", "Send complaint")
        elif name == "satisfaction survey":
            walk.submit_empty("satisfaction survey (errors)", "Send answers")
    walk.visit("verification (revoked)", f"/v/{revoked.code}/")
    expect(page.locator(".verification__state")).to_have_text(say("id", "Revoked"))
    # An unknown code is answered "not found", with the page that says so.
    walk.visit("verification (unknown code)", "/v/ABCDEFGHJK/", status=404)
    walk.visit("password reset sent", "/akun/sandi/lupa/terkirim/")
    page.goto(f"{live_server.url}/akun/sandi/atur/{reset_token[0]}/{reset_token[1]}/")
    expect(page.locator("#id_new_password1")).to_be_visible()
    walk.check("password reset: new password")
    walk.visit("password reset done", "/akun/sandi/atur/selesai/")

    # Two-factor sign-in: the code step, then its pages while it is on.
    page.goto(live_server.url + "/akun/masuk/")
    page.locator("#id_username").fill(with_two_factor.username)
    page.locator("#id_password").fill(PARTICIPANT_PASSWORD)
    page.locator("form.form-card button[type=submit]").click()
    page.wait_for_url("**/akun/masuk/kode/**")
    walk.check("sign-in code")
    page.locator("input[name=code]").fill(authenticator_code(secret_base32(device)))
    page.locator("form.form-card button[type=submit]").click()
    page.wait_for_url(live_server.url + "/akun/profil/")
    walk.visit("two-factor sign-in (on)", "/akun/profil/dua-faktor/")
    page.get_by_role("button", name=say("id", "Make new recovery codes")).click()
    expect(page.get_by_test_id("recovery-codes")).to_be_visible()
    walk.check("new recovery codes")
    walk.visit("turn off two-factor sign-in", "/akun/profil/dua-faktor/matikan/")
    page.context.clear_cookies()

    # Too many wrong passwords: sign-in is paused for that account from this address.
    page.goto(live_server.url + "/akun/masuk/")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page.locator("#id_username").fill(with_two_factor.username)
        page.locator("#id_password").fill("not-the-password")
        page.locator("form.form-card button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(say("id", "Sign-in paused"))
    walk.check("sign-in paused")

    # Signed in as the participant in the middle of the course.
    sign_in(page, live_server.url, participant.username, PARTICIPANT_PASSWORD)
    walk.visit("dashboard", "/pembelajaran-saya/")
    walk.visit("learning record", "/pembelajaran-saya/catatan-belajar/")
    for name, path in {**in_course, **in_second_course}.items():
        walk.visit(name, path)
    walk.visit("certificate list (revoked)", "/sertifikat-saya/")
    walk.visit("check-in", "/presensi/")
    walk.visit("password change", "/akun/sandi/ubah/")
    walk.submit_empty("password change (errors)", "Change password")
    walk.visit("two-factor sign-in (off)", "/akun/profil/dua-faktor/")
    walk.visit("set up two-factor sign-in", "/akun/profil/dua-faktor/atur/")
    page.goto(live_server.url + "/akun/profil/")
    page.locator("#id_name").fill("Sinkronisasi SIMPEG")
    page.get_by_role("button", name=say("id", "Create a token")).click()
    expect(page.locator("h1")).to_have_text(say("id", "Your new API access token"))
    walk.check("access token created")
    walk.visit("profile with an access token", "/akun/profil/")

    assert walk.violations == {}, walk.report()
