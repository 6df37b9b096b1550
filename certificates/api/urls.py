"""Certificate endpoints under /api/v1/."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("certificates", views.CertificateViewSet, basename="certificate")

urlpatterns = [
    *router.urls,
    path(
        "enrolments/<int:pk>/certificate/",
        views.IssueCertificateView.as_view(),
        name="enrolment-certificate",
    ),
]
