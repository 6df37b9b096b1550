"""
Checking a SCORM ZIP before anything of it is stored, and extracting it into storage.

Every entry is checked first (no path outside the package, no absolute path, no link, size
and count limits from settings), then the manifest at the root is parsed and its launch files
looked up. Extraction reads each entry with a byte budget, so a ZIP that lies about its sizes
is stopped as soon as it writes more than it declared. The files go to the private storage
(``cms.private_media``): only the checked content view hands them out.
"""

import posixpath
import stat
import zipfile
from dataclasses import dataclass
from typing import BinaryIO

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _

from cms.private_media import private_storage

from .errors import ScormPackageError
from .manifest import Manifest, parse_manifest

MANIFEST = "imsmanifest.xml"
MAX_MANIFEST_BYTES = 5 * 1024 * 1024
CHUNK = 1024 * 1024


@dataclass
class CheckedPackage:
    """A package that passed every check: its manifest and the files it holds."""

    manifest: Manifest
    files: list[str]
    size_bytes: int


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    # Unix permission bits live in the high 16 bits of external_attr.
    return stat.S_ISLNK(info.external_attr >> 16)


def safe_member_path(name: str) -> str | None:
    """
    The normalised relative path of a package member or a requested file, or None when it
    is absolute, leaves the package or is otherwise unsafe.
    """
    if not name or "\\" in name or "\x00" in name:
        return None
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return None
    parts = name.split("/")
    if any(part == ".." for part in parts):
        return None
    normalised = posixpath.normpath(name)
    if normalised in (".", "") or normalised.startswith(("../", "/")):
        return None
    return normalised


def _check_entry(info: zipfile.ZipInfo) -> None:
    name = info.filename
    if name.startswith("/") or (len(name) > 1 and name[1] == ":") or name.startswith("\\"):
        raise ScormPackageError(
            _("The package contains an absolute path: %(name)s"),
            code="absolute_path",
            params={"name": name},
        )
    if ".." in name.replace("\\", "/").split("/"):
        raise ScormPackageError(
            _("The package contains a path outside the package: %(name)s"),
            code="path_traversal",
            params={"name": name},
        )
    if _is_symlink(info):
        raise ScormPackageError(
            _("The package contains a link, which is not allowed: %(name)s"),
            code="symlink",
            params={"name": name},
        )
    if safe_member_path(name.rstrip("/")) is None:
        raise ScormPackageError(
            _("The package contains a file name that cannot be used safely: %(name)s"),
            code="unsafe_path",
            params={"name": name},
        )


def _size_error(limit: int) -> ScormPackageError:
    return ScormPackageError(
        _("The package is too large once unpacked: at most %(megabytes)s MB is allowed."),
        code="too_large",
        params={"megabytes": limit // (1024 * 1024) or 1},
    )


def open_zip(file: BinaryIO) -> zipfile.ZipFile:
    """Open an uploaded file as a ZIP, refusing what is not one or is too big to upload."""
    file.seek(0, 2)
    size = file.tell()
    file.seek(0)
    if size > settings.SCORM_MAX_UPLOAD_SIZE:
        raise ScormPackageError(
            _("The file is too large: at most %(megabytes)s MB may be uploaded."),
            code="upload_too_large",
            params={"megabytes": settings.SCORM_MAX_UPLOAD_SIZE // (1024 * 1024) or 1},
        )
    try:
        return zipfile.ZipFile(file)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as error:
        raise ScormPackageError(
            _("The file is not a ZIP archive, so it cannot be a SCORM package."),
            code="not_a_zip",
        ) from error


def check_package(archive: zipfile.ZipFile) -> CheckedPackage:
    """Check every entry and the manifest of an open ZIP; raise ``ScormPackageError``."""
    entries = archive.infolist()
    if len(entries) > settings.SCORM_MAX_FILES:
        raise ScormPackageError(
            _("The package holds too many files: %(count)s, at most %(limit)s are allowed."),
            code="too_many_files",
            params={"count": len(entries), "limit": settings.SCORM_MAX_FILES},
        )
    total = 0
    files = []
    for info in entries:
        _check_entry(info)
        total += info.file_size
        if not info.is_dir():
            files.append(safe_member_path(info.filename))
    if total > settings.UPLOAD_MAX_UNCOMPRESSED_SIZE:
        raise _size_error(settings.UPLOAD_MAX_UNCOMPRESSED_SIZE)
    if MANIFEST not in files:
        nested = [name for name in files if posixpath.basename(name) == MANIFEST]
        if nested:
            raise ScormPackageError(
                _(
                    "The manifest imsmanifest.xml must be at the root of the ZIP, not in "
                    "“%(folder)s”. Zip the package's contents, not its folder."
                ),
                code="manifest_not_at_root",
                params={"folder": posixpath.dirname(nested[0])},
            )
        raise ScormPackageError(
            _("The package has no imsmanifest.xml, so it is not a SCORM package."),
            code="no_manifest",
        )
    manifest_info = archive.getinfo(MANIFEST)
    if manifest_info.file_size > MAX_MANIFEST_BYTES:
        raise _size_error(MAX_MANIFEST_BYTES)
    manifest = parse_manifest(_read_limited(archive, manifest_info))
    present = set(files)
    for launch in sorted(manifest.launch_paths()):
        path = safe_member_path(launch)
        if path is None or path not in present:
            raise ScormPackageError(
                _("The manifest launches “%(file)s”, which is not in the package."),
                code="launch_missing",
                params={"file": launch},
            )
    return CheckedPackage(manifest=manifest, files=sorted(present), size_bytes=total)


def _read_limited(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """An entry's bytes, refusing an entry that inflates beyond the size it declares."""
    chunks, read = [], 0
    try:
        with archive.open(info) as source:
            while chunk := source.read(CHUNK):
                read += len(chunk)
                if read > info.file_size:
                    raise _size_error(settings.UPLOAD_MAX_UNCOMPRESSED_SIZE)
                chunks.append(chunk)
    # zipfile reports a damaged entry as BadZipFile, OSError or EOFError, an unsupported
    # compression method as NotImplementedError and an encrypted entry as RuntimeError.
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as error:
        raise ScormPackageError(
            _("The entry “%(name)s” of the ZIP cannot be read: %(error)s"),
            code="unreadable_entry",
            params={"name": info.filename, "error": str(error)},
        ) from error
    return b"".join(chunks)


def extract_package(archive: zipfile.ZipFile, checked: CheckedPackage, folder: str) -> None:
    """Write every file of a checked package to the private storage, under ``scorm/<folder>/``."""
    for info in archive.infolist():
        if info.is_dir():
            continue
        name = f"scorm/{folder}/{safe_member_path(info.filename)}"
        private_storage.save(name, ContentFile(_read_limited(archive, info)))


def delete_package_files(folder: str, files: list[str]) -> None:
    """Remove a package's files from the private storage (after its row is gone)."""
    for path in files:
        name = f"scorm/{folder}/{path}"
        if private_storage.exists(name):
            private_storage.delete(name)
