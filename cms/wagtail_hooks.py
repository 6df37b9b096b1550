"""Admin registration for the site app: the public-service menu and its access policies."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import Complaint, SurveyResponse
from .permissions import AdministratorsOnlyPolicy, ReadOnlyAdministratorsPolicy
from .viewsets import PublicServiceViewSetGroup

register_permission_policy(Complaint, AdministratorsOnlyPolicy(Complaint))
register_permission_policy(SurveyResponse, ReadOnlyAdministratorsPolicy(SurveyResponse))


@hooks.register("register_admin_viewset")
def register_public_service_viewsets():
    return PublicServiceViewSetGroup()
