"""
Signal wiring for accounts: keep the role groups in step with the migrated schema, log
every change of a user's groups (roles) to the audit log, whichever screen made it, and
forget the cached admin-link answers when groups or permissions change.
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import m2m_changed, post_delete, post_migrate

from .permissions import forget_admin_access


def _sync_roles_after_last_app(sender, using="default", **kwargs):
    # post_migrate fires once per app; permissions of every app exist only after the last.
    last = [config for config in apps.get_app_configs() if config.models_module][-1]
    if sender.name != last.name:
        return
    from .roles import sync_role_groups

    sync_role_groups()


def _log_role_change(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "pre_clear", "post_clear") or reverse:
        return
    from .audit import log_role_change

    if action == "pre_clear":
        # What is cleared is only known before the clear happens.
        instance._groups_before_clear = list(instance.groups.values_list("name", flat=True))
        return
    if action == "post_clear":
        removed = getattr(instance, "_groups_before_clear", [])
        if removed:
            log_role_change(user=instance, added=[], removed=removed)
        return
    names = list(Group.objects.filter(pk__in=pk_set or ()).values_list("name", flat=True))
    if not names or instance.pk is None:
        return
    if action == "post_add":
        log_role_change(user=instance, added=names, removed=[])
    else:
        log_role_change(user=instance, added=[], removed=names)


def register():
    from django.contrib.auth import get_user_model

    post_migrate.connect(_sync_roles_after_last_app, dispatch_uid="accounts.sync_roles")
    m2m_changed.connect(
        _log_role_change,
        sender=get_user_model().groups.through,
        dispatch_uid="accounts.log_role_change",
    )
    # The header's admin link is cached per user (``permissions.can_open_admin``).
    user_model = get_user_model()
    for through in (
        user_model.groups.through,
        user_model.user_permissions.through,
        Group.permissions.through,
    ):
        m2m_changed.connect(
            forget_admin_access, sender=through, dispatch_uid=f"accounts.admin-access-{through}"
        )
    for model in (Group, Permission):
        post_delete.connect(
            forget_admin_access, sender=model, dispatch_uid=f"accounts.admin-access-{model}"
        )
