"""Template context of every page about the signed-in user, computed only when used."""

from django.utils.functional import SimpleLazyObject

from .permissions import can_open_admin


def admin_access(request):
    """``can_open_admin``: whether the header links to the admin (cached per user)."""
    return {"can_open_admin": SimpleLazyObject(lambda: can_open_admin(request.user))}
