"""Admin registration for accounts: agencies, paused sign-ins, audit-log actions."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_urls
from .permissions import can_unlock_sign_ins
from .viewsets import agency_viewset


@hooks.register("register_admin_viewset")
def register_agency_viewset():
    return agency_viewset


@hooks.register("register_admin_urls")
def register_accounts_admin_urls():
    return [path("accounts/", include(admin_urls, namespace="accounts_admin"))]


class AdministratorsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_unlock_sign_ins(request.user)


@hooks.register("register_settings_menu_item")
def register_locked_sign_ins_menu_item():
    return AdministratorsMenuItem(
        _("Paused sign-ins"),
        reverse("accounts_admin:locked_sign_ins"),
        icon_name="lock",
        order=900,
    )


@hooks.register("register_log_actions")
def register_accounts_log_actions(actions):
    from .audit import register_actions

    register_actions(actions)
