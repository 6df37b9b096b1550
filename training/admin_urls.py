"""Admin URLs of the training app (mounted under /admin/training/ by wagtail_hooks)."""

from django.urls import path

from .views import admin

app_name = "training_admin"

urlpatterns = [
    path("batches/<int:pk>/progress/", admin.BatchProgressView.as_view(), name="batch_progress"),
    path(
        "batches/<int:pk>/progress.xlsx",
        admin.BatchProgressExportView.as_view(),
        name="batch_progress_export",
    ),
    path(
        "batches/<int:pk>/enrolments/<int:enrolment_pk>/decide/",
        admin.EnrolmentDecisionView.as_view(),
        name="enrolment_decision",
    ),
    path(
        "batches/<int:pk>/enrolments/<int:enrolment_pk>/status/",
        admin.EnrolmentStatusView.as_view(),
        name="enrolment_status",
    ),
    path("batches/<int:pk>/import/", admin.ImportUploadView.as_view(), name="import_upload"),
    path(
        "batches/<int:pk>/import/<int:import_pk>/",
        admin.ImportPreviewView.as_view(),
        name="import_preview",
    ),
    path(
        "batches/<int:pk>/import/<int:import_pk>/progress/",
        admin.ImportProgressView.as_view(),
        name="import_progress",
    ),
    path("import-template.xlsx", admin.ImportTemplateView.as_view(), name="import_template"),
    path(
        "sessions/<int:pk>/attendance/",
        admin.SessionAttendanceView.as_view(),
        name="session_attendance",
    ),
]
