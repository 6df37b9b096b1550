"""
Issue 20: reissuing a revoked certificate from its admin page, and the batch ZIP that leaves
revoked PDFs out and says so on the batch job's page.
"""

import zipfile
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.models import ModelLogEntry

from certificates import services
from certificates.audit import CERTIFICATE_REISSUE
from certificates.models import Certificate, CertificateStatus, RenderStatus

from .factories import CompletedEnrolmentFactory

pytestmark = pytest.mark.django_db


def _inspect(certificate):
    return reverse("certificates_register:inspect", args=[certificate.pk])


def _reissue(certificate):
    return reverse("certificates_register:reissue", args=[certificate.pk])


def test_a_revoked_certificate_page_offers_reissue_and_reissue_keeps_the_revocation(
    client, administrator, enrolment
):
    old = services.issue_certificate(enrolment=enrolment)
    services.revoke_certificate(certificate=old, reason="Dicabut keliru", revoked_by=administrator)
    client.force_login(administrator)

    page = client.get(_inspect(old))
    assert page.status_code == 200
    assert _reissue(old) in page.content.decode()
    assert client.get(_reissue(old)).status_code == 200

    response = client.post(_reissue(old), {"reason": "Nama sudah dibetulkan"})

    new = Certificate.objects.get(replaces=old)
    assert response.status_code == 302
    assert response["Location"] == _inspect(new)
    assert new.status == CertificateStatus.VALID
    old.refresh_from_db()
    assert old.status == CertificateStatus.REVOKED
    assert old.revocation_reason == "Dicabut keliru"
    entry = ModelLogEntry.objects.get(action=CERTIFICATE_REISSUE, object_id=str(old.pk))
    assert entry.user_id == administrator.pk
    assert entry.data["reason"] == "Nama sudah dibetulkan"


def test_reissue_needs_a_reason(client, administrator, enrolment):
    old = services.issue_certificate(enrolment=enrolment)
    services.revoke_certificate(certificate=old, reason="Dicabut", revoked_by=administrator)
    client.force_login(administrator)

    response = client.post(_reissue(old), {"reason": "  "})

    assert response.status_code == 200
    assert not Certificate.objects.filter(replaces=old).exists()


def test_a_replaced_certificate_offers_no_second_reissue(client, administrator, enrolment):
    old = services.issue_certificate(enrolment=enrolment)
    new = services.reissue_certificate(certificate=old, reason="Nama salah")
    client.force_login(administrator)

    page = client.get(_inspect(old)).content.decode()

    assert _reissue(old) not in page
    assert _reissue(new) in client.get(_inspect(new)).content.decode()
    refused = client.post(_reissue(old), {"reason": "lagi"})
    # Wagtail answers a permission denial by sending the user to the dashboard.
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    assert Certificate.objects.count() == 2


def _rendered(certificate):
    certificate.pdf.save(f"{certificate.code}.pdf", ContentFile(b"%PDF-1.7 test"), save=False)
    certificate.render_status = RenderStatus.DONE
    certificate.save()
    return certificate


def test_batch_zip_leaves_revoked_pdfs_out_and_the_job_page_says_how_many(
    client, administrator, batch
):
    kept, revoked = (
        _rendered(services.issue_certificate(enrolment=CompletedEnrolmentFactory(batch=batch)))
        for _ in range(2)
    )
    services.revoke_certificate(certificate=revoked, reason="Data keliru")
    job = services.issue_batch_certificates(batch=batch, requested_by=administrator)
    client.force_login(administrator)

    archive = client.get(reverse("certificates_register:batch_zip", args=[batch.pk]))
    names = zipfile.ZipFile(BytesIO(b"".join(archive.streaming_content))).namelist()
    page = client.get(reverse("certificates_batch_jobs:inspect", args=[job.pk]))

    assert archive.status_code == 200
    assert names == [kept.number.replace(".", "-").replace("/", "-") + ".pdf"]
    assert 'id="certificate-zip-revoked"' in page.content.decode()
    assert "1" in page.content.decode().split('id="certificate-zip-revoked">')[1][:80]
