"""Query filters of the certificate endpoints (django-filter)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from ..models import Certificate, CertificateStatus


class CertificateFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=CertificateStatus.choices)
    batch = django_filters.NumberFilter(field_name="enrolment__batch_id")
    course = django_filters.CharFilter(
        field_name="enrolment__batch__course__code", lookup_expr="iexact"
    )
    year = django_filters.NumberFilter(field_name="issued_at", lookup_expr="year")
    mine = django_filters.BooleanFilter(method="filter_mine", label=_("Only the caller's own"))

    class Meta:
        model = Certificate
        fields = ["status", "batch", "course", "year", "mine"]

    def filter_mine(self, queryset, name, value):
        if value is None:
            return queryset
        if value:
            return queryset.filter(enrolment__participant=self.request.user)
        return queryset.exclude(enrolment__participant=self.request.user)
