"""
PDF rendering of certificates: the only module that calls WeasyPrint.

No network is ever used: the URL fetcher refuses anything but ``data:`` URIs, files under
the font and static folders, and ``storage:`` URLs read through Django's default storage
(Wagtail images: backgrounds, logos, signatures), so a render works the same on a worker
with media on local disk or on S3.
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.files.storage import default_storage
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

FONT_DIR = Path("/usr/share/fonts/truetype/noto")

# Fonts are declared one weight and style per file, so WeasyPrint never falls back to a
# system font found by fontconfig (which differs between machines).
FONT_FACES = [
    ("Noto Serif", "normal", "normal", "NotoSerif-Regular.ttf"),
    ("Noto Serif", "bold", "normal", "NotoSerif-Bold.ttf"),
    ("Noto Serif", "normal", "italic", "NotoSerif-Italic.ttf"),
    ("Noto Serif", "bold", "italic", "NotoSerif-BoldItalic.ttf"),
    ("Noto Sans", "normal", "normal", "NotoSans-Regular.ttf"),
    ("Noto Sans", "bold", "normal", "NotoSans-Bold.ttf"),
    ("Noto Sans", "normal", "italic", "NotoSans-Italic.ttf"),
]


def font_face_css() -> str:
    """The ``@font-face`` rules of every font the certificate uses, from local files only."""
    return "\n".join(
        f'@font-face {{ font-family: "{family}"; font-weight: {weight}; font-style: {style}; '
        f'src: url("{(FONT_DIR / filename).as_uri()}"); }}'
        for family, weight, style, filename in FONT_FACES
    )


class OfflineURLFetcher(URLFetcher):
    """Fetches local resources only; http(s) and every other scheme are refused."""

    def __init__(self):
        super().__init__(allowed_protocols={"data", "file", "storage"}, fail_on_errors=False)
        self._allowed_roots = [FONT_DIR.resolve(), *(Path(d).resolve() for d in _static_dirs())]

    def fetch(self, url, headers=None):
        scheme = urlsplit(url).scheme.lower()
        if scheme == "storage":
            name = unquote(url.removeprefix("storage:").lstrip("/"))
            with default_storage.open(name, "rb") as file:
                body = file.read()
            content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body, {"Content-Type": content_type})
        if scheme == "file":
            path = Path(unquote(urlsplit(url).path)).resolve()
            if not any(path.is_relative_to(root) for root in self._allowed_roots):
                raise ValueError(f"Refusing a file outside the allowed folders: {url}")
        elif scheme != "data":
            raise ValueError(f"Refusing a non-local URL: {url}")
        return super().fetch(url, headers)


def _static_dirs():
    # An entry may be a (prefix, path) pair, as the SCORM runtime's is.
    for entry in settings.STATICFILES_DIRS:
        yield entry[1] if isinstance(entry, list | tuple) else entry


_font_config = None


def _shared_font_config() -> FontConfiguration:
    # One font configuration per process: building it (and parsing the fonts) is what makes
    # the first render slow, and every certificate uses the same few faces.
    global _font_config
    if _font_config is None:
        _font_config = FontConfiguration()
    return _font_config


def render_pdf(html: str) -> bytes:
    """
    The PDF of one certificate page from its HTML.

    Title, author and subject of the PDF come from the HTML's ``<title>`` and ``<meta
    name="author">``/``<meta name="description">`` elements.
    """
    document = HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=OfflineURLFetcher())
    return document.write_pdf(font_config=_shared_font_config(), pdf_variant=None)
