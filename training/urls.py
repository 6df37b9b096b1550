"""Participant URLs of the training app; path words are Indonesian."""

from django.urls import path

from .views import participant, schedule, scorm, scorm_origin, xapi

app_name = "training"

urlpatterns = [
    path("pembelajaran-saya/", participant.DashboardView.as_view(), name="dashboard"),
    path(
        "pembelajaran-saya/catatan-belajar/",
        xapi.LearningRecordView.as_view(),
        name="learning_record",
    ),
    path(
        "pembelajaran-saya/catatan-belajar.json",
        xapi.LearningRecordExportView.as_view(),
        name="learning_record_export",
    ),
    path(
        "angkatan/<int:batch_id>/jadwal.ics",
        schedule.BatchCalendarView.as_view(),
        name="batch_calendar",
    ),
    path(
        "kalender/<str:token>/jadwal.ics",
        schedule.CalendarFeedView.as_view(),
        name="calendar_feed",
    ),
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
        scorm_origin.SiteScormContentView.as_view(),
        name="scorm_content",
    ),
    # Only on SCORM_CONTENT_ORIGIN's host, with the lesson page's signed token.
    path(
        "pelajaran/<int:lesson_id>/scorm/konten/<str:token>/<path:path>",
        scorm_origin.ScormContentOriginView.as_view(),
        name="scorm_content_origin",
    ),
    path(
        "pelajaran/<int:lesson_id>/scorm/data/",
        scorm.ScormDataView.as_view(),
        name="scorm_data",
    ),
    path("presensi/", participant.CheckInView.as_view(), name="check_in"),
    path("presensi/<str:code>/", participant.CheckInView.as_view(), name="check_in_code"),
]
