"""
Demo data for certificates: a signatory, a template with its numbering, the certificate
settings of every course, a self-signed demo signing key, a demo Open Badges key, and one
signed certificate for the demo participant ``peserta``.
"""

import datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.conf import settings

from accounts.models import User
from training.models import CoursePage, Enrolment, EnrolmentStatus
from training.selectors import lessons_of_course
from training.services import complete_lesson, enrol_participant

from .badge_signing import write_demo_key
from .models import (
    CertificateStatus,
    CertificateTemplate,
    CourseCertificateSettings,
    IssueMode,
    Signatory,
    TemplateSignatory,
)
from .services import issue_certificate, render_certificate

INSTITUTION = (
    "PEMERINTAH KABUPATEN GORONTALO\nBADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA"
)
BODY_ID = (
    "telah mengikuti Bimbingan Teknis {course} ({batch}) yang diselenggarakan oleh BKPSDM "
    "Kabupaten Gorontalo bekerja sama dengan Pemerintah Selandia Baru pada tanggal {dates} "
    "di {place}, selama {jp} jam pelajaran (JP), dengan predikat {predicate}."
)
BODY_EN = (
    "has completed the technical training {course} ({batch}) held by BKPSDM of Gorontalo "
    "Regency in partnership with the Government of New Zealand on {dates} in {place}, "
    "{jp} learning hours (JP), with the predicate {predicate}."
)


def seed(log):
    write_demo_signing_key(Path(settings.CERTIFICATE_DEMO_SIGNING_P12))
    log(f"Demo signing key: {settings.CERTIFICATE_DEMO_SIGNING_P12}")
    write_demo_key(Path(settings.BADGE_DEMO_SIGNING_KEY))
    log(f"Demo Open Badges key: {settings.BADGE_DEMO_SIGNING_KEY}")

    head, _created = Signatory.objects.update_or_create(
        name="Dr. Hj. Rahmawati Ibrahim, S.E., M.Si.",
        defaults={
            "nip": "197205141998032004",
            "position": "Kepala BKPSDM Kabupaten Gorontalo",
            "rank": "Pembina Utama Muda (IV/c)",
        },
    )
    template, _created = CertificateTemplate.objects.update_or_create(
        name="Sertifikat Bimtek BKPSDM",
        defaults={
            "institution_name": INSTITUTION,
            "body_id": BODY_ID,
            "body_en": BODY_EN,
            "issue_place": "Limboto",
        },
    )
    TemplateSignatory.objects.update_or_create(
        template=template,
        signatory=head,
        defaults={"role_label": "Kepala Badan Kepegawaian dan Pengembangan SDM,", "sort_order": 0},
    )
    courses = list(CoursePage.objects.all())
    for course in courses:
        CourseCertificateSettings.objects.get_or_create(
            course=course,
            defaults={"template": template, "issue_mode": IssueMode.AUTOMATIC},
        )
    log(f"Certificate template “{template}”, settings for {len(courses)} course(s)")

    enrolment = _demo_completed_enrolment()
    if enrolment is None:
        log("No demo course: no demo certificate")
        return
    certificate = issue_certificate(enrolment=enrolment)
    # seed_demo runs in one transaction, so the render queued on commit would come too late
    # for the message below; rendering here is idempotent with that queued render.
    certificate = render_certificate(certificate=certificate)
    assert certificate.status == CertificateStatus.VALID
    log(
        f"Certificate {certificate.number} for peserta "
        f"({'signed' if certificate.is_signed else 'unsigned'}): {certificate.verification_url}"
    )


def _demo_completed_enrolment() -> Enrolment | None:
    """
    The demo participant's completed enrolment in the partner course (NZ-02), made through the
    training services: enrolled in its open batch, every lesson done. The first course stays
    open for the demo journey (pre-test, lessons, post-test, evaluation).
    """
    course = (
        CoursePage.objects.live()
        .filter(code="NZ-02", batches__isnull=False)
        .order_by("path")
        .first()
    )
    if course is None:
        return None
    participant = User.objects.get(username="peserta")
    batch = course.batches.order_by("starts_on").first()
    enrolment = enrol_participant(batch=batch, participant=participant, notify=False)
    if enrolment.status != EnrolmentStatus.COMPLETED:
        for lesson in lessons_of_course(course):
            complete_lesson(enrolment=enrolment, lesson=lesson)
    enrolment.refresh_from_db()
    return enrolment if enrolment.status == EnrolmentStatus.COMPLETED else None


def write_demo_signing_key(path: Path) -> Path:
    """
    A self-signed RSA key and certificate for signing demo PDFs, as PKCS#12, once.

    Protected with ``DEMO_PASSWORD``; written again when that password changed. Never used
    when a real key is configured.
    """
    if path.is_file():
        try:
            pkcs12.load_key_and_certificates(path.read_bytes(), settings.DEMO_PASSWORD.encode())
            return path
        except ValueError:
            pass  # Written with another demo password: replace it.
    path.parent.mkdir(parents=True, exist_ok=True)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "BKPSDM Kabupaten Gorontalo (DEMO)"),
            x509.NameAttribute(NameOID.COMMON_NAME, "Bimtek demo signing key"),
        ]
    )
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=5 * 365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
        .sign(key, hashes.SHA256())
    )
    data = pkcs12.serialize_key_and_certificates(
        name=b"bimtek-demo",
        key=key,
        cert=certificate,
        cas=None,
        encryption_algorithm=serialization.BestAvailableEncryption(settings.DEMO_PASSWORD.encode()),
    )
    path.write_bytes(data)
    path.chmod(0o600)
    return path
