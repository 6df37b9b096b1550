"""Who may do what with accounts: one small function per rule."""

from .roles import is_administrator


def can_unlock_sign_ins(user) -> bool:
    """Lifting a sign-in pause is for administrators: it overrides a security control."""
    return is_administrator(user)
