"""Participant URLs of the training app; path words are Indonesian."""

from django.urls import path

from .views import participant, scorm

app_name = "training"

urlpatterns = [
    path("pembelajaran-saya/", participant.DashboardView.as_view(), name="dashboard"),
    path("angkatan/<int:batch_id>/daftar/", participant.EnrolView.as_view(), name="enrol"),
    path(
        "pendaftaran/<int:enrolment_id>/mundur/",
        participant.WithdrawView.as_view(),
        name="withdraw",
    ),
    path(
        "pelajaran/<int:lesson_id>/selesai/",
        participant.CompleteLessonView.as_view(),
        name="complete_lesson",
    ),
    path(
        "pelajaran/<int:lesson_id>/scorm/berkas/<path:path>",
        scorm.ScormContentView.as_view(),
        name="scorm_content",
    ),
    path(
        "pelajaran/<int:lesson_id>/scorm/data/",
        scorm.ScormDataView.as_view(),
        name="scorm_data",
    ),
    path("presensi/", participant.CheckInView.as_view(), name="check_in"),
    path("presensi/<str:code>/", participant.CheckInView.as_view(), name="check_in_code"),
]
