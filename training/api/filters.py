"""Query filters of the training endpoints (django-filter)."""

import django_filters

from accounts.api.filters import IdFilter, MineFilter

from ..models import (
    Batch,
    BatchStatus,
    CourseLevel,
    CoursePage,
    DeliveryLanguage,
    DeliveryMode,
    Enrolment,
    EnrolmentStatus,
)


class CourseFilter(django_filters.FilterSet):
    code = django_filters.CharFilter(field_name="code", lookup_expr="iexact")
    level = django_filters.ChoiceFilter(choices=CourseLevel.choices)
    language = django_filters.ChoiceFilter(
        field_name="delivery_language", choices=DeliveryLanguage.choices
    )
    mode = django_filters.ChoiceFilter(field_name="delivery_mode", choices=DeliveryMode.choices)
    topic = django_filters.CharFilter(field_name="tags__slug", distinct=True)

    class Meta:
        model = CoursePage
        fields = ["code", "level", "language", "mode", "topic"]


class BatchFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=BatchStatus.choices)
    course = django_filters.CharFilter(field_name="course__code", lookup_expr="iexact")

    class Meta:
        model = Batch
        fields = ["status", "course"]


class EnrolmentFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=EnrolmentStatus.choices)
    batch = IdFilter(field_name="batch_id")
    course = django_filters.CharFilter(field_name="batch__course__code", lookup_expr="iexact")
    mine = MineFilter(owner_field="participant")

    class Meta:
        model = Enrolment
        fields = ["status", "batch", "course", "mine"]
