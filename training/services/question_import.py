"""
Import of a question bank from an .xlsx file into a quiz: preview first, then all or nothing.

The template (``question_bank_template``) has one sheet with the header row
``Jenis | Pertanyaan | Poin | Pilihan A … Pilihan F | Jawaban | Penjelasan``. ``Jenis`` is one
of the type names below; ``Jawaban`` holds the correct letters (``B`` or ``A, C``), ``Benar`` /
``Salah`` for a true/false statement, accepted answers separated by ``;`` for a short answer,
and stays empty for an essay. Every row is checked and reported with its number and reason;
a file with any error imports nothing. See ``docs/question-bank-import.md``.
"""

import io
import string
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook

from training import grading
from training.models import Choice, Question, QuestionKind, Quiz
from training.spreadsheets import TooManyRows, worksheet_rows

CHOICE_LETTERS = string.ascii_uppercase[:6]
HEADERS = (
    ["Jenis", "Pertanyaan", "Poin"]
    + [f"Pilihan {letter}" for letter in CHOICE_LETTERS]
    + ["Jawaban", "Penjelasan"]
)
TYPE_NAMES = {
    "pilihan ganda": QuestionKind.SINGLE_CHOICE,
    "single": QuestionKind.SINGLE_CHOICE,
    "jawaban ganda": QuestionKind.MULTIPLE_ANSWERS,
    "multiple": QuestionKind.MULTIPLE_ANSWERS,
    "benar salah": QuestionKind.TRUE_FALSE,
    "true false": QuestionKind.TRUE_FALSE,
    "isian singkat": QuestionKind.SHORT_ANSWER,
    "short": QuestionKind.SHORT_ANSWER,
    "esai": QuestionKind.ESSAY,
    "essay": QuestionKind.ESSAY,
}
MAX_ROWS = 1000


@dataclass
class QuestionRow:
    """One data row of the file, as read, with what it would create or why it cannot."""

    row_number: int
    kind: str = ""
    text: str = ""
    points: Decimal = Decimal("1")
    choices: list[tuple[str, bool]] = field(default_factory=list)
    correct_statement: bool | None = None
    accepted_answers: list[str] = field(default_factory=list)
    explanation: str = ""
    errors: list[str] = field(default_factory=list)

    @property
    def kind_label(self):
        return QuestionKind(self.kind).label if self.kind in QuestionKind.values else ""


@dataclass
class QuestionImportPreview:
    """The rows of a file and the errors found, before anything is written."""

    rows: list[QuestionRow]
    file_errors: list[str] = field(default_factory=list)

    @property
    def error_rows(self):
        return [row for row in self.rows if row.errors]

    @property
    def is_valid(self) -> bool:
        return bool(self.rows) and not self.file_errors and not self.error_rows


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _parse_row(row_number: int, values: list) -> QuestionRow:
    cells = [_cell(v) for v in values] + [""] * len(HEADERS)
    kind_name, text, points = cells[0], cells[1], cells[2]
    choice_texts = cells[3 : 3 + len(CHOICE_LETTERS)]
    answer, explanation = cells[3 + len(CHOICE_LETTERS)], cells[4 + len(CHOICE_LETTERS)]
    row = QuestionRow(row_number=row_number, text=text, explanation=explanation)
    kind = TYPE_NAMES.get(" ".join(kind_name.lower().replace("/", " ").replace("-", " ").split()))
    if kind is None:
        row.errors.append(
            _("Unknown type “%(type)s”: use one of %(types)s.")
            % {"type": kind_name, "types": "pilihan ganda, jawaban ganda, benar salah, "
               "isian singkat, esai"}
        )  # fmt: skip
    else:
        row.kind = kind
    if not text:
        row.errors.append(_("The question is empty."))
    if points:
        try:
            row.points = Decimal(points.replace(",", "."))
            if row.points <= 0 or row.points >= 1000:
                raise InvalidOperation
        except InvalidOperation:
            row.errors.append(_("Points must be a number above 0, for example 1 or 2.5."))
    if kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_ANSWERS):
        letters = [part.strip().upper() for part in answer.replace(";", ",").split(",")]
        letters = [letter for letter in letters if letter]
        given = {CHOICE_LETTERS[i] for i, t in enumerate(choice_texts) if t}
        if len(given) < 2:
            row.errors.append(_("A choice question needs at least two choices."))
        if not letters:
            row.errors.append(_("Give the letter of the correct choice in “Jawaban”."))
        elif not set(letters) <= given:
            row.errors.append(
                _("The answer names a choice that is empty: %(letters)s.")
                % {"letters": ", ".join(sorted(set(letters) - given))}
            )
        elif kind == QuestionKind.SINGLE_CHOICE and len(set(letters)) != 1:
            row.errors.append(_("A single-choice question has exactly one correct letter."))
        row.choices = [(t, CHOICE_LETTERS[i] in letters) for i, t in enumerate(choice_texts) if t]
    elif kind == QuestionKind.TRUE_FALSE:
        row.correct_statement = grading.parse_boolean(answer)
        if row.correct_statement is None:
            row.errors.append(_("A true or false question needs “Benar” or “Salah” as its answer."))
    elif kind == QuestionKind.SHORT_ANSWER:
        row.accepted_answers = [part.strip() for part in answer.split(";") if part.strip()]
        if not row.accepted_answers:
            row.errors.append(_("A short-answer question needs at least one accepted answer."))
    return row


def preview_question_import(*, file) -> QuestionImportPreview:
    """Read an .xlsx question bank and check every row; writes nothing."""
    try:
        workbook = load_workbook(io.BytesIO(file.read()), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many types for a file that is not a workbook
        return QuestionImportPreview(
            rows=[], file_errors=[_("This file is not an Excel workbook (.xlsx).")]
        )
    try:
        return _preview_sheet(workbook.worksheets[0])
    except TooManyRows as error:
        return QuestionImportPreview(rows=[], file_errors=list(error.messages))
    finally:
        workbook.close()


def _preview_sheet(sheet) -> QuestionImportPreview:
    rows = worksheet_rows(sheet)
    _number, first = next(rows, (1, []))
    header = [_cell(v).lower() for v in first]
    expected = [h.lower() for h in HEADERS]
    if header[: len(expected)] != expected:
        return QuestionImportPreview(
            rows=[],
            file_errors=[
                _("The first row must be the template's header: %(header)s.")
                % {"header": " | ".join(HEADERS)}
            ],
        )
    parsed = []
    for row_number, values in rows:
        if not any(_cell(v) for v in values):
            continue
        if len(parsed) >= MAX_ROWS:
            return QuestionImportPreview(
                rows=parsed,
                file_errors=[_("A file holds at most %(max)s questions.") % {"max": MAX_ROWS}],
            )
        parsed.append(_parse_row(row_number, list(values)))
    if not parsed:
        return QuestionImportPreview(rows=[], file_errors=[_("The file has no questions.")])
    return QuestionImportPreview(rows=parsed)


@transaction.atomic
def import_questions(*, quiz: Quiz, file) -> list[Question]:
    """
    Add the questions of a valid file to a quiz's bank, after its existing questions.

    All or nothing: a file with any error raises ``ValidationError`` and writes nothing.
    A question whose text the quiz already has is skipped, so importing twice adds nothing.
    """
    preview = preview_question_import(file=file)
    if not preview.is_valid:
        messages = list(preview.file_errors) + [
            _("Row %(row)s: %(reason)s") % {"row": row.row_number, "reason": reason}
            for row in preview.error_rows
            for reason in row.errors
        ]
        raise ValidationError(messages)
    quiz = Quiz.all_locales.select_for_update().get(pk=quiz.pk)  # no locale join to lock
    known = {
        grading.normalise_short_answer(t) for t in quiz.questions.values_list("text", flat=True)
    }
    order = (quiz.questions.aggregate(m=Max("sort_order"))["m"] or 0) + 1
    created = []
    for row in preview.rows:
        if grading.normalise_short_answer(row.text) in known:
            continue
        known.add(grading.normalise_short_answer(row.text))
        question = Question(
            quiz=quiz,
            sort_order=order,
            kind=row.kind,
            text=row.text,
            points=row.points,
            correct_statement=row.correct_statement,
            accepted_answers="\n".join(row.accepted_answers),
            explanation=row.explanation,
        )
        question.full_clean(exclude=["quiz"])
        question.save()
        for index, (text, is_correct) in enumerate(row.choices):
            choice = Choice(question=question, sort_order=index, text=text, is_correct=is_correct)
            choice.full_clean(exclude=["question"])
            choice.save()
        order += 1
        created.append(question)
    return created


def question_bank_template() -> bytes:
    """The documented .xlsx template, with one example row of each type."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Soal"
    sheet.append(HEADERS)
    examples = [
        ["pilihan ganda", "Undang-undang apa yang mengatur pelayanan publik?", 1,
         "UU 25/2009", "UU 5/2014", "UU 23/2014", "", "", "", "A",
         "UU No. 25 Tahun 2009 tentang Pelayanan Publik."],
        ["jawaban ganda", "Mana yang termasuk isi sistem informasi pelayanan publik?", 2,
         "Profil penyelenggara", "Standar pelayanan", "Daftar gaji pegawai", "", "", "",
         "A, B", "Pasal 23 ayat (4)."],
        ["benar salah", "Maklumat pelayanan wajib dipublikasikan.", 1,
         "", "", "", "", "", "", "Benar", ""],
        ["isian singkat", "Singkatan dari standar pelayanan minimal?", 1,
         "", "", "", "", "", "", "SPM; standar pelayanan minimal", ""],
        ["esai", "Jelaskan cara unit Anda mengelola pengaduan.", 5,
         "", "", "", "", "", "", "", ""],
    ]  # fmt: skip
    for example in examples:
        sheet.append(example)
    for column, width in zip(
        "ABCDEFGHIJK", (16, 50, 6, 22, 22, 22, 22, 22, 22, 18, 40), strict=True
    ):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


__all__ = ["import_questions", "preview_question_import", "question_bank_template"]
# A module-level lazy label keeps the template's name translatable where it is offered.
TEMPLATE_LABEL = gettext_lazy("Question bank template (.xlsx)")
