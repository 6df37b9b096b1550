"""
A fresh clone is all the tests and the demo need: nothing reads a path outside the checkout.

``tests/conftest.py`` also refuses, while the suite runs, to open anything in a ``shared``
folder beside the checkout (where sample data lives on the developers' machines but not in a
fresh clone), so a test that reaches for it fails here instead of on the next new machine.
"""

import re
import subprocess
import zipfile
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(__file__).resolve().parent.parent
# Ways code names a folder beside the checkout.
OUTSIDE_THE_CHECKOUT = re.compile(
    r"""\.\./shared|BASE_DIR\.parent\b|parents\[\d\]\s*/\s*["']shared|parent\s*/\s*["']shared"""
)
TEXT_SUFFIXES = {".py", ".html", ".js", ".css", ".toml", ".cfg", ".txt", ".sh", ".example"}
TEXT_NAMES = {"Makefile", "run", "README.md"}


def _tracked_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [BASE_DIR / name for name in listed]


def test_no_code_test_or_build_file_names_a_folder_beside_the_checkout():
    this_file = Path(__file__).resolve()
    offenders = []
    for path in _tracked_files():
        if path == this_file or not path.is_file():
            continue
        if path.suffix not in TEXT_SUFFIXES and path.name not in TEXT_NAMES:
            continue
        for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
            # The conftest's guard names the folder it refuses.
            if OUTSIDE_THE_CHECKOUT.search(line) and "_BESIDE_THE_CHECKOUT" not in line:
                offenders.append(f"{path.relative_to(BASE_DIR)}:{number}: {line.strip()}")
    assert offenders == []


def test_the_demo_scorm_package_ships_inside_the_checkout():
    package = Path(settings.SCORM_DEMO_PACKAGE).resolve()
    assert package.is_relative_to(BASE_DIR)
    with zipfile.ZipFile(package) as archive:
        assert "imsmanifest.xml" in archive.namelist()
    assert (package.parent / "README.md").is_file(), "the package's licence notice"


def test_the_suite_refuses_to_open_the_shared_folder_beside_the_checkout(tmp_path):
    outside = BASE_DIR.parent / "shared" / "data" / "anything.txt"
    try:
        outside.open("rb")
    except PermissionError as error:
        assert "outside the checkout" in str(error)
    except FileNotFoundError as error:  # pragma: no cover - the hook runs before the lookup
        raise AssertionError("the audit hook did not run") from error
    else:  # pragma: no cover
        raise AssertionError("a file beside the checkout was opened")
