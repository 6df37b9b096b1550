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
