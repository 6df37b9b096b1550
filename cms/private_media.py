"""
Private files: stored apart from the public media and handed out only by views that have
checked who asks.

Certificate PDFs carry a civil servant's full NIP, rank, position and agency, and SCORM
packages are course material for enrolled participants: neither may sit under ``MEDIA_URL``,
where anyone who learns a name can fetch it. They live in the ``"private"`` entry of
``settings.STORAGES`` (``private_storage``): on disk a folder outside ``MEDIA_ROOT``
(``PRIVATE_MEDIA_ROOT``) with no URL, on S3 a private prefix readable only through signed
addresses. ``private_file_response`` is the one way a view returns such a file;
``move_files`` moves existing files from the public storage (the data migrations and
``manage.py move_private_media`` call it).
"""

import mimetypes
import os
from collections.abc import Iterable
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils.deconstruct import deconstructible
from django.utils.functional import LazyObject, cached_property, empty
from django.utils.http import content_disposition_header

PRIVATE = "private"
STREAM = "stream"
X_ACCEL_REDIRECT = "x-accel-redirect"
X_SENDFILE = "x-sendfile"
SERVE_MODES = (STREAM, X_ACCEL_REDIRECT, X_SENDFILE)


@deconstructible(path="cms.private_media.PrivateFileSystemStorage")
class PrivateFileSystemStorage(FileSystemStorage):
    """
    Files on disk under ``PRIVATE_MEDIA_ROOT`` (read when first used, like ``MEDIA_ROOT``
    by Django's own storage) that have no address: ``url()`` refuses.
    """

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @cached_property
    def base_url(self):
        return None

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)


class PrivateStorage(LazyObject):
    """``storages["private"]``, looked up when first used (as ``default_storage`` is)."""

    def _setup(self):
        self._wrapped = storages[PRIVATE]


private_storage = PrivateStorage()


def get_private_storage():
    """The private storage, for ``FileField(storage=get_private_storage)``."""
    return private_storage


@receiver(setting_changed)
def _forget_private_storage(*, setting, **kwargs):
    # Django forgets its own storages when STORAGES changes (tests); this one follows.
    if setting == "STORAGES":
        private_storage._wrapped = empty


def _local_path(storage, name: str) -> str | None:
    try:
        return storage.path(name)
    except NotImplementedError:
        return None


def private_file_response(
    name: str,
    *,
    filename: str = "",
    as_attachment: bool = True,
    content_type: str = "",
    same_origin: bool = False,
    storage: Storage | None = None,
) -> HttpResponse:
    """
    Hand one private file to a caller the view has already allowed; 404 if it is missing.

    On disk, ``PRIVATE_MEDIA_SERVE`` says how: ``"stream"`` (a ``FileResponse``),
    ``"x-accel-redirect"`` (an empty answer whose ``X-Accel-Redirect`` header names the file
    under ``PRIVATE_MEDIA_ACCEL_PREFIX``, for nginx's ``internal`` location) or
    ``"x-sendfile"`` (the file's path in ``X-Sendfile``). On storage without local files
    (S3), a redirect to an address signed for a short while, unless ``same_origin``: a file
    that must come from the site itself (SCORM content, which talks to the player in the
    parent frame) is then streamed through the app.
    """
    storage = storage if storage is not None else private_storage
    content_type = content_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
    if filename:
        disposition = content_disposition_header(as_attachment, filename)
    else:
        disposition = "attachment" if as_attachment else None
    path = _local_path(storage, name)
    if path is None and not same_origin:
        parameters = {"ResponseContentType": content_type}
        if disposition:
            parameters["ResponseContentDisposition"] = disposition
        response = HttpResponseRedirect(storage.url(name, parameters=parameters))
        # The signed address expires: nobody may keep the redirect to it.
        response["Cache-Control"] = "private, no-store"
        return response
    mode = settings.PRIVATE_MEDIA_SERVE if path is not None else STREAM
    if mode == STREAM:
        try:
            handle = storage.open(name, "rb")
        except FileNotFoundError as error:
            raise Http404 from error
        response = FileResponse(handle, content_type=content_type)
    elif mode in (X_ACCEL_REDIRECT, X_SENDFILE):
        if not os.path.isfile(path):
            raise Http404
        response = HttpResponse(content_type=content_type)
        if mode == X_ACCEL_REDIRECT:
            prefix = settings.PRIVATE_MEDIA_ACCEL_PREFIX.rstrip("/")
            response["X-Accel-Redirect"] = f"{prefix}/{quote(name)}"
        else:
            response["X-Sendfile"] = path
    else:
        raise ImproperlyConfigured(
            f"PRIVATE_MEDIA_SERVE must be one of {', '.join(SERVE_MODES)}, not {mode!r}."
        )
    if disposition:
        response["Content-Disposition"] = disposition
    else:
        # FileResponse would name the stored file; its name is nobody's business.
        response.headers.pop("Content-Disposition", None)
    # Never kept by a shared cache; a caller may allow the browser to keep it longer.
    response["Cache-Control"] = "private, no-cache"
    return response


def _same_place(source: Storage, target: Storage, name: str) -> bool:
    source_path, target_path = _local_path(source, name), _local_path(target, name)
    if source_path is not None and target_path is not None:
        return os.path.realpath(source_path) == os.path.realpath(target_path)
    place = ("bucket_name", "location", "endpoint_url")
    return type(source) is type(target) and all(
        getattr(source, attribute, None) == getattr(target, attribute, None) for attribute in place
    )


def move_files(names: Iterable[str], *, source: Storage, target: Storage) -> int:
    """
    Move files by name from ``source`` to ``target`` storage, keeping each name; returns
    how many were copied. Safe to run again and after an interruption: a file already in
    the target stays there (the model fields read that one, so it is the newer copy) and is
    only removed from the source. Nothing is deleted when both storages are one place.

    Called by data migrations with the storages of the time: keep the signature.
    """
    copied = 0
    for name in names:
        if not name or not source.exists(name) or _same_place(source, target, name):
            continue
        if not target.exists(name):
            with source.open(name, "rb") as file:
                saved = target.save(name, file)
            if saved != name:
                # Another process wrote the name meanwhile; keep the source as it was.
                target.delete(saved)
                raise RuntimeError(f"{name} was stored as {saved}; run the move again.")
            copied += 1
        source.delete(name)
    return copied
