"""
Backup and restore of the database and the media files.

A backup is a folder: ``database.dump`` (PostgreSQL custom format, from ``pg_dump``) or
``database.sqlite3`` (SQLite's online backup), ``media.tar.gz`` (the whole ``MEDIA_ROOT``),
``private-media.tar.gz`` (the whole ``PRIVATE_MEDIA_ROOT``: certificate PDFs, SCORM
packages) and ``manifest.json`` (when, what, row counts per table, SHA-256 of each file).
Restore loads it into the database and media folders of the current settings, which may be
new and empty (a fresh server) or, with ``replace``, existing ones. A backup made before
the private folder existed holds those files in ``media.tar.gz``: the restore moves them out
of the public media.
"""

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why."""


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def _pg_environment() -> dict:
    database = settings.DATABASES["default"]
    env = {**os.environ}
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        if database.get(key):
            env[variable] = str(database[key])
    return env


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def row_counts() -> dict[str, int]:
    """Rows per table of every installed model, read from the current database."""
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        counts[model._meta.db_table] = model._base_manager.count()
    return dict(sorted(counts.items()))


def _is_local(storage: str) -> bool:
    return settings.STORAGES[storage]["BACKEND"].endswith("FileSystemStorage")


def _media_is_local() -> bool:
    return _is_local("default")


# (archive, folder setting, storage) of the media folders a backup holds when they are local.
MEDIA_ARCHIVES = (
    ("media.tar.gz", "MEDIA_ROOT", "default"),
    ("private-media.tar.gz", "PRIVATE_MEDIA_ROOT", "private"),
)


def _arcname(archive_name: str) -> str:
    return archive_name.removesuffix(".tar.gz")


def create_backup(directory: Path) -> dict:
    """Write a backup of the database and media into ``directory``; returns the manifest."""
    directory.mkdir(parents=True, exist_ok=True)
    if any(directory.iterdir()):
        raise BackupError(f"{directory} is not empty")
    files = []
    if _is_postgres():
        target = directory / "database.dump"
        subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "-f", str(target)],
            env=_pg_environment(),
            check=True,
        )
    else:
        target = directory / "database.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        copy.close()
    files.append(target)
    for archive_name, setting, storage in MEDIA_ARCHIVES:
        if not _is_local(storage):
            continue
        media = directory / archive_name
        root = getattr(settings, setting)
        with tarfile.open(media, "w:gz") as archive:
            if Path(root).is_dir():
                archive.add(root, arcname=_arcname(archive_name))
        files.append(media)
    manifest = {
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
        "database": connection.vendor,
        "media": "media.tar.gz" if _media_is_local() else "object storage, not included",
        "private_media": (
            "private-media.tar.gz" if _is_local("private") else "object storage, not included"
        ),
        "rows": row_counts(),
        "files": {path.name: _sha256(path) for path in files},
    }
    (directory / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def _database_is_empty() -> bool:
    return not connection.introspection.table_names()


def restore_backup(directory: Path, *, replace: bool = False) -> dict:
    """
    Load the backup in ``directory`` into the current database and media folders.

    Checks every file's SHA-256 first. Refuses a database that has tables unless
    ``replace``. Returns ``{"expected": rows, "restored": rows}`` for the caller to compare.
    """
    manifest = json.loads((directory / "manifest.json").read_text())
    for name, digest in manifest["files"].items():
        if _sha256(directory / name) != digest:
            raise BackupError(f"{name} does not match its SHA-256 in the manifest")
    if manifest["database"] != connection.vendor:
        raise BackupError(
            f"the backup is of {manifest['database']}, this site runs {connection.vendor}"
        )
    if not replace and not _database_is_empty():
        raise BackupError("the database is not empty; restore with --replace to overwrite it")
    if _is_postgres():
        subprocess.run(
            ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
             "--exit-on-error", "-d", settings.DATABASES["default"]["NAME"],
             str(directory / "database.dump")],
            env=_pg_environment(), check=True,
        )  # fmt: skip
    else:
        connection.ensure_connection()
        with sqlite3.connect(directory / "database.sqlite3") as source:
            source.backup(connection.connection)
        source.close()
    # A backup with local media holds every file, so replacing empties both folders first
    # (an older backup's private files are in media.tar.gz).
    has_media = any((directory / name).exists() for name, _setting, _storage in MEDIA_ARCHIVES)
    for archive_name, setting, storage in MEDIA_ARCHIVES:
        media_root = Path(getattr(settings, setting))
        if replace and has_media and _is_local(storage) and media_root.exists():
            shutil.rmtree(media_root)
        if not (directory / archive_name).exists():
            continue
        media_root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(directory / archive_name, "r:gz") as archive:
            for member in archive.getmembers():
                member.name = member.name.removeprefix(_arcname(archive_name)).lstrip("/")
            archive.extractall(media_root, filter="data")
    # An older backup kept certificate PDFs and SCORM packages in the public media.
    from .private_media import move_private_files_out_of_public_media

    move_private_files_out_of_public_media()
    return {"expected": manifest["rows"], "restored": row_counts()}
