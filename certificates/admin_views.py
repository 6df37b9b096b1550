"""
Administrator actions on certificates in the Wagtail admin: revoke, reissue, approve,
re-render, download one PDF or a ZIP of a batch, and issue a whole batch with progress.

Each view checks ``permissions`` and calls a service; none holds a rule of its own.
"""

import re
import tempfile
import zipfile

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from training.models import Batch

from . import services
from .models import (
    BatchJobStatus,
    Certificate,
    CertificateBatchJob,
    CertificateStatus,
    RenderStatus,
)
from .permissions import can_issue_certificates, can_reissue_certificate, can_revoke_certificate
from .views import certificate_file_response

CERTIFICATE_URL = "certificates_register:{}"
JOB_URL = "certificates_batch_jobs:{}"


def _require_administrator(request):
    if not can_issue_certificates(request.user):
        raise PermissionDenied


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=gettext_lazy("Shown on the public verification page."),
    )


class BatchIssueForm(forms.Form):
    batch = forms.ModelChoiceField(
        label=gettext_lazy("Batch"),
        queryset=Batch.objects.select_related("course").order_by("-starts_on"),
        help_text=gettext_lazy("Every completed enrolment of the batch gets its certificate."),
    )


def _action_page(request, *, certificate, form, title, action_label, url_name):
    return TemplateResponse(
        request,
        "certificates/admin/certificate_action.html",
        {
            "certificate": certificate,
            "form": form,
            "page_title": title,
            "header_title": title,
            "action_label": action_label,
            "action_url": reverse(CERTIFICATE_URL.format(url_name), args=[certificate.pk]),
            "back_url": reverse(CERTIFICATE_URL.format("inspect"), args=[certificate.pk]),
        },
    )


def revoke_view(request, pk):
    """Revoke with a reason; the certificate stays on record and its page says revoked."""
    _require_administrator(request)
    certificate = get_object_or_404(Certificate, pk=pk)
    if not can_revoke_certificate(request.user, certificate):
        raise PermissionDenied
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.revoke_certificate(
            certificate=certificate, reason=form.cleaned_data["reason"], revoked_by=request.user
        )
        messages.success(request, _("Certificate %(number)s revoked.") % {"number": certificate})
        return redirect(CERTIFICATE_URL.format("inspect"), certificate.pk)
    return _action_page(
        request,
        certificate=certificate,
        form=form,
        title=_("Revoke certificate %(number)s") % {"number": certificate},
        action_label=_("Revoke"),
        url_name="revoke",
    )


def reissue_view(request, pk):
    """
    Replace with a new certificate (new number, fresh snapshot): a valid one is revoked
    first, one revoked without a replacement keeps its revocation and gets its successor.
    """
    _require_administrator(request)
    certificate = get_object_or_404(Certificate, pk=pk)
    successor = Certificate.objects.filter(replaces=certificate).first()
    if not can_reissue_certificate(request.user, certificate, successor=successor):
        raise PermissionDenied
    form = ReasonForm(request.POST or None)
    if certificate.status == CertificateStatus.REVOKED:
        form.fields["reason"].help_text = gettext_lazy(
            "Recorded in the audit log with the new certificate; the revocation reason "
            "stays as it was."
        )
    if request.method == "POST" and form.is_valid():
        try:
            new = services.reissue_certificate(
                certificate=certificate,
                reason=form.cleaned_data["reason"],
                issued_by=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(CERTIFICATE_URL.format("inspect"), certificate.pk)
        messages.success(request, _("Certificate %(number)s issued.") % {"number": new})
        return redirect(CERTIFICATE_URL.format("inspect"), new.pk)
    return _action_page(
        request,
        certificate=certificate,
        form=form,
        title=_("Reissue certificate %(number)s") % {"number": certificate},
        action_label=(
            _("Reissue")
            if certificate.status == CertificateStatus.REVOKED
            else _("Revoke and reissue")
        ),
        url_name="reissue",
    )


@require_POST
def approve_view(request, pk):
    """Issue a certificate that waits for approval."""
    _require_administrator(request)
    certificate = get_object_or_404(Certificate, pk=pk)
    try:
        certificate = services.issue_certificate(
            enrolment=certificate.enrolment, issued_by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Certificate %(number)s issued.") % {"number": certificate})
    return redirect(CERTIFICATE_URL.format("inspect"), certificate.pk)


@require_POST
def render_view(request, pk):
    """Queue the PDF again, e.g. after a failed render or a new signing key."""
    _require_administrator(request)
    certificate = get_object_or_404(Certificate.objects.issued(), pk=pk)
    services.queue_certificate_render(certificate=certificate)
    messages.success(request, _("The PDF is being rendered again."))
    return redirect(CERTIFICATE_URL.format("inspect"), certificate.pk)


def download_view(request, pk):
    """Any certificate's PDF, for administrators: a revoked one too, as evidence on record."""
    _require_administrator(request)
    certificate = get_object_or_404(Certificate.objects.issued(), pk=pk)
    if not certificate.pdf:
        raise Http404
    return certificate_file_response(certificate)


def _zipped_certificates(batch):
    """The certificates of a batch that its ZIP holds: valid, with a rendered PDF."""
    return Certificate.objects.filter(
        enrolment__batch=batch, status=CertificateStatus.VALID, render_status=RenderStatus.DONE
    ).exclude(pdf="")


def batch_zip_view(request, batch_pk):
    """
    A ZIP of every rendered PDF of one batch that is still valid, named by certificate
    number: the ZIP is for handing out, and a revoked PDF would pass for a valid document.
    """
    _require_administrator(request)
    batch = get_object_or_404(Batch, pk=batch_pk)
    certificates = _zipped_certificates(batch).order_by("sequence_year", "sequence_value")
    # Spooled to disk past 10 MB so that a batch of hundreds never sits in memory whole.
    archive = tempfile.SpooledTemporaryFile(max_size=10 * 1024 * 1024)  # noqa: SIM115
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_STORED) as zip_file:
        for certificate in certificates.iterator():
            name = re.sub(r"[^0-9A-Za-z]+", "-", certificate.number).strip("-")
            with certificate.pdf.open("rb") as pdf:
                zip_file.writestr(f"{name}.pdf", pdf.read())
    archive.seek(0)
    filename = re.sub(r"[^0-9A-Za-z]+", "-", f"sertifikat {batch.course.code} {batch.name}")
    return FileResponse(archive, as_attachment=True, filename=f"{filename.strip('-')}.zip")


def batch_issue_view(request):
    """Choose a batch and issue all its certificates in Celery."""
    _require_administrator(request)
    initial = {"batch": request.GET.get("batch")} if request.GET.get("batch") else None
    form = BatchIssueForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        job = services.issue_batch_certificates(
            batch=form.cleaned_data["batch"], requested_by=request.user
        )
        return redirect(JOB_URL.format("inspect"), job.pk)
    title = _("Issue the certificates of a batch")
    return TemplateResponse(
        request,
        "certificates/admin/batch_issue.html",
        {"form": form, "page_title": title, "header_title": title},
    )


def batch_job_view(request, pk):
    """The progress of a batch issue: done/total, failures with reasons, retry."""
    _require_administrator(request)
    job = get_object_or_404(CertificateBatchJob.objects.select_related("batch__course"), pk=pk)
    title = _("Batch issue: %(batch)s") % {"batch": job.batch}
    return TemplateResponse(
        request,
        "certificates/admin/certificate_batch_job.html",
        {
            "job": job,
            "running": job.status != BatchJobStatus.FINISHED,
            "failures": sorted(job.failures.values(), key=lambda item: item["participant"]),
            # Said beside the ZIP link: its PDFs are fewer than the batch's certificates.
            "revoked_count": Certificate.objects.filter(
                enrolment__batch=job.batch, status=CertificateStatus.REVOKED
            ).count(),
            "page_title": title,
            "header_title": title,
        },
    )


@require_POST
def batch_job_retry_view(request, pk):
    _require_administrator(request)
    job = get_object_or_404(CertificateBatchJob, pk=pk)
    services.retry_batch_job(job=job)
    messages.success(request, _("The failed certificates are being issued again."))
    return redirect(JOB_URL.format("inspect"), job.pk)
