"""
Cell values for every spreadsheet the site writes (.csv and .xlsx), made inert.

Excel, LibreOffice and Google Sheets read a text cell that begins with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return as a formula ("CSV injection", OWASP): a participant named
``=HYPERLINK("http://…","…")``, or a complaint from an anonymous visitor, would become a live
link or a command in an organiser's spreadsheet. ``inert`` puts a ``'`` in front of such text,
the prefix the spreadsheet programs themselves use for "this is text"; numbers, dates and
booleans are left alone, so a genuine negative number stays a number. openpyxl on its own
also turns any string that begins with ``=`` into a formula, so its cells are made here with
text typed as text (``xlsx_cell``).

Wagtail's exports (``ReportView`` and the index views of viewsets with ``list_export``) take
the same rule from ``InertSpreadsheetExportMixin``. Templates that the importers read back
(participant lists, question banks) are written from fixed examples, not user data, and are
left as they are.
"""

from django.utils.functional import Promise

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def inert(value):
    """``value`` as a spreadsheet should hold it: text that would start a formula gets a ``'``."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def inert_row(values) -> list:
    """A row for ``csv.writer`` (or any writer of plain values), every cell ``inert``."""
    return [inert(value) for value in values]


def xlsx_cell(sheet, value):
    """
    An openpyxl cell of ``sheet`` holding ``inert(value)``, text typed as text. Usable with
    ``sheet.append`` in normal and write-only workbooks; style it before appending.
    """
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, inert(value))
    if cell.data_type == "f":
        cell.data_type = "s"
    return cell


def xlsx_row(sheet, values) -> list:
    """A row of ``xlsx_cell``s, for ``sheet.append``."""
    return [xlsx_cell(sheet, value) for value in values]


class InertSpreadsheetExportMixin:
    """
    For a Wagtail view with ``SpreadsheetExportMixin`` (``ReportView``, a viewset's
    ``IndexView``): every exported value, in .csv and .xlsx, is ``inert``. Wagtail already
    types .xlsx formulas as text; its .csv is written as given.
    """

    def preprocess_field_value(self, field, value, export_format):
        return inert(super().preprocess_field_value(field, value, export_format))
