"""
``manage.py move_private_media``: certificate PDFs and SCORM files left in the public media
(an old backup restored, files copied back by hand) are moved to the private storage.
"""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from certificates import services
from certificates.models import Certificate
from cms.private_media import private_storage
from tests.training.scorm_factories import minimal_package
from training.services import import_scorm_package

pytestmark = pytest.mark.django_db


def test_public_pdfs_and_packages_are_moved_and_a_second_run_moves_nothing(enrolment, settings):
    certificate = services.issue_certificate(enrolment=enrolment)
    pdf = f"certificates/2026/{certificate.code}.pdf"
    default_storage.save(pdf, ContentFile(b"%PDF-1.7 old"))
    Certificate.objects.filter(pk=certificate.pk).update(pdf=pdf)
    package = import_scorm_package(file=io.BytesIO(minimal_package()), file_name="mini.zip")
    launch = package.storage_name("index.html")
    with private_storage.open(launch) as file:
        default_storage.save(launch, file)
    private_storage.delete(launch)

    output = io.StringIO()
    call_command("move_private_media", stdout=output)

    assert "Moved 2 files" in output.getvalue()
    assert private_storage.open(pdf).read() == b"%PDF-1.7 old"
    assert private_storage.exists(launch)
    assert not [path for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()]
    output = io.StringIO()
    call_command("move_private_media", stdout=output)
    assert "Moved 0 files" in output.getvalue()
