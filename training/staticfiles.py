"""
A static-files finder for the SCORM runtime installed from the npm registry.

Only the two bundles the player loads are published (as ``vendor/scorm-again/<name>``), with
the source-map stubs they name (the manifest storage of production refuses a file that
points to a missing one); the package's sources, ES modules, type declarations and full
source maps (about 18 MB) are never collected, compressed or served.
"""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import Warning as CheckWarning
from django.core.files.storage import FileSystemStorage

PREFIX = "vendor/scorm-again"
BUNDLES = ("scorm12.min.js", "scorm2004.min.js")
PUBLISHED = (*BUNDLES, *(f"{name}.map" for name in BUNDLES))


class ScormRuntimeFinder(BaseFinder):
    """Finds ``vendor/scorm-again/scorm12.min.js`` and ``scorm2004.min.js`` in node_modules."""

    def __init__(self, *args, **kwargs):
        self.root = Path(settings.SCORM_RUNTIME_DIR)
        self.storage = FileSystemStorage(location=self.root)
        self.storage.prefix = PREFIX

    def check(self, **kwargs):
        missing = [name for name in BUNDLES if not (self.root / name).is_file()]
        if not missing:
            return []
        return [
            CheckWarning(
                f"The SCORM runtime is not installed ({', '.join(missing)} missing in "
                f"{self.root}): run `make install` (npm ci).",
                id="training.W001",
            )
        ]

    def find(self, path, find_all=False, **kwargs):
        name = path.removeprefix(PREFIX + "/")
        found = []
        if name != path and name in PUBLISHED and (self.root / name).is_file():
            found.append(str(self.root / name))
        if find_all:
            return found
        return found[0] if found else None

    def list(self, ignore_patterns):
        for name in PUBLISHED:
            if (self.root / name).is_file():
                yield name, self.storage
