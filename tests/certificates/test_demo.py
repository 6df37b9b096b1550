"""seed_demo gives the demo participant a signed certificate on the partner demo course."""

import io

import pytest
from django.core.management import call_command

from certificates.models import Certificate, CertificateStatus, CourseCertificateSettings
from training.models import CoursePage

pytestmark = pytest.mark.django_db


def test_seed_demo_issues_a_signed_certificate_to_the_demo_participant(settings, tmp_path):
    settings.CERTIFICATE_DEMO_SIGNING_P12 = tmp_path / "demo.p12"
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())

    certificate = Certificate.objects.get(enrolment__participant__username="peserta")
    assert certificate.status == CertificateStatus.VALID
    assert certificate.is_signed
    assert certificate.pdf_sha256
    assert certificate.enrolment.batch.course.code == "NZ-02"
    assert CourseCertificateSettings.objects.count() == CoursePage.objects.count()


def test_a_changed_demo_password_replaces_the_demo_key(settings, tmp_path):
    from certificates.demo import write_demo_signing_key

    path = tmp_path / "demo.p12"
    write_demo_signing_key(path)
    first = path.read_bytes()
    assert write_demo_signing_key(path).read_bytes() == first
    settings.DEMO_PASSWORD = "kata-sandi-lain"
    assert write_demo_signing_key(path).read_bytes() != first
