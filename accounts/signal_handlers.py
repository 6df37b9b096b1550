"""Signal wiring for accounts: keep the role groups in step with the migrated schema."""

from django.apps import apps
from django.db.models.signals import post_migrate


def _sync_roles_after_last_app(sender, using="default", **kwargs):
    # post_migrate fires once per app; permissions of every app exist only after the last.
    last = [config for config in apps.get_app_configs() if config.models_module][-1]
    if sender.name != last.name:
        return
    from .roles import sync_role_groups

    sync_role_groups()


def register():
    post_migrate.connect(_sync_roles_after_last_app, dispatch_uid="accounts.sync_roles")
