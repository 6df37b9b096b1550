"""Participant and public certificate URLs (inside the language prefix)."""

from django.urls import path, re_path

from . import views

app_name = "certificates"

urlpatterns = [
    re_path(r"^v/(?P<code>[^/.]{1,32})\.json$", views.verify_certificate_json, name="verify_json"),
    re_path(r"^v/(?P<code>[^/.]{1,32})/?$", views.verify_certificate, name="verify"),
    path("sertifikat-saya/", views.MyCertificatesView.as_view(), name="mine"),
    path(
        "sertifikat-saya/<str:code>/unduh/",
        views.download_own_certificate,
        name="download",
    ),
]
