"""
Who may do what with the public-service information: one small function per rule, and the
Wagtail permission policy that applies them to the complaint and survey admin.

Complaints carry the reporter's personal data (UU 27/2022), so only administrators (and
superusers) see them; trainers reach the Wagtail admin but not the complaint queue.
"""

from wagtail.permission_policies.base import BasePermissionPolicy

from accounts.roles import administrators, is_administrator


def can_manage_complaints(user) -> bool:
    """Administrators handle complaints: read them, assign, answer and close them."""
    if not (user and user.is_authenticated):
        return False
    # Asked once per row of the complaint list: remembered on the request's user object.
    cached = getattr(user, "_cms_is_administrator", None)
    if cached is None:
        cached = is_administrator(user)
        user._cms_is_administrator = cached
    return cached


def can_view_reporter_data(user) -> bool:
    """The reporter's name and contact details are for administrators only."""
    return can_manage_complaints(user)


def can_view_survey_responses(user) -> bool:
    """Single responses (with the respondent's profile) are for administrators only."""
    return can_manage_complaints(user)


class AdministratorsOnlyPolicy(BasePermissionPolicy):
    """
    Administrators may view and change; nobody adds or deletes through the admin, because
    complaints and responses come from the public forms and are records, never erased.
    """

    allowed_actions = frozenset({"view", "change"})

    def user_has_permission(self, user, action):
        return action in self.allowed_actions and can_manage_complaints(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        from django.contrib.auth import get_user_model

        if not self.allowed_actions.intersection(actions):
            return get_user_model().objects.none()
        return administrators()


class ReadOnlyAdministratorsPolicy(AdministratorsOnlyPolicy):
    """Survey responses are read, never edited: the index must stay what respondents said."""

    allowed_actions = frozenset({"view"})
