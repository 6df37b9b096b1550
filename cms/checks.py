"""System checks of the site's set-up: uploaded media is kept apart from code and assets."""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.checks import Error, register


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


@register()
def check_media_outside_code(app_configs=None, **kwargs):
    """
    Uploaded files must never land where code or static assets live: there they could be
    imported, served as the site's own files, or overwrite them.
    """
    if not settings.MEDIA_ROOT:
        return []
    media = Path(settings.MEDIA_ROOT).resolve()
    # A STATICFILES_DIRS entry is a folder or a (prefix, folder) pair.
    static_dirs = [
        entry[1] if isinstance(entry, tuple | list) else entry
        for entry in settings.STATICFILES_DIRS
    ]
    folders = [Path(settings.STATIC_ROOT or "/nonexistent"), *map(Path, static_dirs)]
    folders += [Path(config.path) for config in apps.get_app_configs()]
    folders += [Path(folder) for engine in settings.TEMPLATES for folder in engine["DIRS"]]
    for folder in folders:
        folder = folder.resolve()
        if _inside(media, folder) or _inside(folder, media):
            return [
                Error(
                    f"MEDIA_ROOT ({media}) overlaps {folder}: uploads must be stored apart "
                    "from code, templates and static files.",
                    id="cms.E001",
                )
            ]
    return []
