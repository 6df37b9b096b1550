"""
Wagtail admin for the public-service information: the complaint queue, where
administrators assign, answer and close complaints, and the survey responses (read only).
"""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import BooleanRadioSelect

from . import services
from .models import Complaint, SurveyResponse
from .permissions import can_manage_complaints
from .spreadsheets import InertSpreadsheetExportMixin


class InertExportIndexView(InertSpreadsheetExportMixin, generic.IndexView):
    """A listing whose .csv and .xlsx hold what visitors typed as text, never as a formula."""


class ComplaintHandlingForm(WagtailAdminModelForm):
    """Assignment, answer and closing; everything else of a complaint is read only."""

    close = forms.BooleanField(
        label=_("Close the complaint"),
        required=False,
        help_text=_("Closed complaints can no longer be changed. Close spam without an answer."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "assigned_to" in self.fields:
            field = self.fields["assigned_to"]
            field.queryset = field.queryset.filter(is_active=True).order_by("full_name")
            field.label_from_instance = lambda user: str(user)

    def clean_assigned_to(self):
        assignee = self.cleaned_data.get("assigned_to")
        if assignee is not None and not can_manage_complaints(assignee):
            raise ValidationError(_("Only administrators can handle complaints."))
        return assignee


class ComplaintEditView(generic.EditView):
    """Saves through the complaint services instead of writing the form to the row."""

    def save_instance(self):
        data = self.form.cleaned_data
        complaint = Complaint.objects.get(pk=self.object.pk)
        user = self.request.user
        if "assigned_to" in self.form.changed_data:
            complaint = services.assign_complaint(
                complaint=complaint, assignee=data.get("assigned_to")
            )
        answer = (data.get("answer") or "").strip()
        if answer and (answer != complaint.answer or complaint.status != "answered"):
            complaint = services.answer_complaint(
                complaint=complaint, answer=answer, answered_by=user
            )
        if data.get("close"):
            complaint = services.close_complaint(complaint=complaint)
        return complaint

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)


class ComplaintFilterSet(WagtailFilterSet):
    """Status and assignee, plus "overdue only": the complaints that need action first."""

    overdue = django_filters.BooleanFilter(
        label=_("Overdue"), method="filter_overdue", widget=BooleanRadioSelect
    )

    class Meta:
        model = Complaint
        fields = ["status", "assigned_to"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = Complaint.objects.overdue().values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)


class OverdueColumn(Column):
    """Shows "Overdue" for open complaints past their due date."""

    def get_value(self, instance):
        return _("Overdue") if instance.is_overdue() else ""


class ComplaintViewSet(ModelViewSet):
    model = Complaint
    icon = "warning"
    menu_label = _("Complaints")
    menu_order = 100
    add_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = InertExportIndexView
    edit_view_class = ComplaintEditView
    list_display = [
        "tracking_code",
        "subject",
        "status",
        "assigned_to",
        "received_at",
        "due_date",
        OverdueColumn("overdue", label=_("Overdue")),
    ]
    filterset_class = ComplaintFilterSet
    search_fields = ["tracking_code", "subject"]
    list_export = [
        "tracking_code",
        "subject",
        "status",
        "assigned_to",
        "received_at",
        "due_date",
        "answered_at",
        "closed_at",
    ]
    export_filename = "pengaduan"
    inspect_view_fields = [
        "tracking_code",
        "subject",
        "message",
        "reporter_name",
        "reporter_email",
        "reporter_phone",
        "status",
        "assigned_to",
        "received_at",
        "due_date",
        "answer",
        "answered_at",
        "answered_by",
        "closed_at",
    ]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("subject", read_only=True),
                    FieldPanel("message", read_only=True),
                    FieldPanel("status", read_only=True),
                    FieldPanel("received_at", read_only=True),
                    FieldPanel("due_date", read_only=True),
                ],
                heading=_("Complaint"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("reporter_name", read_only=True),
                    FieldPanel("reporter_email", read_only=True),
                    FieldPanel("reporter_phone", read_only=True),
                ],
                heading=_("Reporter (confidential)"),
            ),
            FieldPanel("assigned_to"),
            FieldPanel("answer"),
            FieldPanel("close"),
        ],
        base_form_class=ComplaintHandlingForm,
    )

    def get_queryset(self, request):
        return Complaint.objects.select_related("assigned_to")


class SurveyResponseViewSet(ModelViewSet):
    model = SurveyResponse
    icon = "tasks"
    menu_label = _("Satisfaction survey")
    menu_order = 200
    add_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = InertExportIndexView
    list_display = ["submitted_at", "period", "gender", "age", "education", "occupation"]
    list_filter = ["period", "occupation"]
    list_export = [
        "submitted_at",
        "period",
        "gender",
        "age",
        "education",
        "occupation",
        "service_received",
        "u1",
        "u2",
        "u3",
        "u4",
        "u5",
        "u6",
        "u7",
        "u8",
        "u9",
        "suggestion",
    ]
    export_filename = "survei-kepuasan"
    form_fields = []


class PublicServiceViewSetGroup(ViewSetGroup):
    """The menu group "Public service" with the complaint queue and the survey responses."""

    menu_label = _("Public service")
    menu_icon = "info-circle"
    menu_order = 250
    items = (ComplaintViewSet("complaints"), SurveyResponseViewSet("survey_responses"))
