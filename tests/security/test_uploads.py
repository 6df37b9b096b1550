"""Uploads with hostile files: content checked against the name, size limits, ZIP bombs."""

import io
import zipfile

import openpyxl
import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form

from cms.checks import check_media_outside_code
from training.assessment_forms import QuestionImportForm
from training.forms import ParticipantImportForm

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def xlsx_bytes() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["NIP", "Nama Lengkap", "Email"])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def zip_bytes(members: dict) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return output.getvalue()


def document_form(name, data):
    Document = get_document_model()
    form_class = get_document_form(Document)
    return form_class(
        {"title": "Berkas", "collection": 1},
        {"file": SimpleUploadedFile(name, data)},
        user=None,
    )


def file_errors(form):
    form.is_valid()
    return list(form.errors.get("file", []))


def test_a_real_pdf_is_accepted():
    assert file_errors(document_form("modul.pdf", PDF)) == []


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("modul.pdf", HTML),  # a web page renamed .pdf
        ("modul.pdf", PDF[:20] + HTML),  # a PDF/HTML polyglot
        ("modul.docx", PDF),  # a PDF renamed .docx
        ("catatan.txt", HTML),  # HTML as text
        ("data.csv", b"<svg onload=alert(1)></svg>"),
        ("laporan.xlsx", b"NIP,Nama\n1,Siti\n"),  # a CSV renamed .xlsx
        ("paket.zip", zip_bytes({"../../bimtek/settings.py": "x"})),  # zip slip
        ("paket.zip", zip_bytes({"nol.bin": b"\0" * (20 * 1024 * 1024)})),  # zip bomb
        ("halaman.html", HTML),
        ("gambar.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>'),
        ("skrip.js", b"alert(1)"),
    ],
    ids=[
        "html-renamed-pdf",
        "pdf-html-polyglot",
        "pdf-renamed-docx",
        "html-as-txt",
        "svg-as-csv",
        "csv-renamed-xlsx",
        "zip-slip",
        "zip-bomb",
        "html-extension",
        "svg-extension",
        "js-extension",
    ],
)
def test_hostile_documents_are_refused(name, data):
    assert file_errors(document_form(name, data)) != []


def test_an_oversize_document_is_refused(settings):
    settings.DOCUMENT_MAX_UPLOAD_SIZE = 100

    assert file_errors(document_form("modul.pdf", PDF + b" " * 200)) != []


def test_a_real_workbook_and_opendocument_are_accepted():
    ods = zip_bytes({"mimetype": "application/vnd.oasis.opendocument.spreadsheet"})

    assert file_errors(document_form("data.xlsx", xlsx_bytes())) == []
    assert file_errors(document_form("data.ods", ods)) == []


def test_the_admin_upload_view_stores_nothing_for_a_hostile_file(client, administrator):
    client.force_login(administrator)
    upload = SimpleUploadedFile("modul.pdf", HTML, content_type="application/pdf")

    response = client.post(
        reverse("wagtaildocs:add"), {"title": "Modul", "collection": 1, "file": upload}
    )

    assert response.status_code == 200
    assert not get_document_model().objects.exists()


@pytest.mark.parametrize("form_class", [ParticipantImportForm, QuestionImportForm])
def test_an_xlsx_zip_bomb_is_refused_by_the_import_forms(form_class):
    # 50 MB of one letter packs into ~50 KB: a workbook part nobody writes by hand.
    bomb = zip_bytes(
        {
            "[Content_Types].xml": "<Types/>",
            "xl/workbook.xml": "<workbook/>",
            "xl/worksheets/sheet1.xml": "A" * (50 * 1024 * 1024),
        }
    )
    form = form_class({}, {"file": SimpleUploadedFile("peserta.xlsx", bomb)})

    assert "file" in file_errors_of(form)


def file_errors_of(form):
    form.is_valid()
    return form.errors


def test_the_participant_import_accepts_a_real_workbook_and_refuses_a_fake_one():
    good = ParticipantImportForm({}, {"file": SimpleUploadedFile("p.xlsx", xlsx_bytes())})
    fake = ParticipantImportForm({}, {"file": SimpleUploadedFile("p.xlsx", HTML)})
    html_csv = ParticipantImportForm({}, {"file": SimpleUploadedFile("p.csv", HTML)})

    assert good.is_valid(), good.errors
    assert not fake.is_valid() and not html_csv.is_valid()


def test_an_oversize_import_is_refused(settings):
    settings.IMPORT_MAX_UPLOAD_SIZE = 1000
    form = ParticipantImportForm({}, {"file": SimpleUploadedFile("p.csv", b"NIP\n" * 500)})

    assert not form.is_valid()


@pytest.mark.parametrize(
    ("name", "data"),
    [("foto.png", HTML), ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ids=["html-renamed-png", "svg"],
)
def test_hostile_images_are_refused(name, data):
    form_class = get_image_form(get_image_model())
    form = form_class(
        {"title": "Foto", "collection": 1}, {"file": SimpleUploadedFile(name, data)}, user=None
    )

    assert not form.is_valid()
    assert "file" in form.errors


@pytest.mark.parametrize(
    ("name", "disposition"), [("modul.docx", "attachment"), ("modul.pdf", "inline")]
)
def test_documents_are_served_as_downloads_never_as_pages(client, name, disposition):
    document = get_document_model()(title="Modul")
    data = PDF if name.endswith(".pdf") else zip_bytes({"word/document.xml": "<w/>"})
    document.file.save(name, ContentFile(data))

    response = client.get(document.url)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(disposition)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "text/html" not in response["Content-Type"]
    assert response["Content-Security-Policy"] == "default-src 'none'"


def test_media_inside_the_static_or_code_folders_fails_the_system_check(settings):
    settings.MEDIA_ROOT = settings.STATICFILES_DIRS[0] / "uploads"

    errors = check_media_outside_code()

    assert [error.id for error in errors] == ["cms.E001"]


def test_the_default_media_folder_passes_the_system_check(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"

    assert check_media_outside_code() == []
