"""Account URLs, under /akun/ (Indonesian) and /en/akun/."""

from django.urls import path

from . import twofactor_views, views

app_name = "accounts"

urlpatterns = [
    path("masuk/", views.SignInView.as_view(), name="login"),
    path("masuk/kode/", twofactor_views.SignInCodeView.as_view(), name="login_code"),
    path("keluar/", views.SignOutView.as_view(), name="logout"),
    path("profil/", views.ProfileView.as_view(), name="profile"),
    path("profil/token/", views.AccessTokenCreateView.as_view(), name="access_token_create"),
    path(
        "profil/pengingat/",
        views.NotificationPreferencesView.as_view(),
        name="notification_preferences",
    ),
    path("profil/kalender/", views.CalendarFeedView.as_view(), name="calendar_feed"),
    path(
        "profil/token/<int:pk>/cabut/",
        views.AccessTokenRevokeView.as_view(),
        name="access_token_revoke",
    ),
    path("profil/dua-faktor/", twofactor_views.TwoFactorView.as_view(), name="two_factor"),
    path(
        "profil/dua-faktor/atur/",
        twofactor_views.TwoFactorSetupView.as_view(),
        name="two_factor_setup",
    ),
    path(
        "profil/dua-faktor/kode-pemulihan/",
        twofactor_views.RecoveryCodesView.as_view(),
        name="two_factor_recovery_codes",
    ),
    path(
        "profil/dua-faktor/matikan/",
        twofactor_views.TwoFactorDisableView.as_view(),
        name="two_factor_disable",
    ),
    path("sandi/ubah/", views.PasswordChangeView.as_view(), name="password_change"),
    path("sandi/lupa/", views.PasswordResetView.as_view(), name="password_reset"),
    path("sandi/lupa/terkirim/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "sandi/atur/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "aktivasi/<uidb64>/<token>/",
        views.InvitationAcceptView.as_view(),
        name="invitation_accept",
    ),
    path(
        "aktivasi/selesai/",
        views.InvitationCompleteView.as_view(),
        name="invitation_complete",
    ),
    path(
        "sandi/atur/selesai/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
