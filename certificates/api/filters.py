"""Query filters of the certificate endpoints (django-filter)."""

import django_filters
from django import forms
from drf_spectacular.utils import extend_schema_field

from accounts.api.filters import IdFilter, MineFilter

from ..models import Certificate, CertificateStatus


@extend_schema_field({"type": "integer", "minimum": 2000, "maximum": 2999})
class YearFilter(django_filters.NumberFilter):
    """A calendar year of this millennium; others are refused (400), not looked up."""

    field_class = forms.IntegerField

    def __init__(self, **kwargs):
        super().__init__(min_value=2000, max_value=2999, **kwargs)


class CertificateFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=CertificateStatus.choices)
    batch = IdFilter(field_name="enrolment__batch_id")
    course = django_filters.CharFilter(
        field_name="enrolment__batch__course__code", lookup_expr="iexact"
    )
    year = YearFilter(field_name="issued_at", lookup_expr="year")
    mine = MineFilter(owner_field="enrolment__participant")

    class Meta:
        model = Certificate
        fields = ["status", "batch", "course", "year", "mine"]
