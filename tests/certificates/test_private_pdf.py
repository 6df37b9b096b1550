"""
Certificate PDFs are private files: stored outside the public media, handed out only by the
downloads that check who asks, never again as a valid document once revoked; and the PDFs
stored in the public media before are moved out by a data migration.
"""

import importlib
import io
import re
import zipfile
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse

from certificates import services
from certificates.models import Certificate
from cms.private_media import private_storage
from tests.factories import ParticipantFactory

from .factories import CompletedEnrolmentFactory

pytestmark = pytest.mark.django_db

PDF_MIGRATION = importlib.import_module("certificates.migrations.0005_pdf_in_private_storage")


@pytest.fixture
def certificate(enrolment):
    return services.render_certificate(certificate=services.issue_certificate(enrolment=enrolment))


def _download(client, certificate):
    return client.get(reverse("certificates:download", args=[certificate.code]))


def test_the_rendered_pdf_is_stored_outside_the_public_media(settings, certificate):
    assert certificate.pdf.name == f"certificates/2026/{certificate.code}.pdf"
    assert not (Path(settings.MEDIA_ROOT) / certificate.pdf.name).exists()
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / certificate.pdf.name).read_bytes()[:5] == b"%PDF-"
    assert not default_storage.exists(certificate.pdf.name)


def test_the_pdf_has_no_address_under_media_for_anyone(debug_urls, certificate, participant):
    # The media route is live: a public file under MEDIA_ROOT is served.
    default_storage.save("images/public.txt", ContentFile(b"public"))
    assert Client().get("/media/images/public.txt").status_code == 200

    old_address = f"/media/certificates/2026/{certificate.code}.pdf"
    assert Client().get(old_address).status_code == 404
    someone = Client()
    someone.force_login(ParticipantFactory())
    assert someone.get(old_address).status_code == 404
    owner = Client()
    owner.force_login(participant)
    assert owner.get(old_address).status_code == 404


def test_the_owner_still_downloads_the_pdf(client, certificate, participant):
    client.force_login(participant)
    response = _download(client, certificate)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == certificate.pdf.open("rb").read()
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["Cache-Control"] == "private, no-cache"


def test_behind_nginx_the_download_names_the_file_and_sends_no_body(
    client, settings, certificate, participant
):
    settings.PRIVATE_MEDIA_SERVE = "x-accel-redirect"
    client.force_login(participant)
    response = _download(client, certificate)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == (
        f"/internal/private-media/certificates/2026/{certificate.code}.pdf"
    )
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    # Nobody else gets the header that would make nginx send the file.
    client.force_login(ParticipantFactory())
    response = _download(client, certificate)
    assert response.status_code == 404
    assert "X-Accel-Redirect" not in response


def test_a_revoked_pdf_is_refused_to_its_holder_with_the_reason_not_to_administrators(
    client, certificate, participant, administrator
):
    services.revoke_certificate(certificate=certificate, reason="Data keliru")
    client.force_login(participant)
    response = _download(client, certificate)
    assert response.status_code == 302
    assert response["Location"] == reverse("certificates:mine")
    [message] = [str(message) for message in get_messages(response.wsgi_request)]
    assert certificate.number in message
    assert "revoked" in message or "dicabut" in message
    # Administrators keep it on record and get it from the admin.
    client.force_login(administrator)
    response = client.get(reverse("certificates_register:download", args=[certificate.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:5] == b"%PDF-"


def test_the_list_offers_no_pdf_of_a_revoked_certificate(client, certificate, participant):
    services.revoke_certificate(certificate=certificate, reason="Data keliru")
    client.force_login(participant)
    html = client.get("/en/sertifikat-saya/").content.decode()
    assert "Revoked: its PDF is no longer a valid document." in html
    assert reverse("certificates:download", args=[certificate.code]) not in html


def test_the_batch_zip_holds_only_valid_certificates(client, certificate, administrator):
    replacement = services.render_certificate(
        certificate=services.reissue_certificate(certificate=certificate, reason="Nama keliru")
    )
    client.force_login(administrator)
    response = client.get(
        reverse("certificates_register:batch_zip", args=[certificate.enrolment.batch_id])
    )
    names = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).namelist()
    assert names == [re.sub(r"[^0-9A-Za-z]+", "-", replacement.number).strip("-") + ".pdf"]


def _make_public(certificate):
    """Put the PDF back where it was stored before the private storage existed."""
    name = certificate.pdf.name
    with private_storage.open(name) as file:
        default_storage.save(name, file)
    private_storage.delete(name)


def test_the_migration_moves_existing_pdfs_out_of_the_public_media_and_can_run_again(
    certificate,
):
    _make_public(certificate)
    content = default_storage.open(certificate.pdf.name).read()
    # One without a PDF yet (awaiting its render) is left alone.
    services.issue_certificate(
        enrolment=CompletedEnrolmentFactory(batch=certificate.enrolment.batch)
    )
    assert Certificate.objects.filter(pdf="").count() == 1

    PDF_MIGRATION.move_pdfs_to_private_storage(apps, None)
    assert not default_storage.exists(certificate.pdf.name)
    assert private_storage.open(certificate.pdf.name).read() == content
    PDF_MIGRATION.move_pdfs_to_private_storage(apps, None)
    assert private_storage.open(certificate.pdf.name).read() == content

    PDF_MIGRATION.move_pdfs_back_to_public_storage(apps, None)
    assert default_storage.open(certificate.pdf.name).read() == content
    assert not private_storage.exists(certificate.pdf.name)
