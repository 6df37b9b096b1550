"""Training endpoints under /api/v1/."""

from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("courses", views.CourseViewSet, basename="course")
router.register("batches", views.BatchViewSet, basename="batch")
router.register("enrolments", views.EnrolmentViewSet, basename="enrolment")
router.register(
    "participant-imports", views.ParticipantImportViewSet, basename="participant-import"
)

urlpatterns = router.urls
