"""Query filters shared by the API's endpoints."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES
from drf_spectacular.utils import extend_schema_field


class MineFilter(django_filters.ChoiceFilter):
    """
    ``?mine=true`` keeps the caller's own objects, ``?mine=false`` everyone else's that the
    caller may see. Anything else is refused (400), as the schema's enum says.
    """

    def __init__(self, *, owner_field: str, **kwargs):
        self.owner_field = owner_field
        kwargs.setdefault("label", _("Only the caller's own"))
        super().__init__(choices=[("true", "true"), ("false", "false")], **kwargs)

    def filter(self, queryset, value):
        if value in EMPTY_VALUES:
            return queryset
        own = {self.owner_field: self.parent.request.user}
        return queryset.filter(**own) if value == "true" else queryset.exclude(**own)


@extend_schema_field({"type": "integer", "minimum": 1})
class IdFilter(django_filters.NumberFilter):
    """The id of a related object: a whole number from 1 up, or a 400."""

    field_class = forms.IntegerField

    def __init__(self, **kwargs):
        super().__init__(min_value=1, **kwargs)
