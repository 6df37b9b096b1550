"""Participant and public certificate URLs (inside the language prefix)."""

from django.urls import path, re_path

from . import badge_views, views

app_name = "certificates"

urlpatterns = [
    re_path(r"^v/(?P<code>[^/.]{1,32})\.json$", views.verify_certificate_json, name="verify_json"),
    re_path(r"^v/(?P<code>[^/.]{1,32})/?$", views.verify_certificate, name="verify"),
    re_path(
        r"^v/(?P<code>[^/.]{1,32})/openbadge\.json$",
        badge_views.certificate_badge_json,
        name="badge_json",
    ),
    re_path(
        r"^v/(?P<code>[^/.]{1,32})/openbadge\.jwt$",
        badge_views.certificate_badge_jwt,
        name="badge_jwt",
    ),
    path("sertifikat-saya/", views.MyCertificatesView.as_view(), name="mine"),
    path(
        "sertifikat-saya/<str:code>/unduh/",
        views.download_own_certificate,
        name="download",
    ),
    # The holder's own copy of the credential, with the hashed NIP (signed-in holder only).
    path(
        "sertifikat-saya/<str:code>/openbadge.json",
        badge_views.holder_badge_json,
        name="holder_badge_json",
    ),
    path(
        "sertifikat-saya/<str:code>/openbadge.jwt",
        badge_views.holder_badge_jwt,
        name="holder_badge_jwt",
    ),
]
