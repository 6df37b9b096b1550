"""Admin registration for training, and recording that a participant opened a lesson."""

from django.urls import include, path
from wagtail import hooks

from . import admin_urls
from .assessment_admin import AssessmentViewSetGroup
from .models import LessonPage
from .personal_cache import allow_personal_cache
from .reports import urls as report_urls
from .reports.dashboard import add_training_panel
from .reports.menu import report_menu_item
from .selectors import course_and_enrolment_for_request
from .services import EnrolmentError, record_lesson_opened
from .viewsets import TrainingViewSetGroup


@hooks.register("register_admin_viewset")
def register_training_viewsets():
    return TrainingViewSetGroup()


@hooks.register("register_admin_urls")
def register_training_admin_urls():
    return [path("training/", include(admin_urls, namespace="training_admin"))]


@hooks.register("before_serve_page")
def record_lesson_view(page, request, serve_args, serve_kwargs):
    """Viewing a lesson marks it opened, for "continue where you left off"."""
    if not isinstance(page, LessonPage) or not request.user.is_authenticated:
        return None
    if request.method != "GET":
        return None
    _course, enrolment = course_and_enrolment_for_request(request, page)
    if enrolment is None or enrolment.status != "active":
        return None
    try:
        record = record_lesson_opened(enrolment=enrolment, lesson=page)
    except EnrolmentError:
        return None
    # A repeated view answered from the participant's page cache marks this record again.
    allow_personal_cache(request, opened_progress_id=record.pk)
    return None


@hooks.register("register_admin_viewset")
def register_assessment_viewsets():
    return AssessmentViewSetGroup()


@hooks.register("register_log_actions")
def register_training_log_actions(actions):
    from .audit import register_actions

    register_actions(actions)


@hooks.register("register_admin_urls")
def register_training_report_urls():
    return [path("reports/training/", include(report_urls, namespace="training_reports"))]


@hooks.register("register_reports_menu_item")
def register_enrolment_report_menu_item():
    return report_menu_item("enrolments")


@hooks.register("register_reports_menu_item")
def register_assessment_report_menu_item():
    return report_menu_item("assessments")


@hooks.register("register_reports_menu_item")
def register_batch_assessment_report_menu_item():
    return report_menu_item("batch_assessments")


@hooks.register("register_reports_menu_item")
def register_evaluation_report_menu_item():
    return report_menu_item("evaluations")


@hooks.register("register_reports_menu_item")
def register_xapi_statement_report_menu_item():
    return report_menu_item("xapi_statements")


@hooks.register("construct_homepage_panels")
def add_training_dashboard_panel(request, panels):
    add_training_panel(request, panels)


def _reviewed_with_course(context) -> bool:
    """Whether the page of this action menu is a module or lesson (being created or edited)."""
    from .models import CoursePage, ModulePage

    page = context.get("page")
    if page is not None:
        return isinstance(page.specific_deferred, (ModulePage, LessonPage))
    parent = context.get("parent_page")
    return parent is not None and isinstance(parent.specific_deferred, (CoursePage, ModulePage))


@hooks.register("construct_page_action_menu")
def submit_courses_not_their_pages(menu_items, request, context):
    """Modules and lessons are saved as drafts and go to review with their course."""
    if _reviewed_with_course(context):
        menu_items[:] = [item for item in menu_items if item.name != "action-submit"]


@hooks.register("before_create_page")
def save_new_module_as_draft(request, parent_page, page_class):
    """A module created under a course has no workflow of its own: "submit" saves a draft."""
    from .models import CoursePage, ModulePage

    if (
        request.method == "POST"
        and "action-submit" in request.POST
        and isinstance(parent_page.specific_deferred, (CoursePage, ModulePage))
    ):
        request.POST = request.POST.copy()
        del request.POST["action-submit"]


@hooks.register("after_create_page")
def make_course_creator_its_trainer(request, page):
    """A trainer who starts a course becomes its trainer, with its editing rights."""
    from .models import CoursePage
    from .permissions import add_creator_as_trainer

    if isinstance(page, CoursePage):
        add_creator_as_trainer(course=page, user=request.user)
