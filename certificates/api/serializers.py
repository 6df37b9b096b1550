"""What the certificate endpoints say about a certificate, as printed on it."""

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.roles import is_administrator

from ..models import Certificate, CertificateBatchJob, CertificateStatus, RenderStatus


class CertificateCourseSerializer(serializers.Serializer):
    code = serializers.CharField(source="course_code")
    title = serializers.CharField(source="course_title")
    title_en = serializers.SerializerMethodField()
    jp = serializers.CharField()

    def get_title_en(self, certificate) -> str | None:
        return certificate.facts["course"]["title_en"] if certificate.facts else None


class CertificateParticipantSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="enrolment.participant_id")
    full_name = serializers.CharField(source="participant_name")
    nip = serializers.CharField(source="participant_nip")


class CertificateSerializer(serializers.ModelSerializer):
    """
    A certificate and the facts it prints (the snapshot taken at issue; the live enrolment
    while it awaits approval). ``pdf_url`` is null until the PDF is ready, and for a revoked
    certificate unless the caller is an administrator.
    """

    participant = CertificateParticipantSerializer(source="*", read_only=True)
    course = CertificateCourseSerializer(source="*", read_only=True)
    batch = serializers.CharField(source="batch_name", read_only=True)
    enrolment = serializers.IntegerField(source="enrolment_id", read_only=True)
    replaces = serializers.IntegerField(source="replaces_id", read_only=True, allow_null=True)
    verification_url = serializers.URLField(read_only=True)
    pdf_url = serializers.SerializerMethodField()

    class Meta:
        model = Certificate
        fields = [
            "id",
            "code",
            "number",
            "status",
            "participant",
            "course",
            "batch",
            "enrolment",
            "issued_at",
            "expires_on",
            "revoked_at",
            "revocation_reason",
            "replaces",
            "render_status",
            "is_signed",
            "pdf_sha256",
            "verification_url",
            "pdf_url",
        ]
        read_only_fields = fields

    @cached_property
    def _caller_is_administrator(self) -> bool:
        request = self.context.get("request")
        return bool(request) and is_administrator(request.user)

    def get_pdf_url(self, certificate) -> str | None:
        if certificate.render_status != RenderStatus.DONE or not certificate.pdf:
            return None
        if certificate.status == CertificateStatus.REVOKED and not self._caller_is_administrator:
            return None
        url = reverse("api:certificate-pdf", args=[certificate.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class RevokeSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=1000, help_text=_("Shown on the public verification page.")
    )


class BatchJobFailureSerializer(serializers.Serializer):
    enrolment = serializers.IntegerField()
    participant = serializers.CharField()
    reason = serializers.CharField()


class CertificateBatchJobSerializer(serializers.ModelSerializer):
    """The progress of issuing a whole batch's certificates, with the reason of each failure."""

    batch = serializers.IntegerField(source="batch_id", read_only=True)
    percent = serializers.IntegerField(read_only=True)
    failures = serializers.SerializerMethodField()

    class Meta:
        model = CertificateBatchJob
        fields = [
            "id",
            "batch",
            "status",
            "total",
            "done",
            "failed",
            "percent",
            "failures",
            "created_at",
            "finished_at",
        ]
        read_only_fields = fields

    @extend_schema_field(BatchJobFailureSerializer(many=True))
    def get_failures(self, job) -> list[dict]:
        return [
            {"enrolment": int(enrolment_id), **failure}
            for enrolment_id, failure in sorted(job.failures.items(), key=lambda item: int(item[0]))
        ]
