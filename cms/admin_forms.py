"""Form helpers shared by the admin viewsets of every app."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.models import formfield_for_dbfield

# The format to type, shown in the empty field (bimtek/formats: day first, a dot or a colon).
PLACEHOLDERS = (
    (forms.DateTimeField, _("dd/mm/yyyy hh:mm")),
    (forms.DateField, _("dd/mm/yyyy")),
    (forms.TimeField, _("hh:mm")),
)


class AdminWidgetsViewSetMixin:
    """
    For a ``ModelViewSet`` whose form comes from ``form_fields``: Wagtail's admin widgets
    (the date, time and date-time pickers among them) instead of Django's plain inputs,
    as the panel-built forms get them, with the format to type shown in the empty field.
    """

    def formfield_for_dbfield(self, db_field, **kwargs):
        field = formfield_for_dbfield(db_field, **kwargs)
        for field_class, placeholder in PLACEHOLDERS:
            if isinstance(field, field_class):
                field.widget.attrs.setdefault("placeholder", placeholder)
                break
        return field
