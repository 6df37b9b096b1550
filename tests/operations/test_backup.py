"""
Backup and restore round trip: a backup restored into a fresh database and media folders
has the same rows in every table and a certificate PDF with the same SHA-256, in the
private folder (also from a backup made when PDFs were kept in the public media).
"""

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from certificates import services
from certificates.models import Certificate
from operations.backup import row_counts
from tests.certificates.factories import CompletedEnrolmentFactory

BASE_DIR = Path(__file__).resolve().parents[2]


def _restore(directory: Path, *, database_url: str, media_root: Path, private_media_root: Path):
    return subprocess.run(
        [sys.executable, "manage.py", "restore", str(directory)],
        cwd=BASE_DIR,
        env={
            **os.environ,
            "DATABASE_URL": database_url,
            "MEDIA_ROOT": str(media_root),
            "PRIVATE_MEDIA_ROOT": str(private_media_root),
        },
        capture_output=True,
        text=True,
        timeout=300,
    )


class FreshDatabase:
    """A new, empty database beside the test database, named after it."""

    def __init__(self, tmp_path: Path):
        settings = connection.settings_dict
        self.postgres = connection.vendor == "postgresql"
        if self.postgres:
            self.name = f"{settings['NAME']}_restore"
            password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
            self.server = (
                f"postgres://{settings['USER']}{password}@{settings['HOST']}:{settings['PORT']}"
            )
            self.url = f"{self.server}/{self.name}"
        else:
            self.path = tmp_path / "restored.sqlite3"
            self.url = f"sqlite:///{self.path}"

    def _admin(self, sql: str):
        subprocess.run(["psql", f"{self.server}/postgres", "-q", "-c", sql], check=True)

    def create(self):
        if self.postgres:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            self._admin(f'CREATE DATABASE "{self.name}"')

    def drop(self):
        if self.postgres:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def query(self, sql: str) -> list[tuple]:
        if self.postgres:
            import psycopg

            with psycopg.connect(self.url) as database:
                return database.execute(sql).fetchall()
        with sqlite3.connect(self.path) as database:
            return database.execute(sql).fetchall()


@pytest.fixture
def fresh_database(tmp_path):
    database = FreshDatabase(tmp_path)
    database.create()
    yield database
    database.drop()


@pytest.mark.django_db(transaction=True)
def test_a_backup_restored_into_a_fresh_database_has_every_row_and_the_same_pdf(
    enrolment, tmp_path, fresh_database, eager_tasks
):
    # Eager: with a broker, the suite's worker would render the PDF into its own media folder.
    CompletedEnrolmentFactory.create_batch(2, batch=enrolment.batch)
    certificate = services.issue_certificate(enrolment=enrolment)  # rendered eagerly
    certificate = services.render_certificate(certificate=certificate)
    assert certificate.pdf_sha256
    backup = tmp_path / "backup"

    call_command("backup", "-o", str(backup))

    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["rows"] == row_counts()
    assert set(manifest["files"]) == {
        "database.sqlite3" if not fresh_database.postgres else "database.dump",
        "media.tar.gz",
        "private-media.tar.gz",
    }
    restored_media = tmp_path / "restored-media"
    restored_private = tmp_path / "restored-private-media"
    result = _restore(
        backup,
        database_url=fresh_database.url,
        media_root=restored_media,
        private_media_root=restored_private,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "every count matches" in result.stdout

    for table in ("accounts_user", "training_enrolment", "certificates_certificate"):
        assert (
            fresh_database.query(f"SELECT count(*) FROM {table}")[0][0] == (manifest["rows"][table])
        )
    [(pdf_name, sha256)] = fresh_database.query(
        f"SELECT pdf, pdf_sha256 FROM certificates_certificate WHERE id = {certificate.pk}"
    )
    assert sha256 == certificate.pdf_sha256
    restored_pdf = (restored_private / pdf_name).read_bytes()
    assert hashlib.sha256(restored_pdf).hexdigest() == certificate.pdf_sha256
    assert not (restored_media / pdf_name).exists()
    assert Certificate.objects.count() == 1


def _as_made_before_private_media(backup: Path, settings):
    """Rewrite a backup as one made when the PDFs were kept in the public media."""
    with tarfile.open(backup / "media.tar.gz", "w:gz") as archive:
        archive.add(settings.MEDIA_ROOT, arcname="media")
        archive.add(settings.PRIVATE_MEDIA_ROOT / "certificates", arcname="media/certificates")
    (backup / "private-media.tar.gz").unlink()
    manifest = json.loads((backup / "manifest.json").read_text())
    del manifest["files"]["private-media.tar.gz"]
    manifest["files"]["media.tar.gz"] = hashlib.sha256(
        (backup / "media.tar.gz").read_bytes()
    ).hexdigest()
    (backup / "manifest.json").write_text(json.dumps(manifest))


@pytest.mark.django_db(transaction=True)
def test_an_older_backup_is_restored_with_its_pdfs_out_of_the_public_media(
    enrolment, tmp_path, fresh_database, eager_tasks, settings
):
    certificate = services.render_certificate(
        certificate=services.issue_certificate(enrolment=enrolment)
    )
    settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
    backup = tmp_path / "backup"
    call_command("backup", "-o", str(backup))
    _as_made_before_private_media(backup, settings)

    restored_media = tmp_path / "restored-media"
    restored_private = tmp_path / "restored-private-media"
    result = _restore(
        backup,
        database_url=fresh_database.url,
        media_root=restored_media,
        private_media_root=restored_private,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert not (restored_media / certificate.pdf.name).exists()
    restored_pdf = (restored_private / certificate.pdf.name).read_bytes()
    assert hashlib.sha256(restored_pdf).hexdigest() == certificate.pdf_sha256


@pytest.mark.django_db(transaction=True)
def test_a_restore_refuses_a_database_that_is_not_empty_or_a_damaged_backup(enrolment, tmp_path):
    backup = tmp_path / "backup"
    call_command("backup", "-o", str(backup))
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(backup))
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", "-o", str(backup))
    (backup / "media.tar.gz").write_bytes(b"damaged")
    with pytest.raises(CommandError, match="SHA-256"):
        call_command("restore", str(backup), "--replace")
