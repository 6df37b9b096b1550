"""
Certificate endpoints: a participant's own certificates and their PDFs, every certificate for
administrators, and the administrators' issue (per enrolment) and revoke.

Someone else's certificate or enrolment is answered 404, as if it did not exist; an object
the caller may see but not act on is answered 403.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, NotFound, ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from accounts.api.schema import ErrorSerializer
from accounts.api.throttling import WriteRateThrottle
from accounts.roles import is_administrator
from training.permissions import batches_visible_to, enrolments_visible_to

from .. import services
from ..models import (
    BatchJobStatus,
    Certificate,
    CertificateBatchJob,
    CertificateStatus,
    RenderStatus,
)
from ..permissions import can_download_certificate, certificates_visible_to
from ..views import certificate_file_response
from .filters import CertificateFilter
from .permissions import CanIssueCertificates
from .serializers import (
    CertificateBatchJobSerializer,
    CertificateSerializer,
    RevokeSerializer,
)


class PdfNotReady(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "pdf_not_ready"

    def __init__(self):
        super().__init__(_("The PDF of this certificate is being prepared; try again shortly."))


class CertificateRevoked(APIException):
    status_code = status.HTTP_410_GONE
    default_code = "certificate_revoked"

    def __init__(self):
        super().__init__(
            _("This certificate was revoked, so its PDF is no longer a valid document.")
        )


def _validation_error(error: DjangoValidationError) -> ValidationError:
    return ValidationError({"non_field_errors": error.messages})


@extend_schema_view(
    list=extend_schema(summary="Certificates"),
    retrieve=extend_schema(summary="One certificate"),
)
class CertificateViewSet(viewsets.ReadOnlyModelViewSet):
    """
    The caller's own certificates (issued, revoked or awaiting approval); administrators see
    every certificate (``?mine=true`` keeps only their own).
    """

    serializer_class = CertificateSerializer
    filterset_class = CertificateFilter

    def get_queryset(self):
        return (
            certificates_visible_to(self.request.user)
            .with_related()
            .select_related("enrolment__participant__agency")
            .order_by("-issued_at", "-requested_at", "-pk")
        )

    @extend_schema(
        summary="The certificate's PDF",
        responses={
            (200, "application/pdf"): OpenApiTypes.BINARY,
            409: ErrorSerializer,
            410: ErrorSerializer,
        },
    )
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        """
        The signed PDF, once rendered (409 while it is still being prepared). A revoked
        certificate's PDF is no longer handed to its holder (410); administrators still get it.
        """
        certificate = self.get_object()
        if certificate.status == CertificateStatus.PENDING:
            raise NotFound
        if certificate.render_status != RenderStatus.DONE or not certificate.pdf:
            raise PdfNotReady
        if not can_download_certificate(request.user, certificate):
            if certificate.status == CertificateStatus.REVOKED:
                raise CertificateRevoked
            raise NotFound
        return certificate_file_response(certificate)

    @extend_schema(
        summary="Revoke a certificate", request=RevokeSerializer, responses=CertificateSerializer
    )
    @action(
        detail=True,
        methods=["post"],
        permission_classes=[IsAuthenticated, CanIssueCertificates],
        throttle_classes=[*viewsets.ReadOnlyModelViewSet.throttle_classes, WriteRateThrottle],
        serializer_class=RevokeSerializer,
    )
    def revoke(self, request, pk=None):
        """
        Revoke an issued certificate with a reason; the record stays and the verification
        page says revoked. Revoking a revoked certificate changes nothing.
        """
        certificate = self.get_object()
        form = RevokeSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        try:
            certificate = services.revoke_certificate(
                certificate=certificate,
                reason=form.validated_data["reason"],
                revoked_by=request.user,
            )
        except DjangoValidationError as error:
            raise _validation_error(error) from error
        certificate = self.get_queryset().get(pk=certificate.pk)
        return Response(CertificateSerializer(certificate, context={"request": request}).data)


class AdministratorActionView(GenericAPIView):
    """
    An administrators' action on an object: 404 when the caller cannot see the object,
    403 when they can but are no administrator; counted against the write rate limit.
    """

    permission_classes = [IsAuthenticated, CanIssueCertificates]
    throttle_classes = [*GenericAPIView.throttle_classes, WriteRateThrottle]

    def get_checked_object(self, pk):
        obj = get_object_or_404(self.get_queryset(), pk=pk)
        self.check_object_permissions(self.request, obj)
        return obj


class IssueCertificateView(AdministratorActionView):
    """Issue the certificate of a completed enrolment (administrators)."""

    serializer_class = CertificateSerializer

    def get_queryset(self):
        return enrolments_visible_to(self.request.user)

    @extend_schema(
        summary="Issue the certificate of an enrolment",
        request=None,
        responses={200: CertificateSerializer, 201: CertificateSerializer},
    )
    def post(self, request, pk):
        """
        Number, snapshot and queue the PDF of the enrolment's certificate: 201 when this call
        issued it, 200 when it was already issued (nothing changes). A certificate awaiting
        approval is issued in place.
        """
        enrolment = self.get_checked_object(pk)
        already = Certificate.objects.filter(
            enrolment=enrolment, status=CertificateStatus.VALID
        ).exists()
        try:
            certificate = services.issue_certificate(enrolment=enrolment, issued_by=request.user)
        except DjangoValidationError as error:
            raise _validation_error(error) from error
        certificate = Certificate.objects.with_related().get(pk=certificate.pk)
        return Response(
            CertificateSerializer(certificate, context={"request": request}).data,
            status=status.HTTP_200_OK if already else status.HTTP_201_CREATED,
        )


class IssueBatchCertificatesView(AdministratorActionView):
    """Issue the certificates of every completed enrolment of a batch, in the background."""

    serializer_class = CertificateBatchJobSerializer

    def get_queryset(self):
        return batches_visible_to(self.request.user)

    @extend_schema(
        summary="Issue the certificates of a whole batch",
        request=None,
        responses={200: CertificateBatchJobSerializer, 201: CertificateBatchJobSerializer},
    )
    def post(self, request, pk):
        """
        Start a batch issue (201) and follow it at ``/certificate-jobs/{id}/``. While a job of
        the batch still runs, that job is answered instead (200) and no second one starts.
        """
        batch = self.get_checked_object(pk)
        running = batch.certificate_jobs.exclude(status=BatchJobStatus.FINISHED).exists()
        job = services.issue_batch_certificates(batch=batch, requested_by=request.user)
        return Response(
            CertificateBatchJobSerializer(job).data,
            status=status.HTTP_200_OK if running else status.HTTP_201_CREATED,
        )


@extend_schema_view(
    list=extend_schema(summary="Batch issues"),
    retrieve=extend_schema(summary="The progress of one batch issue"),
)
class CertificateBatchJobViewSet(viewsets.ReadOnlyModelViewSet):
    """Batch issues and their progress, for administrators; nobody else sees any."""

    serializer_class = CertificateBatchJobSerializer

    def get_queryset(self):
        if not is_administrator(self.request.user):
            return CertificateBatchJob.objects.none()
        return CertificateBatchJob.objects.order_by("-created_at", "-pk")
