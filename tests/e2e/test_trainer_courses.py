"""
A trainer starts a course in the Wagtail admin, in a real browser: the catalogue offers them
"add child page", the new course is theirs and goes to review with one submission; an
administrator approves it once and every page of the course is published. A refusal tells
the trainer whom to ask.
"""

from playwright.sync_api import expect
from wagtail.models import WorkflowState

from tests.e2e.conftest import DESKTOP, screenshot, serious_accessibility_violations
from tests.e2e.steps import sign_in_to_admin
from training.models import CourseIndexPage, CoursePage, LessonPage, ModulePage


def _violations_inside(page, selector):
    """Serious axe violations whose nodes lie inside ``selector`` (the part this adds)."""
    inside = []
    for violation in serious_accessibility_violations(page):
        nodes = [
            target
            for target in violation["nodes"]
            if page.evaluate(
                "([outer, inner]) => !!document.querySelector(outer)?.contains("
                "document.querySelector(inner))",
                [selector, target[0]],
            )
        ]
        if nodes:
            inside.append({**violation, "nodes": nodes})
    return inside


def test_trainer_starts_a_course_and_one_approval_publishes_it(live_server, demo_site, new_page):
    from accounts.models import User

    catalogue = CourseIndexPage.objects.get(locale__language_code="id")
    page = new_page(viewport=DESKTOP)
    sign_in_to_admin(page, live_server.url, "fasilitator")

    # The dashboard names the administrators to ask.
    panel = page.locator("[data-ask-administrators]")
    expect(panel).to_contain_text("Hanya penyelenggara yang dapat melakukan ini")
    assert _violations_inside(page, "section[aria-labelledby='ask-administrators-heading']") == []

    page.goto(f"{live_server.url}/admin/pages/{catalogue.pk}/")
    page.get_by_role("link", name="Tambah halaman anak").first.click()
    page.locator("#id_title").fill("Etika Pelayanan Publik")
    page.locator("#id_code").fill("EP-01")
    page.locator("#id_jp").fill("4")
    page.locator("#id_summary").fill("Nilai dan etika dalam melayani warga.")
    screenshot(page, "trainer-course-new")
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    submit = page.locator("button[name='action-submit']")
    expect(submit).to_contain_text("Ajukan ke Tinjauan kursus")
    submit.click()
    expect(page.locator(".messages")).to_be_visible()
    screenshot(page, "trainer-course-submitted")

    trainer = User.objects.get(username="fasilitator")
    course = CoursePage.objects.get(code="EP-01")
    assert not course.live and course.owner == trainer
    assert list(course.course_trainers.values_list("trainer", flat=True)) == [trainer.pk]
    state = WorkflowState.objects.get(object_id=str(course.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    # The trainer adds a module and a lesson while the course waits; no submit of their own.
    module = ModulePage(title="Modul Etika", slug="modul-etika", live=False)
    course.add_child(instance=module)
    module.save_revision(user=trainer)
    lesson = LessonPage(
        title="Pelajaran Etika",
        slug="pelajaran-etika",
        live=False,
        body=[("paragraph", "<p>Melayani dengan jujur.</p>")],
    )
    module.add_child(instance=lesson)
    lesson.save_revision(user=trainer)
    page.goto(f"{live_server.url}/admin/pages/{lesson.pk}/edit/")
    expect(page.get_by_text("ditinjau bersama kursusnya")).to_be_visible()
    expect(page.locator("button[name='action-submit']")).to_have_count(0)
    screenshot(page, "trainer-lesson-reviewed-with-course")

    # Another trainer's course: refused, and told whom to ask.
    other = CoursePage.objects.filter(locale__language_code="id").exclude(
        course_trainers__trainer=trainer
    )
    page.goto(f"{live_server.url}/admin/translation/submit/page/{other.first().pk}/")
    expect(page.locator("[data-ask-administrators]")).to_be_visible()
    expect(page.locator(".messages")).to_contain_text("tidak memiliki izin")
    assert _violations_inside(page, "section[aria-labelledby='ask-administrators-heading']") == []
    screenshot(page, "trainer-refused")

    admin_page = new_page(viewport=DESKTOP)
    sign_in_to_admin(admin_page, live_server.url, "admin")
    admin_page.goto(f"{live_server.url}/admin/pages/{course.pk}/edit/")
    admin_page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    approve = admin_page.locator(
        "button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])"
    )
    expect(approve).to_contain_text("Setujui dan Terbitkan")
    approve.click()
    expect(admin_page.locator(".messages")).to_contain_text("Etika Pelayanan Publik")
    screenshot(admin_page, "administrator-course-approved")

    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    for each in (course, module, lesson):
        each.refresh_from_db()
        assert each.live and not each.has_unpublished_changes, each.title
