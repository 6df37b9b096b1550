"""Who may do what with accounts: one small function per rule."""

from .roles import ADMINISTRATORS


def is_administrator(user) -> bool:
    """Administrators (penyelenggara, BKPSDM) and superusers."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.groups.filter(name=ADMINISTRATORS).exists()


def can_unlock_sign_ins(user) -> bool:
    """Lifting a sign-in pause is for administrators: it overrides a security control."""
    return is_administrator(user)
