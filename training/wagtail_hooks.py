"""Admin registration for training, and recording that a participant opened a lesson."""

from django.urls import include, path
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from . import admin_urls
from .assessment_admin import AssessmentViewSetGroup
from .models import LessonPage
from .scorm_admin import ScormPackageViewSet
from .selectors import course_and_enrolment_for_request
from .services import EnrolmentError, record_lesson_opened
from .viewsets import TrainingViewSetGroup

register_snippet(ScormPackageViewSet)


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
        record_lesson_opened(enrolment=enrolment, lesson=page)
    except EnrolmentError:
        return None
    return None


@hooks.register("register_admin_viewset")
def register_assessment_viewsets():
    return AssessmentViewSetGroup()
