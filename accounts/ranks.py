"""
Pangkat/golongan: the rank and grade of a civil servant.

PNS (civil servants) hold a grade from ``I/a`` to ``IV/e`` with a rank name; PPPK
(government employees on contract) hold a grade from ``I`` to ``XVII``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

PNS_GRADES = [
    ("I/a", "Juru Muda"),
    ("I/b", "Juru Muda Tingkat I"),
    ("I/c", "Juru"),
    ("I/d", "Juru Tingkat I"),
    ("II/a", "Pengatur Muda"),
    ("II/b", "Pengatur Muda Tingkat I"),
    ("II/c", "Pengatur"),
    ("II/d", "Pengatur Tingkat I"),
    ("III/a", "Penata Muda"),
    ("III/b", "Penata Muda Tingkat I"),
    ("III/c", "Penata"),
    ("III/d", "Penata Tingkat I"),
    ("IV/a", "Pembina"),
    ("IV/b", "Pembina Tingkat I"),
    ("IV/c", "Pembina Utama Muda"),
    ("IV/d", "Pembina Utama Madya"),
    ("IV/e", "Pembina Utama"),
]
PPPK_GRADES = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
    "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
]  # fmt: skip


class EmployeeType(models.TextChoices):
    """The kind of appointment, which decides the grade system."""

    PNS = "pns", _("Civil servant (PNS)")
    PPPK = "pppk", _("Contract government employee (PPPK)")
    OTHER = "other", _("Not a civil servant")


# Rank names are Indonesian terms of law and are not translated.
RANK_CHOICES = [
    (_("PNS"), [(grade, f"{name} ({grade})") for grade, name in PNS_GRADES]),
    (_("PPPK"), [(grade, f"PPPK {grade}") for grade in PPPK_GRADES]),
]
PNS_GRADE_CODES = frozenset(grade for grade, _name in PNS_GRADES)
PPPK_GRADE_CODES = frozenset(PPPK_GRADES)
_CANONICAL = {code.upper(): code for code in PNS_GRADE_CODES | PPPK_GRADE_CODES}


def normalise_rank(raw) -> str:
    """
    Return the canonical grade code for what a spreadsheet or a person wrote.

    Accepts ``III/a``, ``iii/A``, ``III / a`` and ``Penata Muda (III/a)``; returns "" when the
    text is not a known grade.
    """
    text = str(raw or "").strip()
    if "(" in text and text.endswith(")"):
        text = text[text.rindex("(") + 1 : -1]
    text = text.replace(" ", "").upper()
    return _CANONICAL.get(text, "")
