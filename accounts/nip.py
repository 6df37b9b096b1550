"""
The NIP (Nomor Induk Pegawai), the 18-digit number of an Indonesian civil servant.

Its digits carry meaning: birth date ``YYYYMMDD`` (1–8), appointment ``YYYYMM`` (9–14), sex
(15: 1 male, 2 female) and a serial (16–18). A NIP typed by a person or read from a
spreadsheet is normalised first, then checked structurally; it is never trusted as given.
"""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

NIP_LENGTH = 18
# People write a NIP in groups ("19850312 201001 1 001"), sometimes with dots or dashes.
_SEPARATORS = re.compile(r"[\s.\-\u00a0]+")


@dataclass(frozen=True)
class NipParts:
    """The facts encoded in a valid NIP."""

    birth_date: datetime.date
    appointment_year: int
    appointment_month: int
    sex: str  # "1" male, "2" female
    serial: str


def normalise_nip(raw) -> str:
    """Return the NIP with group separators removed; other characters are left for the check."""
    if raw is None:
        return ""
    return _SEPARATORS.sub("", str(raw)).strip()


def parse_nip(value: str) -> NipParts:
    """
    Check a normalised NIP and return its parts.

    Raises ``ValidationError`` with a translated message that says what is wrong, so an
    operator can fix the source (a spreadsheet row, a form field).
    """
    if not value:
        raise ValidationError(_("NIP is required."), code="required")
    if not value.isdigit():
        raise ValidationError(
            _("NIP may contain digits only; “%(value)s” has other characters."),
            code="not_digits",
            params={"value": value},
        )
    if len(value) != NIP_LENGTH:
        raise ValidationError(
            _("NIP must have 18 digits; this one has %(count)d."),
            code="length",
            params={"count": len(value)},
        )
    try:
        birth_date = datetime.date(int(value[0:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        raise ValidationError(
            _("The birth date in the NIP (digits 1–8, YYYYMMDD) is not a real date: %(part)s."),
            code="birth_date",
            params={"part": value[0:8]},
        ) from None
    today = timezone.localdate()
    if birth_date.year < 1940 or birth_date > today:
        raise ValidationError(
            _("The birth date in the NIP (digits 1–8) is out of range: %(part)s."),
            code="birth_date",
            params={"part": value[0:8]},
        )
    appointment_year, appointment_month = int(value[8:12]), int(value[12:14])
    if not 1 <= appointment_month <= 12:
        raise ValidationError(
            _("The appointment month in the NIP (digits 13–14) must be 01–12, not %(part)s."),
            code="appointment_month",
            params={"part": value[12:14]},
        )
    if appointment_year < birth_date.year + 17 or (appointment_year, appointment_month) > (
        today.year,
        today.month,
    ):
        raise ValidationError(
            _(
                "The appointment date in the NIP (digits 9–14) is not possible "
                "for someone born in %(year)d: %(part)s."
            ),
            code="appointment_date",
            params={"year": birth_date.year, "part": value[8:14]},
        )
    sex = value[14]
    if sex not in ("1", "2"):
        raise ValidationError(
            _("The sex digit of the NIP (digit 15) must be 1 or 2, not %(digit)s."),
            code="sex",
            params={"digit": sex},
        )
    serial = value[15:18]
    if serial == "000":
        raise ValidationError(
            _("The serial number in the NIP (digits 16–18) cannot be 000."), code="serial"
        )
    return NipParts(birth_date, appointment_year, appointment_month, sex, serial)


def validate_nip(value: str) -> None:
    """Model and form field validator: a structurally valid, normalised NIP."""
    parse_nip(value)


def mask_nip(value: str) -> str:
    """
    A NIP for public display (UU 27/2022): only the serial, the last three digits, shows
    (``***************001``). The first fourteen are the birth date and the appointment
    date, personal data that also narrow the NIP down enough to guess it whole.
    """
    if not value:
        return ""
    if len(value) <= 3:
        return "*" * len(value)
    return "*" * (len(value) - 3) + value[-3:]
