"""
System checks of the site's set-up: uploaded media is kept apart from code and assets, and
private files apart from the public media.
"""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.checks import Error, register


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _code_and_asset_folders() -> list[Path]:
    # A STATICFILES_DIRS entry is a folder or a (prefix, folder) pair.
    static_dirs = [
        entry[1] if isinstance(entry, tuple | list) else entry
        for entry in settings.STATICFILES_DIRS
    ]
    folders = [Path(settings.STATIC_ROOT or "/nonexistent"), *map(Path, static_dirs)]
    folders += [Path(config.path) for config in apps.get_app_configs()]
    folders += [Path(folder) for engine in settings.TEMPLATES for folder in engine["DIRS"]]
    return folders


@register()
def check_media_outside_code(app_configs=None, **kwargs):
    """
    Uploaded files must never land where code or static assets live: there they could be
    imported, served as the site's own files, or overwrite them.
    """
    if not settings.MEDIA_ROOT:
        return []
    media = Path(settings.MEDIA_ROOT).resolve()
    for folder in _code_and_asset_folders():
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


@register()
def check_private_media(app_configs=None, **kwargs):
    """
    Private files (certificate PDFs, SCORM packages) must stay out of every folder that is
    served or holds code: inside MEDIA_ROOT the proxy (or DEBUG's media view) would hand them
    to anyone. And the views must know how to serve them.
    """
    from .private_media import SERVE_MODES

    errors = []
    if settings.PRIVATE_MEDIA_SERVE not in SERVE_MODES:
        errors.append(
            Error(
                f"PRIVATE_MEDIA_SERVE is {settings.PRIVATE_MEDIA_SERVE!r}; use one of "
                f"{', '.join(SERVE_MODES)}.",
                id="cms.E003",
            )
        )
    if not settings.PRIVATE_MEDIA_ROOT:
        return errors
    private = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    folders = [Path(settings.MEDIA_ROOT)] if settings.MEDIA_ROOT else []
    for folder in [*folders, *_code_and_asset_folders()]:
        folder = folder.resolve()
        if _inside(private, folder) or _inside(folder, private):
            errors.append(
                Error(
                    f"PRIVATE_MEDIA_ROOT ({private}) overlaps {folder}: private files must be "
                    "stored apart from the public media, code, templates and static files.",
                    id="cms.E002",
                )
            )
            break
    return errors
