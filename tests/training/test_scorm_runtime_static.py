"""
The SCORM runtime from the npm registry as production collects it: with the manifest
storage, which refuses a JavaScript file that names a source map it cannot find.
"""

import json

from django.core.management import call_command
from django.test import override_settings

MANIFEST_STORAGE = {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}


def test_collectstatic_with_the_manifest_storage_publishes_the_runtime_and_nothing_else(
    settings, tmp_path
):
    with override_settings(
        STATIC_ROOT=tmp_path,
        STORAGES={**settings.STORAGES, "staticfiles": MANIFEST_STORAGE},
        STATICFILES_FINDERS=["training.staticfiles.ScormRuntimeFinder"],
    ):
        call_command("collectstatic", interactive=False, verbosity=0)

    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    assert sorted(manifest) == [
        "vendor/scorm-again/scorm12.min.js",
        "vendor/scorm-again/scorm12.min.js.map",
        "vendor/scorm-again/scorm2004.min.js",
        "vendor/scorm-again/scorm2004.min.js.map",
    ]
    hashed = (tmp_path / manifest["vendor/scorm-again/scorm12.min.js"]).read_text()
    # The reference to the map points to its hashed name, so browsers never get a 404.
    assert manifest["vendor/scorm-again/scorm12.min.js.map"].rsplit("/", 1)[1] in hashed
