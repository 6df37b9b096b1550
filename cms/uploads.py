"""
Checks of uploaded files by their content, not their name: documents, spreadsheets, ZIP
packages. A file is refused when its bytes are not what its extension claims (an HTML page
renamed ``.pdf``), when it also reads as HTML (a polyglot a browser could render), when it
is too large, or when it is a ZIP that unpacks to far more than it weighs (a ZIP bomb).

Size limits are settings (``DOCUMENT_MAX_UPLOAD_SIZE``, ``IMPORT_MAX_UPLOAD_SIZE``,
``SCORM_MAX_UPLOAD_SIZE``, ``UPLOAD_MAX_UNCOMPRESSED_SIZE``); images are checked by
Wagtail itself (Willow reads the format; ``WAGTAILIMAGES_EXTENSIONS`` has no SVG).
"""

import io
import re
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# Markup a browser would render if the file were ever sniffed as HTML.
HTML_SIGNATURE = re.compile(rb"<\s*(!doctype\s+html|html|script|svg|iframe|body|head)\b", re.I)
# How much larger than itself a ZIP may unpack to; spreadsheets compress ~10x, never 100x.
MAX_COMPRESSION_RATIO = 100
OOXML_PARTS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
OPENDOCUMENT_TYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
    "odp": b"application/vnd.oasis.opendocument.presentation",
}


def _read(upload) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def check_size(upload, limit: int) -> None:
    if upload.size > limit:
        raise ValidationError(
            _("The file is larger than %(limit)s.") % {"limit": filesizeformat(limit)},
            code="too_large",
        )


def check_not_html(data: bytes) -> None:
    """Refuse bytes whose beginning a browser could take for a web page."""
    if HTML_SIGNATURE.search(data[:2048]):
        raise ValidationError(_("The file contains web-page code and is refused."), code="html")


def check_zip(data: bytes, *, max_uncompressed: int | None = None) -> zipfile.ZipFile:
    """
    Open ``data`` as a ZIP after checking its directory: no entry outside the package, and
    no more unpacked than ``max_uncompressed`` (default ``UPLOAD_MAX_UNCOMPRESSED_SIZE``) or
    ``MAX_COMPRESSION_RATIO`` times its size. Sizes are read from the directory, nothing is
    unpacked to check them.
    """
    limit = max_uncompressed or settings.UPLOAD_MAX_UNCOMPRESSED_SIZE
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ValidationError(_("The file is not a valid ZIP package."), code="not_zip") from error
    total = sum(member.file_size for member in members)
    if total > limit or total > MAX_COMPRESSION_RATIO * max(len(data), 1):
        raise ValidationError(
            _("The package unpacks to far more than its size and is refused."), code="zip_bomb"
        )
    for member in members:
        name = member.filename.replace("\\", "/")
        if name.startswith("/") or ".." in name.split("/"):
            raise ValidationError(
                _("The package holds a file outside its own folder."), code="zip_path"
            )
    return archive


def check_xlsx(upload) -> None:
    """An Excel workbook: a sound OOXML package that openpyxl can open."""
    import openpyxl

    data = _read(upload)
    try:
        archive = check_zip(data)
    except ValidationError as error:
        if error.code != "not_zip":
            raise
        # Not a ZIP at all: say what the user meant to upload.
        raise ValidationError(
            _("The file could not be read as an Excel workbook (.xlsx)."), code="not_xlsx"
        ) from error
    if OOXML_PARTS["xlsx"] not in archive.namelist():
        raise ValidationError(
            _("The file could not be read as an Excel workbook (.xlsx)."), code="not_xlsx"
        )
    try:
        openpyxl.load_workbook(io.BytesIO(data), read_only=True).close()
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise ValidationError(
            _("The file could not be read as an Excel workbook (.xlsx)."), code="not_xlsx"
        ) from error


def check_text(upload) -> None:
    """Plain text or CSV: readable text, no web-page code."""
    data = _read(upload)
    check_not_html(data)
    if b"\x00" in data[:8192]:
        raise ValidationError(_("The file is not a text file."), code="not_text")


def check_document(upload) -> None:
    """A document for the library, by its extension's expected content (see the module)."""
    check_size(upload, settings.DOCUMENT_MAX_UPLOAD_SIZE)
    extension = extension_of(upload.name)
    data = _read(upload)
    check_not_html(data)
    wrong = ValidationError(
        _("The content of the file does not match its extension “.%(extension)s”.")
        % {"extension": extension},
        code="content_mismatch",
    )
    if extension == "pdf":
        if not data[:1024].lstrip().startswith(b"%PDF-"):
            raise wrong
    elif extension in OOXML_PARTS:
        if OOXML_PARTS[extension] not in check_zip(data).namelist():
            raise wrong
    elif extension in OPENDOCUMENT_TYPES:
        archive = check_zip(data)
        if "mimetype" not in archive.namelist() or (
            archive.read("mimetype").strip() != OPENDOCUMENT_TYPES[extension]
        ):
            raise wrong
    elif extension == "zip":
        check_zip(data)
    elif extension in ("txt", "csv"):
        check_text(upload)
    else:
        raise wrong
