"""
Settings of ``bench/cpu.py``: those of the benchmark, with plain static-file storage, since
that script serves no static file and collects none (no manifest to read).
"""

from bench.settings import *  # noqa: F403
from bench.settings import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
