"""What the certificate endpoints say about a certificate, as printed on it."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..models import Certificate, RenderStatus


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
    while it awaits approval). ``pdf_url`` is null until the PDF is ready.
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

    def get_pdf_url(self, certificate) -> str | None:
        if certificate.render_status != RenderStatus.DONE or not certificate.pdf:
            return None
        url = reverse("api:certificate-pdf", args=[certificate.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class RevokeSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=1000, help_text=_("Shown on the public verification page.")
    )
