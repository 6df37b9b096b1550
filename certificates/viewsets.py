"""
Wagtail admin viewsets for certificates: design (signatories, templates), course settings,
the register (buku register sertifikat) with filters and .xlsx export, and batch issues.
"""

import django_filters
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.admin_forms import AdminWidgetsViewSetMixin
from cms.spreadsheets import InertSpreadsheetExportMixin
from training.models import Batch
from training.reports.base import ExportInUserLanguageMixin, batch_choices, course_choices

from . import admin_views
from .models import (
    Certificate,
    CertificateBatchJob,
    CertificateStatus,
    CertificateTemplate,
    CourseCertificateSettings,
    RenderStatus,
    Signatory,
)
from .permissions import can_reissue_certificate

# --- Design (snippets) ------------------------------------------------------------------


class SignatoryViewSet(SnippetViewSet):
    model = Signatory
    icon = "user"
    menu_label = _("Signatories")
    list_display = ["name", "position", "nip"]
    search_fields = ["name", "position", "nip"]
    copy_view_enabled = False


class CertificateTemplateViewSet(SnippetViewSet):
    model = CertificateTemplate
    icon = "doc-full"
    menu_label = _("Certificate templates")
    list_display = ["name", "orientation", "number_pattern"]
    search_fields = ["name"]


class CertificateDesignGroup(SnippetViewSetGroup):
    items = (CertificateTemplateViewSet, SignatoryViewSet)
    menu_icon = "doc-full"
    menu_label = _("Certificate design")
    menu_name = "certificate-design"
    menu_order = 420


# --- Records without the generic add/edit/delete screens ---------------------------------


class RecordViewSetMixin:
    """
    A model viewset whose records are made and changed by services, never by Wagtail's
    generic forms: the generic screens named in ``unrouted_views`` are not routed, and no
    view links to one that is gone (a list row's "Delete" button would reverse a URL that
    does not exist). ``replaced_views`` names those a subclass routes to views of its own.
    """

    unrouted_views = ("add", "edit", "delete", "copy")
    replaced_views = ()

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in set(self.unrouted_views) - set(self.replaced_views):
            if f"{name}_url_name" in view_kwargs:
                view_kwargs[f"{name}_url_name"] = None
        return view_kwargs

    def get_urlpatterns(self):
        return [
            pattern
            for pattern in super().get_urlpatterns()
            if pattern.name not in self.unrouted_views
        ]


# --- Register ---------------------------------------------------------------------------


def _year_choices():
    years = (
        Certificate.objects.issued()
        .exclude(sequence_year=None)
        .values_list("sequence_year", flat=True)
        .distinct()
        .order_by("-sequence_year")
    )
    return [(year, year) for year in years]


class CertificateFilterSet(WagtailFilterSet):
    # Plain choices, not model instances: 1,000 batches as pages cost seconds per request.
    course = django_filters.ChoiceFilter(
        label=_("Course"),
        field_name="enrolment__batch__course_id",
        choices=lambda: course_choices(Batch.objects.all()),
    )
    batch = django_filters.ChoiceFilter(
        label=_("Batch"),
        field_name="enrolment__batch_id",
        choices=lambda: batch_choices(Batch.objects.all()),
    )
    year = django_filters.TypedChoiceFilter(
        label=_("Year"), field_name="sequence_year", choices=_year_choices, coerce=int
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=CertificateStatus.choices)
    render_status = django_filters.ChoiceFilter(label=_("PDF"), choices=RenderStatus.choices)

    class Meta:
        model = Certificate
        fields = []


class CertificateIndexView(ExportInUserLanguageMixin, InertSpreadsheetExportMixin, IndexView):
    """The register: rows open the certificate's page, never an edit form."""

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("enrolment__participant", "enrolment__batch__course")
        )

    def get_edit_url(self, instance):
        return reverse("certificates_register:inspect", args=[instance.pk])


class CertificateInspectView(InspectView):
    template_name = "certificates/admin/certificate_inspect.html"

    def get_edit_url(self):
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        successor = Certificate.objects.filter(replaces=self.object).first()
        context["successor"] = successor
        context["can_reissue"] = can_reissue_certificate(
            self.request.user, self.object, successor=successor
        )
        return context


class CertificateViewSet(RecordViewSetMixin, ModelViewSet):
    model = Certificate
    icon = "doc-full-inverse"
    menu_label = _("Certificate register")
    index_view_class = CertificateIndexView
    inspect_view_class = CertificateInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    # Certificates are records, not content: indexing each one's references would cost a
    # few queries per issue (hundreds in a batch) and tell an editor nothing.
    add_to_reference_index = False
    # No add or edit form is routed (see get_urlpatterns); ModelViewSet still wants fields.
    form_fields = ["status"]
    filterset_class = CertificateFilterSet
    search_fields = [
        "number",
        "code",
        "enrolment__participant__full_name",
        "enrolment__participant__nip",
    ]
    list_display = [
        "number",
        Column("participant_name", label=_("Participant"), accessor="participant_name"),
        Column("course_title", label=_("Course"), accessor="course_title"),
        Column("batch_name", label=_("Batch"), accessor="batch_name"),
        DateColumn("issued_at", label=_("Issued at")),
        "status",
        "render_status",
    ]
    list_export = [
        "number",
        "code",
        "participant_name",
        "participant_nip",
        "participant_rank",
        "participant_position",
        "participant_agency",
        "course_title",
        "course_code",
        "batch_name",
        "jp",
        "issued_at",
        "expires_on",
        # The label in the reader's language, not the stored code ("valid").
        "get_status_display",
        "revoked_at",
        "revocation_reason",
        "pdf_sha256",
        "verification_url",
    ]
    export_headings = {
        "participant_name": _("Participant"),
        "participant_nip": _("NIP"),
        "participant_rank": _("Rank/grade"),
        "participant_position": _("Position"),
        "participant_agency": _("Agency"),
        "course_title": _("Course"),
        "course_code": _("Course code"),
        "batch_name": _("Batch"),
        "jp": _("JP"),
        "get_status_display": _("Status"),
        "verification_url": _("Verification address"),
    }
    export_filename = "buku-register-sertifikat"
    inspect_view_fields = [
        "number",
        "code",
        "status",
        "issued_at",
        "expires_on",
        "revoked_at",
        "revocation_reason",
        "render_status",
        "render_attempts",
        "render_error",
        "is_signed",
        "pdf_sha256",
    ]

    # The generic views reverse "edit"; it resolves to the read-only certificate page.
    replaced_views = ("edit",)

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("edit/<int:pk>/", self.inspect_view, name="edit"),
            path("revoke/<int:pk>/", admin_views.revoke_view, name="revoke"),
            path("reissue/<int:pk>/", admin_views.reissue_view, name="reissue"),
            path("approve/<int:pk>/", admin_views.approve_view, name="approve"),
            path("render/<int:pk>/", admin_views.render_view, name="render"),
            path("download/<int:pk>/", admin_views.download_view, name="download"),
            path("batch-zip/<int:batch_pk>/", admin_views.batch_zip_view, name="batch_zip"),
        ]


class CourseCertificateSettingsViewSet(AdminWidgetsViewSetMixin, ModelViewSet):
    model = CourseCertificateSettings
    icon = "cog"
    menu_label = _("Course certificate settings")
    list_display = ["course", "template", "issue_mode", "validity_months"]
    form_fields = ["course", "template", "issue_mode", "validity_months", "predicate"]
    copy_view_enabled = False


class CertificateBatchJobIndexView(IndexView):
    def get_edit_url(self, instance):
        return reverse("certificates_batch_jobs:inspect", args=[instance.pk])

    def get_add_url(self):
        return reverse("certificates_batch_jobs:add")


class CertificateBatchJobViewSet(RecordViewSetMixin, ModelViewSet):
    model = CertificateBatchJob
    icon = "tasks"
    menu_label = _("Batch issues")
    index_view_class = CertificateBatchJobIndexView
    list_display = ["batch", "created_at", "status", "total", "done", "failed"]
    list_filter = ["status"]
    copy_view_enabled = False
    add_to_reference_index = False
    # Jobs are started by the batch-issue form, never edited (see get_urlpatterns).
    form_fields = ["status"]
    add_item_label = _("Issue a batch")
    unrouted_views = ("add", "edit", "delete", "copy", "inspect")
    replaced_views = ("add", "edit", "inspect")

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("new/", admin_views.batch_issue_view, name="add"),
            path("job/<int:pk>/", admin_views.batch_job_view, name="inspect"),
            path("edit/<int:pk>/", admin_views.batch_job_view, name="edit"),
            path("job/<int:pk>/retry/", admin_views.batch_job_retry_view, name="retry"),
        ]


class CertificatesGroup(ViewSetGroup):
    items = (
        CertificateViewSet("certificates_register", url_prefix="certificates/register"),
        CertificateBatchJobViewSet("certificates_batch_jobs", url_prefix="certificates/batches"),
        CourseCertificateSettingsViewSet(
            "certificates_course_settings", url_prefix="certificates/course-settings"
        ),
    )
    menu_icon = "doc-full-inverse"
    menu_label = _("Certificates")
    menu_name = "certificates"
    menu_order = 410
