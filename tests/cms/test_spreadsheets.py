"""The one rule for spreadsheet cells: text that would start a formula is written as text."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy

from cms.spreadsheets import inert, inert_row, xlsx_cell, xlsx_row


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\r=1+1"],
)
def test_text_that_would_start_a_formula_gets_a_quote(text):
    assert inert(text) == "'" + text


@pytest.mark.parametrize(
    "value",
    ["Siti Aminah", "", "'=already text", "a=b", -2, -0.25, Decimal("-0.714"), 0, None, True,
     datetime.date(2026, 1, 5)],
)  # fmt: skip
def test_other_values_are_left_as_they_are(value):
    assert inert(value) == value
    assert type(inert(value)) is type(value)


def test_a_lazy_translation_is_written_as_its_text():
    with translation.override("en"):
        assert inert(gettext_lazy("Name")) == "Name"


def test_a_row_for_csv():
    assert inert_row(["=1+1", -3, "Budi"]) == ["'=1+1", -3, "Budi"]


def test_openpyxl_cells_hold_text_as_text_and_numbers_as_numbers():
    workbook = openpyxl.Workbook()
    sheet = workbook.active

    sheet.append(xlsx_row(sheet, ['=HYPERLINK("http://x","y")', -0.5, "@SUM(A1)"]))

    formula, number, at = sheet[1]
    assert formula.data_type == "s" and formula.value == '\'=HYPERLINK("http://x","y")'
    assert number.data_type == "n" and number.value == -0.5
    assert at.data_type == "s" and at.value == "'@SUM(A1)"


def test_openpyxl_cells_work_in_write_only_workbooks():
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()

    cell = xlsx_cell(sheet, "=1+1")
    sheet.append([cell])
    output = io.BytesIO()
    workbook.save(output)

    assert cell.data_type == "s" and cell.value == "'=1+1"
    (saved,) = next(openpyxl.load_workbook(output).active.iter_rows())
    assert saved.data_type == "s" and saved.value == "'=1+1"
