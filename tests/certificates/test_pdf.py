"""The rendered PDF: its text, QR code, metadata, escaping and offline resources."""

import subprocess

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from certificates import services
from certificates.models import CertificateTemplate
from certificates.pdf import OfflineURLFetcher
from certificates.placeholders import fill_placeholders, validate_placeholders
from certificates.rendering import certificate_html, sample_facts
from tests.certificates.pdf_checks import qr_code_of
from tests.factories import ParticipantFactory
from tests.module_rows import module_transaction

from .factories import BatchFactory, CompletedEnrolmentFactory, CourseCertificateSettingsFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _rendered_for_module(django_db_setup, django_db_blocker, tmp_path_factory):
    """
    One certificate rendered for the module's tests that only read its PDF (rendering is
    the dear part), inside a transaction rolled back when the module ends.
    """
    folder = tmp_path_factory.mktemp("rendered")
    with module_transaction(
        django_db_blocker,
        MEDIA_ROOT=folder / "media",
        PRIVATE_MEDIA_ROOT=folder / "private-media",
        CERTIFICATE_SIGNING_P12="",
        CERTIFICATE_DEMO_SIGNING_P12=folder / "no-demo-key.p12",
        SITE_URL="https://bimtek.example",
    ):
        batch = BatchFactory(course=CourseCertificateSettingsFactory().course)
        enrolment = CompletedEnrolmentFactory(batch=batch, participant=ParticipantFactory())
        certificate = services.render_certificate(
            certificate=services.issue_certificate(enrolment=enrolment)
        )
        path = folder / "certificate.pdf"
        path.write_bytes(certificate.pdf.read())
        yield certificate, path


@pytest.fixture
def rendered(_rendered_for_module, db):
    """The module's certificate and its PDF (a file outside the media folder)."""
    return _rendered_for_module


def _pdftotext(path) -> str:
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    return " ".join(text.split())


def test_pdf_text_has_name_nip_course_jp_and_number(rendered):
    certificate, path = rendered
    text = _pdftotext(path)
    participant = certificate.enrolment.participant
    assert participant.full_name in text
    assert participant.nip in text
    assert "Standar Pelayanan Publik" in text
    assert "12 JP" in text
    assert certificate.number in text
    assert "SERTIFIKAT" in text
    assert "diberikan kepada" in text
    assert "Penata Muda (III/a)" in text
    assert "Kepala BKPSDM Kabupaten Gorontalo" in text


def test_qr_code_on_the_page_points_to_the_verification_url(rendered):
    certificate, path = rendered
    decoded = qr_code_of(path.read_bytes())
    assert decoded == f"https://bimtek.example/v/{certificate.code}"
    assert decoded == certificate.verification_url


def test_pdf_metadata_has_title_author_and_subject(rendered):
    certificate, path = rendered
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True).stdout
    assert f"Title:           Sertifikat {certificate.number}" in info
    assert "Author:          PEMERINTAH KABUPATEN GORONTALO BKPSDM" in info
    assert "Subject:" in info and "Standar Pelayanan Publik" in info


def test_pdf_uses_only_the_declared_noto_fonts(rendered):
    _certificate, path = rendered
    fonts = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, check=True, text=True
    ).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    names = {row[0].split("+")[-1] for row in rows}
    assert {"Noto-Serif", "Noto-Serif-Bold", "Noto-Sans-Bold"} <= names
    assert all(name.startswith(("Noto-Serif", "Noto-Sans")) for name in names), names
    assert all(row[-5] == "yes" for row in rows), "every font is embedded"


def test_template_code_in_texts_is_printed_as_text(enrolment, course_settings, tmp_path):
    template = course_settings.template
    template.body_id = "<script>alert(1)</script> {{ user.password }} {% debug %} {name}"
    template.body_en = "<b>bold?</b> {course}"
    template.save()
    certificate = services.render_certificate(
        certificate=services.issue_certificate(enrolment=enrolment)
    )
    path = tmp_path / "c.pdf"
    path.write_bytes(certificate.pdf.read())
    text = _pdftotext(path)
    assert "<script>alert(1)</script>" in text
    assert "{{ user.password }}" in text
    assert "{% debug %}" in text
    assert "<b>bold?</b>" in text
    assert enrolment.participant.full_name in text


def test_placeholders_are_escaped_values_in_escaped_text():
    html = fill_placeholders("<i>{name}</i> {{ x }}", {"name": "<img src=x>"})
    assert "&lt;i&gt;" in html
    assert "&lt;img src=x&gt;" in html
    assert "<img" not in html
    assert "{{ x }}" in html


def test_unknown_placeholders_are_refused():
    with pytest.raises(ValidationError):
        validate_placeholders("selamat {nama_lengkap}")
    validate_placeholders("selamat {name}, {jp} JP")


@pytest.mark.parametrize(
    "url",
    ["http://example.com/logo.png", "https://example.com/x.css", "ftp://example.com/x"],
)
def test_the_pdf_fetcher_refuses_network_urls(url):
    with pytest.raises(ValueError):
        OfflineURLFetcher().fetch(url)


def test_the_pdf_fetcher_refuses_files_outside_fonts_and_static():
    with pytest.raises(ValueError):
        OfflineURLFetcher().fetch("file:///etc/passwd")


def test_template_preview_renders_sample_facts(course_settings):
    template = CertificateTemplate.objects.get(pk=course_settings.template.pk)
    html = certificate_html(template=template, facts=sample_facts(template=template))
    assert "Siti Rahmawati Abdullah" in html
    assert "SERTIFIKAT" in html


def test_live_preview_of_a_template_shows_a_sample_certificate(course_settings, rf):
    template = CertificateTemplate.objects.get(pk=course_settings.template.pk)
    request = rf.get("/")
    request.user = AnonymousUser()
    response = template.serve_preview(request, template.default_preview_mode)
    html = response.rendered_content if hasattr(response, "rendered_content") else response.content
    html = html.decode() if isinstance(html, bytes) else html
    assert response.status_code == 200
    assert "SERTIFIKAT" in html
    assert "Siti Rahmawati Abdullah" in html
