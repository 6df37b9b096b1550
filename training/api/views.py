"""
Training endpoints: the public catalogue, batches, enrolments with progress, and the
participant import (upload → preview → run), each behind a rule of ``training.permissions``.

Lists load what their items show (outlines, open batches, progress) for a whole page at once,
so the number of queries does not grow with the page size.
"""

from django.db.models import Count, Q
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import filters, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from wagtail.models import Locale

from accounts.api.throttling import WriteRateThrottle

from ..models import CoursePage, ParticipantImport
from ..models.batches import SEAT_HOLDING_STATUSES
from ..permissions import batches_visible_to, can_manage_batch, enrolments_visible_to
from ..selectors import course_outlines, open_batches_of_courses, progress_of_enrolments
from ..services import (
    ImportFileError,
    check_import_rows,
    preview_participant_import,
    run_participant_import,
)
from .filters import BatchFilter, CourseFilter, EnrolmentFilter
from .permissions import CanManageBatch
from .serializers import (
    BatchSerializer,
    CourseSerializer,
    EnrolmentDetailSerializer,
    EnrolmentSerializer,
    ParticipantImportSerializer,
    ParticipantImportUploadSerializer,
)


class PageLoadMixin:
    """
    A viewset whose items show related data (outlines, progress) loaded for a whole page,
    or for the one object of a detail, at once by ``load_for``.
    """

    def load_for(self, objects: list) -> list:
        return objects

    def paginate_queryset(self, queryset):
        return self.load_for(super().paginate_queryset(queryset))

    def get_object(self):
        return self.load_for([super().get_object()])[0]


@extend_schema_view(
    list=extend_schema(summary="The course catalogue"),
    retrieve=extend_schema(summary="One course with its outline"),
)
class CourseViewSet(PageLoadMixin, viewsets.ReadOnlyModelViewSet):
    """
    Published, public courses. The list holds the courses in the language asked for with
    ``Accept-Language`` (Indonesian by default); a course is found by id in any language.
    """

    serializer_class = CourseSerializer
    permission_classes = [AllowAny]
    filterset_class = CourseFilter
    filter_backends = [*viewsets.ReadOnlyModelViewSet.filter_backends, filters.SearchFilter]
    search_fields = ["title", "code", "summary"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return CoursePage.objects.none()  # The schema is built without a database.
        courses = (
            CoursePage.objects.live()
            .public()
            .select_related("locale")
            .prefetch_related("tags")
            .order_by("title", "pk")
        )
        if self.action == "list":
            courses = courses.filter(locale=Locale.get_active())
        return courses

    def load_for(self, courses):
        outlines = course_outlines(courses)
        batches = open_batches_of_courses(courses)
        for course in courses:
            course.outline = outlines[course.pk]
            course.open_batches = batches[course.translation_key]
        return courses


def _with_places_taken(batches):
    return batches.annotate(
        places_taken=Count("enrolments", filter=Q(enrolments__status__in=SEAT_HOLDING_STATUSES))
    )


@extend_schema_view(
    list=extend_schema(summary="Batches the caller follows"),
    retrieve=extend_schema(summary="One batch"),
)
class BatchViewSet(viewsets.ReadOnlyModelViewSet):
    """
    Batches the caller may follow: every batch for administrators, the batches of their own
    courses for trainers, none for participants (open batches are in the catalogue).
    """

    serializer_class = BatchSerializer
    filterset_class = BatchFilter

    def get_queryset(self):
        return _with_places_taken(batches_visible_to(self.request.user)).order_by(
            "-starts_on", "name", "pk"
        )

    @extend_schema(
        summary="Upload a participant list into a batch",
        request={"multipart/form-data": ParticipantImportUploadSerializer},
        responses={201: ParticipantImportSerializer},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="participant-imports",
        permission_classes=[IsAuthenticated, CanManageBatch],
        parser_classes=[MultiPartParser, FormParser],
        throttle_classes=[*viewsets.ReadOnlyModelViewSet.throttle_classes, WriteRateThrottle],
        serializer_class=ParticipantImportUploadSerializer,
    )
    def participant_imports(self, request, pk=None):
        """
        Check every row of an .xlsx or .csv list (the preview), and with ``commit`` import
        the valid rows at once. Rows with errors are reported with their row number and
        reason and never imported.
        """
        batch = self.get_object()
        upload = ParticipantImportUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        file = upload.validated_data["file"]
        try:
            participant_import, results = preview_participant_import(
                batch=batch, content=file.read(), file_name=file.name, uploaded_by=request.user
            )
        except ImportFileError as error:
            raise ValidationError({"file": error.messages}) from error
        if upload.validated_data["commit"]:
            participant_import = run_participant_import(
                participant_import=participant_import, imported_by=request.user
            )
        participant_import.results = results
        return Response(
            ParticipantImportSerializer(participant_import).data, status=status.HTTP_201_CREATED
        )


@extend_schema_view(
    list=extend_schema(summary="Enrolments with progress"),
    retrieve=extend_schema(summary="One enrolment, lesson by lesson"),
)
class EnrolmentViewSet(PageLoadMixin, viewsets.ReadOnlyModelViewSet):
    """
    Enrolments whose progress the caller may see: their own, and for trainers and
    administrators those of the batches they follow (``?mine=true`` keeps only their own).
    Anybody else's enrolment is answered 404.
    """

    filterset_class = EnrolmentFilter

    def get_serializer_class(self):
        return EnrolmentDetailSerializer if self.action == "retrieve" else EnrolmentSerializer

    def get_queryset(self):
        return (
            enrolments_visible_to(self.request.user)
            .select_related("batch__course", "participant__agency")
            .order_by("-enrolled_at", "-pk")
        )

    def load_for(self, enrolments):
        progress = progress_of_enrolments(enrolments)
        for enrolment in enrolments:
            enrolment.progress = progress[enrolment.pk]
        return enrolments


@extend_schema_view(
    list=extend_schema(summary="Participant imports"),
    retrieve=extend_schema(summary="One participant import, its rows checked again"),
)
class ParticipantImportViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Uploaded participant lists, for administrators; nobody else sees any."""

    serializer_class = ParticipantImportSerializer

    def get_queryset(self):
        if not can_manage_batch(self.request.user):
            return ParticipantImport.objects.none()
        return ParticipantImport.objects.select_related("batch").order_by("-uploaded_at", "-pk")

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        for participant_import in page:
            # A list shows the outcome, not every row again.
            participant_import.results = []
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, pk=None):
        participant_import = self.get_object()
        participant_import.results = check_import_rows(
            batch=participant_import.batch, rows=participant_import.rows
        )
        return Response(self.get_serializer(participant_import).data)

    @extend_schema(
        summary="Import the valid rows of a previewed list",
        request=None,
        responses={200: ParticipantImportSerializer},
    )
    @action(
        detail=True,
        methods=["post"],
        throttle_classes=[*viewsets.GenericViewSet.throttle_classes, WriteRateThrottle],
    )
    def run(self, request, pk=None):
        """
        Import every valid row, in one transaction, checking the rows again first. Running an
        import that already ran changes nothing and answers the same.
        """
        participant_import = run_participant_import(
            participant_import=self.get_object(), imported_by=request.user
        )
        participant_import.results = check_import_rows(
            batch=participant_import.batch, rows=participant_import.rows
        )
        return Response(self.get_serializer(participant_import).data)
