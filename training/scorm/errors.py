"""The one error a SCORM package is refused with: a translated message and a stable code."""

from django.core.exceptions import ValidationError


class ScormPackageError(ValidationError):
    """
    Why a package was refused. Its ``code`` is stable (tests and the command's output use it)
    and its message is translated, so the admin form shows it as it is.
    """
