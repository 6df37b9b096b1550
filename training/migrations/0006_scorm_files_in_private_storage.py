from django.core.files.storage import storages
from django.db import migrations

import cms.private_media


def _package_file_names(apps):
    ScormPackage = apps.get_model("training", "ScormPackage")
    for folder, files in ScormPackage.objects.values_list("folder", "files").iterator():
        for path in files:
            yield f"scorm/{folder}/{path}"


def move_packages_to_private_storage(apps, schema_editor):
    """SCORM packages leave the public media (course material for the enrolled only)."""
    cms.private_media.move_files(
        _package_file_names(apps), source=storages["default"], target=storages["private"]
    )


def move_packages_back_to_public_storage(apps, schema_editor):
    cms.private_media.move_files(
        _package_file_names(apps), source=storages["private"], target=storages["default"]
    )


class Migration(migrations.Migration):

    dependencies = [
        ('training', '0005_scorm_packages_in_lessons'),
    ]

    operations = [
        migrations.RunPython(move_packages_to_private_storage, move_packages_back_to_public_storage),
    ]
