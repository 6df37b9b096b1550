"""
The files that belong in the private storage (certificate PDFs, SCORM packages), and moving
those found in the public media there: after a restore of an older backup, or by hand with
``manage.py move_private_media``.
"""

from django.core.files.storage import storages

from cms.private_media import PRIVATE, move_files


def private_file_names():
    """The storage name of every file that belongs in the private storage."""
    from certificates.models import Certificate
    from training.models import ScormPackage

    yield from Certificate.objects.exclude(pdf="").values_list("pdf", flat=True).iterator()
    for package in ScormPackage.objects.only("folder", "files").iterator():
        for path in package.files:
            yield package.storage_name(path)


def move_private_files_out_of_public_media() -> int:
    """Move every private file still in the default storage; returns how many were copied."""
    return move_files(private_file_names(), source=storages["default"], target=storages[PRIVATE])
