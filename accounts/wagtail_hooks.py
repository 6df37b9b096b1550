"""
Admin registration for accounts: agencies, paused sign-ins, audit-log actions, and whom a
trainer should ask.
"""

from django import forms
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.account import BaseSettingsPanel

from . import admin_urls
from .permissions import can_unlock_sign_ins
from .roles import is_administrator, is_trainer
from .viewsets import agency_viewset


@hooks.register("register_admin_viewset")
def register_agency_viewset():
    return agency_viewset


@hooks.register("register_admin_urls")
def register_accounts_admin_urls():
    return [path("accounts/", include(admin_urls, namespace="accounts_admin"))]


class AdministratorsMenuItem(MenuItem):
    """A settings menu item for administrators; the check runs once per request, not per item."""

    def is_shown(self, request):
        if not hasattr(request, "_bimtek_administrator_menu"):
            request._bimtek_administrator_menu = can_unlock_sign_ins(request.user)
        return request._bimtek_administrator_menu


@hooks.register("register_settings_menu_item")
def register_locked_sign_ins_menu_item():
    return AdministratorsMenuItem(
        _("Paused sign-ins"),
        reverse("accounts_admin:locked_sign_ins"),
        icon_name="lock",
        order=900,
    )


@hooks.register("register_settings_menu_item")
def register_two_factor_users_menu_item():
    return AdministratorsMenuItem(
        _("Two-factor sign-in"),
        reverse("accounts_admin:two_factor_users"),
        icon_name="key",
        order=910,
    )


class TwoFactorSettingsPanel(BaseSettingsPanel):
    """
    On the admin's account page: whether two-factor sign-in is on, and a link to manage it.
    It has no fields of its own (the set-up is a page of its own, with the QR code), so its
    form is empty and never bound: the account page's save leaves it alone.
    """

    name = "two_factor"
    title = _("Two-factor sign-in")
    order = 550
    template_name = "accounts/admin/two_factor_panel.html"

    def get_form(self):
        return forms.Form(prefix=self.name)

    def get_context_data(self):
        from .twofactor import confirmed_device, unused_recovery_codes

        device = confirmed_device(self.user)
        return {
            "form": self.get_form(),
            "device": device,
            "unused_codes": unused_recovery_codes(self.user) if device else 0,
        }


@hooks.register("register_account_settings_panel")
def register_two_factor_panel(request, user, profile):
    return TwoFactorSettingsPanel(request, user, profile)


@hooks.register("register_log_actions")
def register_accounts_log_actions(actions):
    from .audit import register_actions

    register_actions(actions)


class AskAdministratorsPanel(Component):
    """The dashboard panel that tells a trainer whom to ask for what only administrators do."""

    name = "ask_administrators"
    order = 50
    template_name = "accounts/admin/ask_administrators_panel.html"

    def get_context_data(self, parent_context):
        return {"request": parent_context.get("request")}


@hooks.register("construct_homepage_panels")
def add_ask_administrators_panel(request, panels):
    # Refusals in the admin land on the dashboard: trainers find there whom to ask.
    if is_trainer(request.user) and not is_administrator(request.user):
        panels.append(AskAdministratorsPanel())
