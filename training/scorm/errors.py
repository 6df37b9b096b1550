"""The one error a SCORM package is refused with: a translated message and a stable code."""

from django.core.exceptions import ValidationError


class ScormPackageError(ValidationError):
    """
    Why a package was refused. Its ``code`` is stable (tests and the command's output use it)
    and its message is translated, so the admin form shows it as it is.
    """


class CmiError(ValueError):
    """
    A committed CMI element the data model does not allow: its dotted name and the SCORM
    error code the runtime reports for it (``GetLastError``): 405 in SCORM 1.2 (incorrect data
    type, which 1.2 also uses for a value out of range), 406 (type mismatch) or 407 (value out
    of range) in SCORM 2004.
    """

    def __init__(self, element: str, code: int, reason: str):
        super().__init__(f"{element}: {reason}")
        self.element = element
        self.code = code
        self.reason = reason
