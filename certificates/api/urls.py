"""Certificate endpoints under /api/v1/."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("certificates", views.CertificateViewSet, basename="certificate")
router.register("certificate-jobs", views.CertificateBatchJobViewSet, basename="certificate-job")

urlpatterns = [
    *router.urls,
    path(
        "enrolments/<int:pk>/certificate/",
        views.IssueCertificateView.as_view(),
        name="enrolment-certificate",
    ),
    path(
        "batches/<int:pk>/certificate-jobs/",
        views.IssueBatchCertificatesView.as_view(),
        name="batch-certificate-jobs",
    ),
]
