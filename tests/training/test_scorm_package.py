"""Checking SCORM ZIPs before anything is stored: the shared bad packages and hostile ZIPs."""

import io

import pytest
from django.utils import translation

from tests.training.scorm_factories import MANIFEST_12, SCORM_DATA, minimal_package, zip_bytes
from training.scorm.errors import ScormPackageError
from training.scorm.package import check_package, open_zip, safe_member_path


def _check(content: bytes):
    return check_package(open_zip(io.BytesIO(content)))


def _refusal(content: bytes) -> ScormPackageError:
    with pytest.raises(ScormPackageError) as refused:
        _check(content)
    return refused.value


@pytest.mark.parametrize(
    ("file_name", "code", "english"),
    [
        ("invalid_no_manifest.zip", "no_manifest", "has no imsmanifest.xml"),
        ("invalid_manifest_in_subfolder.zip", "manifest_not_at_root", "must be at the root"),
        ("invalid_not_a_zip.zip", "not_a_zip", "not a ZIP archive"),
    ],
)
def test_each_shared_bad_package_is_refused_with_its_reason(file_name, code, english):
    refusal = _refusal((SCORM_DATA / file_name).read_bytes())
    assert refusal.code == code
    with translation.override("en"):
        assert english in " ".join(refusal.messages)


@pytest.mark.parametrize(
    "file_name",
    [
        "singlescobasic.zip",
        "RuntimeMinimumCalls_SCORM12.zip",
        "RuntimeBasicCalls_SCORM20043rdEdition.zip",
    ],
)
def test_each_shared_good_package_passes_and_lists_its_files(file_name):
    checked = _check((SCORM_DATA / file_name).read_bytes())
    assert "imsmanifest.xml" in checked.files
    assert checked.manifest.launch_paths() <= set(checked.files)
    assert checked.size_bytes > 0


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("../evil.html", "path_traversal"),
        ("content/../../evil.html", "path_traversal"),
        ("/etc/evil.html", "absolute_path"),
        ("C:/evil.html", "absolute_path"),
        ("content\\..\\evil.html", "path_traversal"),
    ],
)
def test_entries_outside_the_package_are_refused(name, code):
    assert _refusal(minimal_package(**{name: "x"})).code == code


def test_a_symlink_entry_is_refused():
    content = zip_bytes(
        {"imsmanifest.xml": "<manifest/>", "index.html": "/etc/passwd"}, symlinks={"index.html"}
    )
    assert _refusal(content).code == "symlink"


def test_too_many_files_are_refused(settings):
    settings.SCORM_MAX_FILES = 3
    files = {f"page{number}.html": "x" for number in range(3)}
    assert _refusal(minimal_package(**files)).code == "too_many_files"


def test_a_package_too_large_once_unpacked_is_refused(settings):
    settings.SCORM_MAX_UNCOMPRESSED_BYTES = 1024 * 1024
    # 2 MB of zeros compresses to a few kilobytes: a small upload that would fill the disk.
    assert _refusal(minimal_package(**{"big.bin": b"\0" * (2 * 1024 * 1024)})).code == "too_large"


def test_an_upload_over_the_limit_is_refused_before_it_is_opened(settings):
    settings.SCORM_MAX_UPLOAD_BYTES = 100
    assert _refusal(minimal_package()).code == "upload_too_large"


def test_an_entry_that_inflates_beyond_its_declared_size_is_refused():
    content = bytearray(minimal_package())
    # Lower the manifest's declared size in the central directory: it now lies.
    archive = open_zip(io.BytesIO(bytes(content)))
    info = archive.getinfo("imsmanifest.xml")
    offset = bytes(content).rfind(b"PK\x01\x02")
    while offset != -1:
        name_length = int.from_bytes(content[offset + 28 : offset + 30], "little")
        if content[offset + 46 : offset + 46 + name_length] == b"imsmanifest.xml":
            content[offset + 24 : offset + 28] = (info.file_size // 2).to_bytes(4, "little")
        offset = bytes(content).rfind(b"PK\x01\x02", 0, offset)
    assert _refusal(bytes(content)).code in ("too_large", "unreadable_entry")


def test_a_launch_file_missing_from_the_zip_is_refused():
    content = zip_bytes(
        {"imsmanifest.xml": MANIFEST_12.format(launch="missing.html"), "other.html": "x"}
    )
    refusal = _refusal(content)
    assert refusal.code == "launch_missing"
    with translation.override("en"):
        assert "missing.html" in refusal.messages[0]


def test_an_unparseable_manifest_is_refused():
    assert _refusal(zip_bytes({"imsmanifest.xml": "<manifest"})).code == "manifest_invalid"


@pytest.mark.parametrize(
    ("requested", "expected"),
    [
        ("shared/launchpage.html", "shared/launchpage.html"),
        ("shared/./launchpage.html", "shared/launchpage.html"),
        ("../settings.py", None),
        ("shared/../../x", None),
        ("/etc/passwd", None),
        ("shared\\x", None),
        ("", None),
        (".", None),
    ],
)
def test_requested_paths_are_normalised_or_refused(requested, expected):
    assert safe_member_path(requested) == expected
