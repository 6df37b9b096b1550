"""
The private storage and the one response that hands out its files: streamed, by nginx
(X-Accel-Redirect) or Apache (X-Sendfile), or a signed redirect on S3; and moving files out
of the public media.
"""

from pathlib import Path
from urllib.parse import unquote

import pytest
from django.core.checks import run_checks
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage, default_storage
from django.http import Http404

from cms.private_media import move_files, private_file_response, private_storage

NAME = "certificates/2026/ABCD2345.pdf"


@pytest.fixture
def stored():
    private_storage.save(NAME, ContentFile(b"%PDF-1.7 private"))
    return NAME


def test_private_files_live_outside_the_media_root_and_have_no_address(settings, stored):
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / stored).read_bytes() == b"%PDF-1.7 private"
    assert not (Path(settings.MEDIA_ROOT) / stored).exists()
    with pytest.raises(ValueError):
        private_storage.url(stored)


def test_the_private_storage_follows_its_setting(settings, tmp_path, stored):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "elsewhere"
    assert not private_storage.exists(stored)
    assert private_storage.path(stored) == str(tmp_path / "elsewhere" / stored)


def test_streamed_by_default_as_a_named_attachment_kept_by_no_shared_cache(stored):
    response = private_file_response(
        stored, filename="sertifikat-1.pdf", content_type="application/pdf"
    )
    assert b"".join(response.streaming_content) == b"%PDF-1.7 private"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="sertifikat-1.pdf"'
    assert response["Cache-Control"] == "private, no-cache"


def test_an_inline_file_does_not_name_the_stored_file(stored):
    response = private_file_response(stored, as_attachment=False)
    assert "Content-Disposition" not in response
    assert response["Content-Type"] == "application/pdf"


def test_x_accel_redirect_names_the_file_for_nginx_and_sends_no_body(settings, stored):
    settings.PRIVATE_MEDIA_SERVE = "x-accel-redirect"
    settings.PRIVATE_MEDIA_ACCEL_PREFIX = "/internal/private-media/"
    response = private_file_response(stored, filename="sertifikat 1.pdf")
    assert response["X-Accel-Redirect"] == f"/internal/private-media/{stored}"
    assert response.content == b""
    assert response["Content-Disposition"] == 'attachment; filename="sertifikat 1.pdf"'


def test_x_accel_redirect_escapes_the_name(settings):
    settings.PRIVATE_MEDIA_SERVE = "x-accel-redirect"
    name = private_storage.save("scorm/f/a page.html", ContentFile(b"<p>"))
    response = private_file_response(name, as_attachment=False)
    assert response["X-Accel-Redirect"] == "/internal/private-media/scorm/f/a%20page.html"


def test_x_sendfile_gives_the_path_and_sends_no_body(settings, stored):
    settings.PRIVATE_MEDIA_SERVE = "x-sendfile"
    response = private_file_response(stored)
    assert response["X-Sendfile"] == str(Path(settings.PRIVATE_MEDIA_ROOT) / stored)
    assert response.content == b""


@pytest.mark.parametrize("mode", ["stream", "x-accel-redirect", "x-sendfile"])
def test_a_missing_file_is_a_404_in_every_mode(settings, mode):
    settings.PRIVATE_MEDIA_SERVE = mode
    with pytest.raises(Http404):
        private_file_response("certificates/2026/MISSING.pdf")


class SignedStorage(Storage):
    """Stands in for S3: files without local paths, addresses signed with parameters."""

    def __init__(self, files=None):
        self.files = files or {}

    def _open(self, name, mode="rb"):
        if name not in self.files:
            raise FileNotFoundError(name)
        return ContentFile(self.files[name], name=name)

    def exists(self, name):
        return name in self.files

    def url(self, name, parameters=None, expire=None, http_method=None):
        query = "&".join(f"{key}={value}" for key, value in sorted((parameters or {}).items()))
        return f"https://bucket.example/private/{name}?{query}&Signature=abc"


def test_without_local_files_the_caller_is_sent_to_a_signed_address():
    storage = SignedStorage({NAME: b"%PDF"})
    response = private_file_response(
        NAME, storage=storage, filename="sertifikat-1.pdf", content_type="application/pdf"
    )
    assert response.status_code == 302
    location = unquote(response["Location"])
    assert location.startswith(f"https://bucket.example/private/{NAME}?")
    assert 'ResponseContentDisposition=attachment; filename="sertifikat-1.pdf"' in location
    assert "ResponseContentType=application/pdf" in location
    assert response["Cache-Control"] == "private, no-store"


def test_a_file_that_must_come_from_the_site_is_streamed_even_without_local_files():
    storage = SignedStorage({"scorm/f/index.html": b"<html>"})
    response = private_file_response(
        "scorm/f/index.html", storage=storage, as_attachment=False, same_origin=True
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"<html>"


def test_moving_keeps_names_empties_the_source_and_can_run_again(settings):
    default_storage.save(NAME, ContentFile(b"old"))
    assert move_files([NAME, "", "gone.pdf"], source=default_storage, target=private_storage) == 1
    assert private_storage.open(NAME).read() == b"old"
    assert not default_storage.exists(NAME)
    assert move_files([NAME], source=default_storage, target=private_storage) == 0
    assert private_storage.open(NAME).read() == b"old"


def test_moving_keeps_the_private_copy_when_both_exist(stored):
    default_storage.save(NAME, ContentFile(b"stale public copy"))
    assert move_files([NAME], source=default_storage, target=private_storage) == 0
    assert private_storage.open(NAME).read() == b"%PDF-1.7 private"
    assert not default_storage.exists(NAME)


def test_moving_within_one_place_deletes_nothing(settings, stored):
    same = FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT)
    assert move_files([NAME], source=same, target=private_storage) == 0
    assert private_storage.exists(NAME)


def _errors(ids):
    return [error for error in run_checks() if error.id in ids]


def test_a_private_folder_inside_the_media_root_is_refused(settings):
    settings.PRIVATE_MEDIA_ROOT = Path(settings.MEDIA_ROOT) / "private"
    assert [error.id for error in _errors({"cms.E002"})] == ["cms.E002"]


def test_an_unknown_way_of_serving_private_files_is_refused(settings):
    settings.PRIVATE_MEDIA_SERVE = "sendfile"
    assert [error.id for error in _errors({"cms.E003"})] == ["cms.E003"]
    assert not _errors({"cms.E002"})
