"""
Admin views for running batches: the progress table (and its .xlsx export), the participant
import (upload → preview → confirm), approving enrolments and taking attendance.

Each view checks a rule from ``training.permissions`` and calls a service; the table
and workbook come from ``training.selectors`` and ``training.exports``.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..exports import batch_progress_workbook
from ..forms import ParticipantImportForm
from ..models import (
    AttendanceStatus,
    BatchSession,
    Enrolment,
    EnrolmentStatus,
    ImportStatus,
    ParticipantImport,
)
from ..permissions import batches_visible_to, can_follow_batches, can_manage_batch
from ..selectors import batch_progress
from ..services import (
    EnrolmentError,
    ImportFileError,
    approve_enrolment,
    check_import_rows,
    import_template_workbook,
    open_check_in,
    preview_participant_import,
    record_attendance,
    reject_enrolment,
    run_participant_import,
)
from ..services.imports import RowStatus

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class BatchMixin(WagtailAdminTemplateMixin):
    """
    Loads the batch of the URL for a user whose role may open the screen at all.

    A role the screen is not for gets Wagtail's "permission denied" before anything is looked
    up; a batch the user may not follow (another course's) is a 404, like one that does not
    exist, so that nobody learns which batches exist.
    """

    header_icon = "group"
    rule = staticmethod(can_follow_batches)

    def dispatch(self, request, *args, **kwargs):
        if not self.rule(request.user):
            raise PermissionDenied
        self.batch = get_object_or_404(
            batches_visible_to(request.user).select_related("course"), pk=kwargs["pk"]
        )
        self.load_objects(**kwargs)
        return super().dispatch(request, *args, **kwargs)

    def load_objects(self, **kwargs):
        """Load what else the URL names, once the batch is known; a hook."""

    def get_page_subtitle(self):
        return str(self.batch)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("training_batches:index"), "label": gettext_lazy("Batches")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["batch"] = self.batch
        context["can_manage"] = can_manage_batch(self.request.user, self.batch)
        return context


class BatchProgressView(BatchMixin, TemplateView):
    """Participants × modules with percentages; pending enrolments to approve or reject."""

    page_title = gettext_lazy("Batch progress")
    template_name = "training/admin/batch_progress.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["progress"] = batch_progress(self.batch)
        context["pending"] = (
            self.batch.enrolments.filter(status=EnrolmentStatus.PENDING)
            .select_related("participant__agency")
            .order_by("enrolled_at")
        )
        context["sessions"] = self.batch.sessions.all()
        context["imports"] = self.batch.participant_imports.select_related("uploaded_by")[:10]
        return context


class BatchProgressExportView(BatchMixin, View):
    def get(self, request, pk):
        content = batch_progress_workbook(batch_progress(self.batch))
        name = slugify(f"progress-{self.batch.course.code}-{self.batch.name}") or "progress"
        return _xlsx_response(content, f"{name}.xlsx")


class EnrolmentDecisionView(BatchMixin, View):
    """Approve or reject one pending enrolment (POST)."""

    rule = staticmethod(can_manage_batch)

    def post(self, request, pk, enrolment_pk):
        enrolment = get_object_or_404(Enrolment, pk=enrolment_pk, batch=self.batch)
        decision = request.POST.get("decision")
        try:
            if decision == "approve":
                approve_enrolment(enrolment=enrolment, decided_by=request.user)
                messages.success(
                    request, _("Enrolment approved; the participant is told by e-mail.")
                )
            elif decision == "reject":
                reject_enrolment(enrolment=enrolment, decided_by=request.user)
                messages.success(request, _("Enrolment rejected."))
        except EnrolmentError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("training_admin:batch_progress", pk=self.batch.pk)


class ImportUploadView(BatchMixin, FormView):
    """Step 1 of an import: upload the file."""

    rule = staticmethod(can_manage_batch)
    page_title = gettext_lazy("Import participants")
    template_name = "training/admin/import_upload.html"
    form_class = ParticipantImportForm

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            participant_import, _results = preview_participant_import(
                batch=self.batch,
                content=upload.read(),
                file_name=upload.name,
                uploaded_by=self.request.user,
            )
        except ImportFileError as error:
            for message in error.messages:
                form.add_error("file", message)
            return self.form_invalid(form)
        return redirect(
            "training_admin:import_preview", pk=self.batch.pk, import_pk=participant_import.pk
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["imports"] = self.batch.participant_imports.select_related("uploaded_by")[:10]
        return context


class ImportPreviewView(BatchMixin, TemplateView):
    """Step 2: every row as new, updated or error with its reason; step 3: confirm."""

    rule = staticmethod(can_manage_batch)
    page_title = gettext_lazy("Import preview")
    template_name = "training/admin/import_preview.html"

    def load_objects(self, **kwargs):
        self.participant_import = get_object_or_404(
            ParticipantImport, pk=kwargs["import_pk"], batch=self.batch
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        results = check_import_rows(batch=self.batch, rows=self.participant_import.rows)
        context.update(
            participant_import=self.participant_import,
            imported=self.participant_import.status == ImportStatus.IMPORTED,
            results=results,
            errors=[result for result in results if not result.is_valid],
            new_count=sum(1 for result in results if result.status == RowStatus.NEW),
            updated_count=sum(1 for result in results if result.status == RowStatus.UPDATED),
            valid_count=sum(1 for result in results if result.is_valid),
        )
        return context

    def post(self, request, pk, import_pk):
        outcome = run_participant_import(
            participant_import=self.participant_import, imported_by=request.user
        )
        messages.success(
            request,
            _(
                "Import done: %(created)d new accounts, %(invited)d invitations to choose a "
                "password sent by e-mail, %(updated)d updated, %(enrolled)d newly enrolled; "
                "%(errors)d rows with errors were skipped."
            )
            % {
                "created": outcome.created_count,
                "invited": outcome.invited_count,
                "updated": outcome.updated_count,
                "enrolled": outcome.enrolled_count,
                "errors": outcome.error_count,
            },
        )
        return redirect("training_admin:batch_progress", pk=self.batch.pk)


class ImportTemplateView(View):
    """The downloadable .xlsx template of a participant list."""

    def get(self, request):
        if not can_manage_batch(request.user):
            raise PermissionDenied
        return _xlsx_response(import_template_workbook(), "template-peserta-bimtek.xlsx")


class SessionAttendanceView(WagtailAdminTemplateMixin, TemplateView):
    """Mark who attended a session, or show a check-in code (and its QR) to the room."""

    header_icon = "group"
    page_title = gettext_lazy("Attendance")
    template_name = "training/admin/session_attendance.html"

    def dispatch(self, request, *args, **kwargs):
        if not can_follow_batches(request.user):
            raise PermissionDenied
        # Another course's session is a 404, like one that does not exist.
        self.session = get_object_or_404(
            BatchSession.objects.filter(batch__in=batches_visible_to(request.user)).select_related(
                "batch__course"
            ),
            pk=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.session)

    def get_context_data(self, **kwargs):
        from ..qr import qr_svg

        context = super().get_context_data(**kwargs)
        enrolments = list(
            self.session.batch.enrolments.filter(
                status__in=(EnrolmentStatus.ACTIVE, EnrolmentStatus.COMPLETED)
            )
            .select_related("participant__agency")
            .order_by("participant__full_name")
        )
        recorded = {a.enrolment_id: a for a in self.session.attendances.all()}
        for enrolment in enrolments:
            enrolment.attendance = recorded.get(enrolment.pk)
        check_in_url = ""
        if self.session.is_check_in_open():
            check_in_url = self.request.build_absolute_uri(
                reverse("training:check_in_code", kwargs={"code": self.session.check_in_code})
            )
        context.update(
            session=self.session,
            enrolments=enrolments,
            statuses=AttendanceStatus.choices,
            check_in_url=check_in_url,
            check_in_qr=qr_svg(check_in_url) if check_in_url else "",
        )
        return context

    def post(self, request, pk):
        if "open_check_in" in request.POST:
            open_check_in(session=self.session)
            return redirect("training_admin:session_attendance", pk=self.session.pk)
        enrolments = self.session.batch.enrolments.filter(
            status__in=(EnrolmentStatus.ACTIVE, EnrolmentStatus.COMPLETED)
        )
        valid = set(AttendanceStatus.values)
        changed = 0
        for enrolment in enrolments:
            status = request.POST.get(f"status-{enrolment.pk}")
            if status in valid:
                record_attendance(
                    session=self.session,
                    enrolment=enrolment,
                    status=status,
                    recorded_by=request.user,
                )
                changed += 1
        messages.success(
            request, _("Attendance saved for %(count)d participants.") % {"count": changed}
        )
        return redirect("training_admin:session_attendance", pk=self.session.pk)
