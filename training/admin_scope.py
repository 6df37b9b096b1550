"""
The course scope of the admin's object screens (Wagtail's generic edit, inspect, delete,
copy, history and usage views of batches, enrolments, sessions, quizzes and evaluation forms).

Wagtail checks the model permission of a screen, not whose record it is: a trainer holding
``view_batch`` would inspect every course's batches. Here a screen first answers Wagtail's
"permission denied" to a role that may not open it at all, before any record is looked up;
then a record outside the user's courses is a 404, exactly like one that does not exist.
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404


class CourseScopedObjectMixin:
    """
    For a generic view with a ``pk`` in its URL; checked in ``setup``, because Wagtail's
    views load their object there, before ``dispatch`` checks the permission.
    """

    scope = None
    """A function of the user returning the queryset of the records they may open."""

    def setup(self, request, *args, **kwargs):
        if "pk" in kwargs:
            self._check_role(request.user)
            if not self.scope(request.user).filter(pk=unquote(str(kwargs["pk"]))).exists():
                raise Http404
        super().setup(request, *args, **kwargs)

    def _check_role(self, user):
        policy = getattr(self, "permission_policy", None)
        required = getattr(self, "permission_required", None)
        actions = [required] if required else getattr(self, "any_permission_required", None)
        if policy is not None and actions and not policy.user_has_any_permission(user, actions):
            raise PermissionDenied


class CourseScopedViewSetMixin:
    """For a ``ModelViewSet``: every view it builds opens only records of ``scope(user)``."""

    @staticmethod
    def scope(user):
        raise NotImplementedError

    def construct_view(self, view_class, **kwargs):
        scoped_class = type(
            view_class.__name__,
            (CourseScopedObjectMixin, view_class),
            {"scope": staticmethod(self.scope), "__module__": view_class.__module__},
        )
        return super().construct_view(scoped_class, **kwargs)
