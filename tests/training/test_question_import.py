"""Question-bank import: row-level preview and errors, all or nothing, idempotent."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from openpyxl import Workbook

from tests.factories import TrainerFactory
from training.models import Question, QuizKind
from training.services import import_questions, preview_question_import
from training.services.question_import import HEADERS, question_bank_template

from .assessment_factories import make_course, make_quiz

pytestmark = pytest.mark.django_db


def workbook(rows, header=HEADERS) -> io.BytesIO:
    book = Workbook()
    book.active.append(header)
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def row(kind, text, answer="", choices=(), points=1):
    return [kind, text, points, *choices, *[""] * (6 - len(choices)), answer, "Penjelasan."]


GOOD = [
    row("pilihan ganda", "Dasar hukum?", "A", ["UU 25/2009", "UU 5/2014"]),
    row("Jawaban ganda", "Isi SIPP?", "A, C", ["Profil", "Gaji", "Standar"], 2),
    row("benar/salah", "Maklumat wajib?", "Benar"),
    row("isian singkat", "Pengawas?", "Ombudsman; ORI"),
    row("esai", "Jelaskan.", "", [], 5),
]


def test_the_template_itself_imports_cleanly():
    preview = preview_question_import(file=io.BytesIO(question_bank_template()))
    assert preview.is_valid
    assert [r.kind for r in preview.rows] == ["single", "multiple", "true_false", "short", "essay"]


def test_a_valid_file_imports_every_type():
    quiz = make_quiz(make_course(), QuizKind.POST_TEST)
    created = import_questions(quiz=quiz, file=workbook(GOOD))

    assert [q.kind for q in created] == ["single", "multiple", "true_false", "short", "essay"]
    multiple = created[1]
    assert [(c.text, c.is_correct) for c in multiple.choices.all()] == [
        ("Profil", True),
        ("Gaji", False),
        ("Standar", True),
    ]
    assert created[2].correct_statement is True
    assert created[3].accepted_answer_list() == ["Ombudsman", "ORI"]
    assert created[4].points == 5


def test_importing_the_same_file_twice_adds_nothing():
    quiz = make_quiz(make_course(), QuizKind.POST_TEST)
    import_questions(quiz=quiz, file=workbook(GOOD))
    assert import_questions(quiz=quiz, file=workbook(GOOD)) == []
    assert quiz.questions.count() == 5


def test_each_bad_row_is_reported_with_its_number_and_reason_and_nothing_is_imported():
    rows = GOOD + [
        row("pilihan", "Jenis salah?", "A", ["a", "b"]),  # row 7
        row("pilihan ganda", "", "A", ["a", "b"]),  # row 8
        row("pilihan ganda", "Huruf kosong?", "C", ["a", "b"]),  # row 9
        row("pilihan ganda", "Dua benar?", "A, B", ["a", "b"]),  # row 10
        row("benar salah", "Tanpa jawaban?", "mungkin"),  # row 11
        row("isian singkat", "Tanpa kunci?", ""),  # row 12
        row("pilihan ganda", "Poin?", "A", ["a", "b"], "dua"),  # row 13
        row("jawaban ganda", "Satu pilihan?", "A", ["a"]),  # row 14
    ]
    quiz = make_quiz(make_course(), QuizKind.POST_TEST)
    with translation.override("en"):
        preview = preview_question_import(file=workbook(rows))
        errors = {r.row_number: [str(e) for e in r.errors] for r in preview.error_rows}
    assert sorted(errors) == list(range(7, 15))
    assert "Unknown type" in errors[7][0]
    assert "empty" in errors[8][0]
    assert "C" in errors[9][0]
    assert "exactly one" in errors[10][0]
    assert "Benar" in errors[11][0]
    assert "accepted answer" in errors[12][0]
    assert "Points" in errors[13][0]
    assert "two choices" in errors[14][0]

    with translation.override("en"), pytest.raises(ValidationError) as raised:
        import_questions(quiz=quiz, file=workbook(rows))
    with translation.override("en"):
        assert any(message.startswith("Row 9:") for message in raised.value.messages)
    assert not Question.objects.exists()


def test_a_wrong_header_or_a_non_workbook_is_refused():
    assert not preview_question_import(file=workbook(GOOD, header=["A", "B"])).is_valid
    preview = preview_question_import(file=io.BytesIO(b"not a workbook"))
    assert preview.file_errors and not preview.rows


def test_the_admin_previews_then_imports_on_confirmation(client):
    trainer = TrainerFactory()
    quiz = make_quiz(make_course(trainers=[trainer]), QuizKind.POST_TEST)
    client.force_login(trainer)
    url = "/admin/assessments/question-import/"

    upload = workbook(GOOD)
    upload.name = "bank.xlsx"
    preview = client.post(url, {"quiz": quiz.pk, "file": upload})
    assert preview.status_code == 200
    assert "Dasar hukum?" in preview.content.decode()
    assert not quiz.questions.exists()

    token = preview.context["token"]
    response = client.post(url, {"confirm": "1", "token": token})

    assert response.status_code == 302
    assert quiz.questions.count() == 5


def test_a_trainer_cannot_import_into_another_courses_quiz(client):
    quiz = make_quiz(make_course(), QuizKind.POST_TEST)
    client.force_login(TrainerFactory())
    upload = workbook(GOOD)
    upload.name = "bank.xlsx"
    response = client.post("/admin/assessments/question-import/", {"quiz": quiz.pk, "file": upload})
    assert response.status_code == 200
    assert "token" not in response.context or not response.context.get("preview")
    assert not quiz.questions.exists()


def test_a_bank_that_goes_on_with_empty_formatted_rows_is_refused_naming_the_limit(client):
    from openpyxl import load_workbook

    trainer = TrainerFactory()
    quiz = make_quiz(make_course(trainers=[trainer]), QuizKind.POST_TEST)
    book = load_workbook(workbook(GOOD))
    for number in range(len(GOOD) + 2, len(GOOD) + 2 + 6000):
        book.active.cell(row=number, column=2).number_format = "@"
    upload = io.BytesIO()
    book.save(upload)
    upload.seek(0)
    upload.name = "bank.xlsx"
    client.force_login(trainer)

    response = client.post("/admin/assessments/question-import/", {"quiz": quiz.pk, "file": upload})

    assert response.status_code == 200
    [error] = response.context["preview"].file_errors
    assert "5000" in error
    assert not response.context["preview"].is_valid
    assert not quiz.questions.exists()
