"""Admin URLs of the accounts app, under /admin/accounts/."""

from django.urls import path

from . import admin_views, twofactor_views

app_name = "accounts_admin"

urlpatterns = [
    path("sign-ins/paused/", admin_views.locked_sign_ins_view, name="locked_sign_ins"),
    path(
        "sign-ins/paused/<int:attempt_id>/unlock/",
        admin_views.unlock_sign_in_view,
        name="unlock_sign_in",
    ),
    path("two-factor/", twofactor_views.AdminTwoFactorView.as_view(), name="two_factor"),
    path(
        "two-factor/setup/",
        twofactor_views.AdminTwoFactorSetupView.as_view(),
        name="two_factor_setup",
    ),
    path(
        "two-factor/recovery-codes/",
        twofactor_views.AdminRecoveryCodesView.as_view(),
        name="two_factor_recovery_codes",
    ),
    path(
        "two-factor/turn-off/",
        twofactor_views.AdminTwoFactorDisableView.as_view(),
        name="two_factor_disable",
    ),
    path("two-factor/users/", twofactor_views.two_factor_users_view, name="two_factor_users"),
    path(
        "two-factor/users/<int:user_id>/reset/",
        twofactor_views.two_factor_reset_view,
        name="two_factor_reset",
    ),
]
