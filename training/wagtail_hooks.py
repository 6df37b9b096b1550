"""Wagtail admin registrations of the training app."""

from wagtail import hooks

from training.assessment_admin import AssessmentViewSetGroup


@hooks.register("register_admin_viewset")
def register_assessment_viewsets():
    return AssessmentViewSetGroup()
