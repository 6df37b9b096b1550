"""What the training endpoints say about courses, batches, enrolments and imports."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..forms import check_participant_file
from ..models import Batch, CoursePage, Enrolment, LessonPage, ModulePage, ParticipantImport


class PageUrlField(serializers.Field):
    """The absolute address of a Wagtail page, on the site that serves it."""

    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, page):
        return page.get_full_url(self.context.get("request"))


PageUrlField = extend_schema_field({"type": "string", "format": "uri", "nullable": True})(
    PageUrlField
)


class LessonOutlineSerializer(serializers.ModelSerializer):
    url = PageUrlField()

    class Meta:
        model = LessonPage
        fields = ["id", "title", "estimated_minutes", "is_required", "url"]


class ModuleOutlineSerializer(serializers.ModelSerializer):
    lessons = LessonOutlineSerializer(many=True, read_only=True)

    class Meta:
        model = ModulePage
        fields = ["id", "title", "lessons"]


class BatchSerializer(serializers.ModelSerializer):
    """A batch (angkatan) and how many places it has left (null: no limit)."""

    course = serializers.IntegerField(source="course_id", read_only=True)
    places_left = serializers.SerializerMethodField()

    class Meta:
        model = Batch
        fields = [
            "id",
            "name",
            "course",
            "status",
            "starts_on",
            "ends_on",
            "mode",
            "location",
            "enrolment_policy",
            "enrolment_opens",
            "enrolment_closes",
            "capacity",
            "places_left",
        ]
        read_only_fields = fields

    def get_places_left(self, batch) -> int | None:
        if batch.capacity is None:
            return None
        return max(0, batch.capacity - getattr(batch, "places_taken", 0))


class CourseSerializer(serializers.ModelSerializer):
    """A course of the catalogue with its outline and the batches open for enrolment."""

    url = PageUrlField()
    language = serializers.CharField(source="locale.language_code", read_only=True)
    topics = serializers.SerializerMethodField()
    modules = ModuleOutlineSerializer(source="outline", many=True, read_only=True)
    open_batches = BatchSerializer(many=True, read_only=True)

    class Meta:
        model = CoursePage
        fields = [
            "id",
            "translation_key",
            "language",
            "code",
            "title",
            "url",
            "summary",
            "jp",
            "level",
            "delivery_language",
            "delivery_mode",
            "partner",
            "topics",
            "modules",
            "open_batches",
        ]
        read_only_fields = fields

    def get_topics(self, course) -> list[str]:
        return [tag.slug for tag in course.tags.all()]


class CourseBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = CoursePage
        fields = ["id", "code", "title", "jp"]
        read_only_fields = fields


class BatchBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Batch
        fields = ["id", "name", "starts_on", "ends_on", "mode"]
        read_only_fields = fields


class ParticipantSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    full_name = serializers.CharField(source="get_full_name")
    nip = serializers.CharField(allow_null=True)
    agency = serializers.CharField(source="agency.name", default=None, allow_null=True)


class ProgressSerializer(serializers.Serializer):
    done = serializers.IntegerField(source="done_count")
    total = serializers.IntegerField(source="total_count")
    percent = serializers.IntegerField()


class EnrolmentSerializer(serializers.ModelSerializer):
    """An enrolment, its batch and course, and the share of counted lessons done."""

    batch = BatchBriefSerializer(read_only=True)
    course = CourseBriefSerializer(source="batch.course", read_only=True)
    participant = ParticipantSerializer(read_only=True)
    progress = ProgressSerializer(read_only=True)

    class Meta:
        model = Enrolment
        fields = [
            "id",
            "status",
            "enrolled_at",
            "completed_at",
            "withdrawn_at",
            "batch",
            "course",
            "participant",
            "progress",
        ]
        read_only_fields = fields


class LessonStateSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="lesson.id")
    title = serializers.CharField(source="lesson.title")
    is_required = serializers.BooleanField(source="lesson.is_required")
    done = serializers.BooleanField()
    locked = serializers.BooleanField()
    last_opened_at = serializers.DateTimeField(source="opened_at", allow_null=True)


class EnrolmentDetailSerializer(EnrolmentSerializer):
    """An enrolment with the state of every lesson of its course, in reading order."""

    lessons = LessonStateSerializer(source="progress.lessons", many=True, read_only=True)

    class Meta(EnrolmentSerializer.Meta):
        fields = [*EnrolmentSerializer.Meta.fields, "lessons"]
        read_only_fields = fields


class ImportRowSerializer(serializers.Serializer):
    """One row of the file: new, updated or error, with the reasons of an error."""

    row = serializers.IntegerField()
    status = serializers.ChoiceField(choices=["new", "updated", "error"])
    nip = serializers.CharField(allow_blank=True)
    full_name = serializers.CharField(allow_blank=True)
    email = serializers.CharField(allow_blank=True)
    rank = serializers.CharField(allow_blank=True)
    position = serializers.CharField(allow_blank=True)
    agency = serializers.CharField(source="agency_name", allow_blank=True)
    reasons = serializers.ListField(child=serializers.CharField())


class ParticipantImportSerializer(serializers.ModelSerializer):
    """An uploaded participant list: its rows as checked now, and the counts once imported."""

    batch = serializers.IntegerField(source="batch_id", read_only=True)
    rows = ImportRowSerializer(source="results", many=True, read_only=True)
    valid_count = serializers.SerializerMethodField()

    class Meta:
        model = ParticipantImport
        fields = [
            "id",
            "batch",
            "file_name",
            "status",
            "uploaded_at",
            "imported_at",
            "valid_count",
            "error_count",
            "created_count",
            "updated_count",
            "enrolled_count",
            "rows",
        ]
        read_only_fields = fields

    def get_valid_count(self, participant_import) -> int:
        return sum(1 for result in participant_import.results if result.is_valid)


class ParticipantImportUploadSerializer(serializers.Serializer):
    """An .xlsx or .csv participant list; ``commit`` imports its valid rows at once."""

    file = serializers.FileField()
    commit = serializers.BooleanField(
        default=False, help_text=_("Import the valid rows now instead of only previewing them.")
    )

    def validate_file(self, upload):
        return check_participant_file(upload)
