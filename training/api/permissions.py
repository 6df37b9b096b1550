"""API permission classes over the rules of ``training.permissions``."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from ..permissions import can_manage_batch


class CanManageBatch(BasePermission):
    """Import participants into a batch: administrators only."""

    message = _("Only administrators may import participants into a batch.")

    def has_object_permission(self, request, view, obj):
        return can_manage_batch(request.user, obj)
