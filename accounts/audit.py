"""
The audit log of administrative actions, kept in Wagtail's own log (``ModelLogEntry``), so
that every entry shows in the admin's site history report with who, when and what.

Each app declares its actions in a table ``{action: (label, message)}`` and registers it with
``register_from`` from its ``register_log_actions`` hook; services call ``wagtail.log_actions
.log`` after the change. This module holds the account actions: role changes and unlocked
sign-ins, and two-factor sign-in turned on, off or reset.
"""

from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

ROLE_CHANGE = "bimtek.role_change"
SIGN_IN_UNLOCK = "bimtek.sign_in_unlock"
TWO_FACTOR_ENABLE = "bimtek.two_factor_enable"
TWO_FACTOR_DISABLE = "bimtek.two_factor_disable"
TWO_FACTOR_RESET = "bimtek.two_factor_reset"
RECOVERY_CODES_REGENERATE = "bimtek.recovery_codes_regenerate"

ACTIONS = {
    ROLE_CHANGE: (_("Change roles"), _("Roles changed")),
    SIGN_IN_UNLOCK: (_("Unlock sign-in"), _("Paused sign-in unlocked")),
    TWO_FACTOR_ENABLE: (_("Turn on two-factor sign-in"), _("Two-factor sign-in turned on")),
    TWO_FACTOR_DISABLE: (_("Turn off two-factor sign-in"), _("Two-factor sign-in turned off")),
    TWO_FACTOR_RESET: (
        _("Reset two-factor sign-in"),
        _("Two-factor sign-in reset by an administrator"),
    ),
    RECOVERY_CODES_REGENERATE: (
        _("Make new recovery codes"),
        _("New recovery codes made"),
    ),
}


def register_from(actions, table) -> None:
    """Register a table of ``{action: (label, message)}`` with Wagtail's log registry."""
    for action, (label, message) in table.items():
        actions.register_action(action, label, message)


def register_actions(actions) -> None:
    register_from(actions, ACTIONS)


def log_role_change(*, user, added: list[str], removed: list[str], changed_by=None):
    """
    Record that ``user``'s groups changed. ``changed_by`` defaults to the user of the active
    log context (the admin request), which Wagtail sets for every admin view.
    """
    return log(
        user,
        ROLE_CHANGE,
        user=changed_by,
        data={"added": sorted(added), "removed": sorted(removed)},
    )


def log_sign_in_unlocked(*, attempt, user):
    return log(
        attempt,
        SIGN_IN_UNLOCK,
        user=user,
        title=attempt.username,
        data={
            "username": attempt.username,
            "ip_address": attempt.ip_address,
            "failures": attempt.failures_since_start,
        },
    )


def unwrapped(instance):
    """
    The object behind ``request.user``: Django's lazy user wrapped again by django-otp's
    middleware, of which Wagtail's log looks through only one layer (and then silently logs
    nothing, finding no log model for a lazy object).
    """
    while isinstance(instance, LazyObject):
        if instance._wrapped is empty:
            instance._setup()
        instance = instance._wrapped
    return instance


def log_two_factor(*, user, action: str, changed_by, data=None):
    """
    Record a change to ``user``'s two-factor sign-in (``TWO_FACTOR_*`` or
    ``RECOVERY_CODES_REGENERATE``); ``changed_by`` is the user themselves or the administrator.
    """
    return log(unwrapped(user), action, user=changed_by, data=data or {})
