"""PAdES signatures on certificate PDFs, validated with pyHanko."""

import hashlib
from io import BytesIO

import pytest
from asn1crypto import x509
from cryptography.hazmat.primitives.serialization import Encoding, pkcs12
from pyhanko.pdf_utils.reader import PdfFileReader

from certificates import services
from certificates.demo import write_demo_signing_key
from tests.certificates.pdf_checks import signature_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_key(settings, tmp_path):
    path = write_demo_signing_key(tmp_path / "demo-signing.p12")
    settings.CERTIFICATE_DEMO_SIGNING_P12 = path
    return path


def _trust_root(path, password):
    _key, certificate, _others = pkcs12.load_key_and_certificates(path.read_bytes(), password)
    der = certificate.public_bytes(Encoding.DER)
    return x509.Certificate.load(der)


def test_a_configured_key_signs_the_pdf_and_the_signature_validates(demo_key, enrolment, settings):
    certificate = services.render_certificate(
        certificate=services.issue_certificate(enrolment=enrolment)
    )
    assert certificate.is_signed
    signature, status = signature_status(
        certificate.pdf.read(), [_trust_root(demo_key, settings.DEMO_PASSWORD.encode())]
    )
    assert status.intact
    assert status.valid
    assert status.trusted
    assert status.coverage.name == "ENTIRE_FILE"
    assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"


def test_the_real_key_setting_wins_over_the_demo_key(demo_key, settings, enrolment, tmp_path):
    settings.CERTIFICATE_SIGNING_P12 = str(tmp_path / "missing-agency-key.p12")
    certificate = services.issue_certificate(enrolment=enrolment)
    with pytest.raises(FileNotFoundError):
        services.render_certificate(certificate=certificate)
    certificate.refresh_from_db()
    assert certificate.render_status == "failed"


def test_without_a_key_the_pdf_is_left_unsigned(enrolment):
    certificate = services.render_certificate(
        certificate=services.issue_certificate(enrolment=enrolment)
    )
    assert not certificate.is_signed
    reader = PdfFileReader(BytesIO(certificate.pdf.read()))
    assert reader.embedded_signatures == []


def test_the_sha256_is_that_of_the_stored_signed_file(demo_key, enrolment):
    certificate = services.render_certificate(
        certificate=services.issue_certificate(enrolment=enrolment)
    )
    assert hashlib.sha256(certificate.pdf.read()).hexdigest() == certificate.pdf_sha256
