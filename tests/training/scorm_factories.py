"""Builders for the SCORM tests: the sample packages, hand-made ZIPs, a played lesson."""

import io
import zipfile
from pathlib import Path

from tests.training.factories import EnrolmentFactory, lessons_of, make_course
from training.services import attach_scorm_package, import_scorm_package

# Real sample packages, kept in the repository with their licence (data/scorm/README.md).
SCORM_DATA = Path(__file__).resolve().parent / "data" / "scorm"

MANIFEST_12 = """<?xml version="1.0"?>
<manifest identifier="test.package" version="1"
    xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org"><organization identifier="org"><title>Test package</title>
    <item identifier="item_1" identifierref="res_1"><title>Only SCO</title></item>
  </organization></organizations>
  <resources>
    <resource identifier="res_1" type="webcontent" adlcp:scormtype="sco" href="{launch}">
      <file href="{launch}"/>
    </resource>
  </resources>
</manifest>
"""


def zip_bytes(entries: dict[str, bytes | str], *, symlinks=()) -> bytes:
    """A ZIP of ``entries`` (name → content); names in ``symlinks`` are stored as links."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            info = zipfile.ZipInfo(name)
            if name in symlinks:
                info.create_system = 3
                info.external_attr = (0o120777 << 16) | 0
            archive.writestr(info, content)
    return buffer.getvalue()


def minimal_package(launch="index.html", **extra) -> bytes:
    """A valid one-SCO SCORM 1.2 package, with ``extra`` entries added."""
    return zip_bytes(
        {
            "imsmanifest.xml": MANIFEST_12.format(launch=launch),
            launch: "<html><body>SCO</body></html>",
            **extra,
        }
    )


def import_shared(file_name: str):
    with (SCORM_DATA / file_name).open("rb") as file:
        return import_scorm_package(file=file, file_name=file_name)


def scorm_lesson(file_name="singlescobasic.zip", *, lessons=2):
    """A course whose first lesson plays a shared package, and an active enrolment in it."""
    course = make_course(modules=1, lessons=lessons)
    lesson = attach_scorm_package(lesson=lessons_of(course)[0], package=import_shared(file_name))
    return lesson, EnrolmentFactory(batch__course=course)


# Hand-made packages, one folder each, zipped by the test (data/scorm/handmade/README.md).
HANDMADE = SCORM_DATA / "handmade"


def handmade_zip(folder: str) -> bytes:
    """The ZIP of a hand-made package's folder, its files at the root."""
    root = HANDMADE / folder
    return zip_bytes(
        {
            path.relative_to(root).as_posix(): path.read_bytes()
            for path in sorted(root.rglob("*"))
            if path.is_file()
        }
    )


def import_handmade(folder: str, **options):
    return import_scorm_package(
        file=io.BytesIO(handmade_zip(folder)), file_name=f"{folder}.zip", **options
    )


def handmade_lesson(folder: str, *, lessons=2, **package_fields):
    """A course whose first lesson plays a hand-made package, and an active enrolment."""
    course = make_course(modules=1, lessons=lessons)
    package = import_handmade(folder)
    if package_fields:
        for name, value in package_fields.items():
            setattr(package, name, value)
        package.save()
    lesson = attach_scorm_package(lesson=lessons_of(course)[0], package=package)
    return lesson, EnrolmentFactory(batch__course=course)
