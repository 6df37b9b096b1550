"""
The fixed list of placeholders a certificate text may use, and their safe substitution.

Administrators write plain text such as ``telah mengikuti {course} selama {jp} JP``. The text
is escaped first, then each known ``{name}`` is replaced by its escaped value: nothing an
administrator types is ever evaluated as template code, so ``<script>`` or ``{{ x }}`` print
as they were typed.
"""

import re
import string

from django.core.exceptions import ValidationError
from django.utils.html import escape, linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

PLACEHOLDERS = {
    "name": _("participant name with titles"),
    "nip": _("NIP"),
    "rank": _("pangkat/golongan"),
    "position": _("jabatan (position)"),
    "agency": _("unit kerja (agency)"),
    "course": _("course title"),
    "course_code": _("course code"),
    "batch": _("batch (angkatan)"),
    "dates": _("training dates"),
    "start_date": _("first day"),
    "end_date": _("last day"),
    "place": _("place of the training"),
    "jp": _("learning hours (JP)"),
    "predicate": _("predicate"),
    "number": _("certificate number"),
    "issue_date": _("date of issue"),
    "valid_until": _("valid until"),
}

PLACEHOLDER_HELP = format_lazy(
    "{}: {}",
    _("Plain text; these placeholders are replaced"),
    ", ".join("{" + key + "}" for key in PLACEHOLDERS),
)

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")

NUMBER_FIELDS = {"seq", "year", "month", "month_roman", "course_code"}
ROMAN_MONTHS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def validate_placeholders(text: str) -> None:
    """Refuse a text that names a placeholder outside the documented list."""
    unknown = sorted({name for name in _PLACEHOLDER.findall(text) if name not in PLACEHOLDERS})
    if unknown:
        raise ValidationError(
            _("Unknown placeholders: %(names)s."),
            code="unknown_placeholder",
            params={"names": ", ".join("{" + name + "}" for name in unknown)},
        )


def fill_placeholders(text: str, values: dict) -> SafeString:
    """Escape ``text``, replace the known placeholders with escaped values, keep line breaks."""

    def replace(match):
        name = match.group(1)
        if name not in PLACEHOLDERS:
            return match.group(0)
        return f'<strong class="value value--{name}">{escape(values.get(name, ""))}</strong>'

    escaped = escape(text)
    return mark_safe(_PLACEHOLDER.sub(replace, linebreaks(escaped, autoescape=False)))


def validate_number_pattern(pattern: str) -> None:
    """A number pattern uses only the documented fields and always contains ``{seq}``."""
    try:
        fields = [field for _text, field, _spec, _conv in string.Formatter().parse(pattern)]
        names = {field for field in fields if field is not None}
    except ValueError as error:
        raise ValidationError(
            _("The pattern is not valid: %(error)s."), params={"error": error}
        ) from None
    if "seq" not in names:
        raise ValidationError(_("The pattern must contain {seq}."), code="no_sequence")
    unknown = names - NUMBER_FIELDS
    if unknown:
        raise ValidationError(
            _("Unknown fields in the pattern: %(names)s."),
            params={"names": ", ".join(sorted(unknown))},
        )
    try:
        format_number(pattern, seq=1, year=2026, month=1, course_code="X")
    except (ValueError, KeyError, IndexError) as error:
        raise ValidationError(
            _("The pattern is not valid: %(error)s."), params={"error": error}
        ) from None


def format_number(pattern: str, *, seq: int, year: int, month: int, course_code: str) -> str:
    """The certificate number for a sequence value, e.g. ``800.2.3/0007/BKPSDM/III/2026``."""
    return pattern.format(
        seq=seq,
        year=year,
        month=f"{month:02d}",
        month_roman=ROMAN_MONTHS[month - 1],
        course_code=course_code,
    )
