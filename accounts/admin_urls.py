"""Admin URLs of the accounts app, under /admin/accounts/."""

from django.urls import path

from . import admin_views

app_name = "accounts_admin"

urlpatterns = [
    path("sign-ins/paused/", admin_views.locked_sign_ins_view, name="locked_sign_ins"),
    path(
        "sign-ins/paused/<int:attempt_id>/unlock/",
        admin_views.unlock_sign_in_view,
        name="unlock_sign_in",
    ),
]
