"""Query filters of the training endpoints (django-filter)."""

import django_filters
from django.utils.translation import gettext_lazy as _

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
    batch = django_filters.NumberFilter(field_name="batch_id")
    course = django_filters.CharFilter(field_name="batch__course__code", lookup_expr="iexact")
    mine = django_filters.BooleanFilter(method="filter_mine", label=_("Only the caller's own"))

    class Meta:
        model = Enrolment
        fields = ["status", "batch", "course", "mine"]

    def filter_mine(self, queryset, name, value):
        if value is None:
            return queryset
        if value:
            return queryset.filter(participant=self.request.user)
        return queryset.exclude(participant=self.request.user)
