"""Form helpers shared by the admin viewsets of every app."""

from wagtail.admin.forms.models import formfield_for_dbfield


class AdminWidgetsViewSetMixin:
    """
    For a ``ModelViewSet`` whose form comes from ``form_fields``: Wagtail's admin widgets
    (the date, time and date-time pickers among them) instead of Django's plain inputs,
    as the panel-built forms get them.
    """

    def formfield_for_dbfield(self, db_field, **kwargs):
        return formfield_for_dbfield(db_field, **kwargs)
