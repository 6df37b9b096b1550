"""API permission classes over the rules of ``certificates.permissions``."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from ..permissions import can_issue_certificates


class CanIssueCertificates(BasePermission):
    """Issue and revoke certificates: administrators only."""

    message = _("Only administrators may issue or revoke certificates.")

    def has_object_permission(self, request, view, obj):
        return can_issue_certificates(request.user)
