"""
Reading uploaded spreadsheets within bounds: the participant list and the question bank.

A workbook's size says little about its rows: a 1.4 MB .xlsx can hold a million empty rows
that only carry formatting, and openpyxl reads every one of them (half a minute) before a
check of the data rows could stop it. Here reading stops at a fixed number of sheet rows,
``IMPORT_MAX_ROWS`` below the header, empty ones included, because reading them is what
costs; a sheet that goes on past it is refused with a message naming the limit, never cut
short in silence. Columns beyond ``MAX_COLUMNS`` are not read either.
"""

from collections.abc import Iterable, Iterator, Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_COLUMNS = 50
"""Columns read from each row; the templates have 6 (participants) and 11 (questions)."""


class TooManyRows(ValidationError):
    """The sheet goes on past ``IMPORT_MAX_ROWS`` rows below its header."""


def max_rows() -> int:
    """The rows a sheet may have below its header (``IMPORT_MAX_ROWS``)."""
    return settings.IMPORT_MAX_ROWS


def too_many_rows() -> TooManyRows:
    return TooManyRows(
        _(
            "The sheet has more than %(count)s rows below its header row. Empty rows count "
            "too when they are formatted: delete the rows below the list, or split it into "
            "several files."
        ),
        code="too_many_rows",
        params={"count": max_rows()},
    )


def bounded_rows(rows: Iterable[Sequence]) -> Iterator[tuple[int, Sequence]]:
    """
    ``(row number, cells)`` of a table whose first row is the header, the header included
    (row 1); raises ``TooManyRows`` on reaching a row past the limit, before reading on.
    """
    last = max_rows() + 1
    for number, cells in enumerate(rows, start=1):
        if number > last:
            raise too_many_rows()
        yield number, cells


def worksheet_rows(sheet) -> Iterator[tuple[int, Sequence]]:
    """
    ``bounded_rows`` of an openpyxl worksheet opened with ``read_only=True``: the sheet's XML
    is parsed only as far as the limit (one row past it, to know that it goes on), and each
    row is a tuple of at most ``MAX_COLUMNS`` values whatever width the sheet claims.
    """
    return bounded_rows(
        sheet.iter_rows(values_only=True, max_row=max_rows() + 2, max_col=MAX_COLUMNS)
    )
