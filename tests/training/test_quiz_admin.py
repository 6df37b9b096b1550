"""Quiz editing in the Wagtail admin: trainers reach the quizzes of their own courses only."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from accounts.roles import sync_role_groups
from tests.factories import TrainerFactory
from training.models import QuizKind

from .assessment_factories import make_course, make_full_quiz

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer_and_quizzes():
    sync_role_groups()
    trainer = TrainerFactory()
    own = make_full_quiz(make_course(trainers=[trainer]), QuizKind.POST_TEST, title="Kuis Saya")
    other = make_full_quiz(make_course(), QuizKind.POST_TEST, title="Kuis Orang Lain")
    return trainer, own, other


def test_the_trainer_lists_and_edits_only_their_own_quizzes(client, trainer_and_quizzes):
    trainer, own, other = trainer_and_quizzes
    client.force_login(trainer)

    listing = client.get("/admin/quiz/").content.decode()
    assert "Kuis Saya" in listing
    assert "Kuis Orang Lain" not in listing

    edit = client.get(f"/admin/quiz/edit/{own.pk}/")
    assert edit.status_code == 200
    html = edit.content.decode()
    assert "Dasar hukum pelayanan publik?" in html  # questions inline
    assert "UU 25/2009" in html  # with their choices nested inline
    assert client.get(f"/admin/quiz/edit/{other.pk}/").status_code == 404
    assert client.get(f"/admin/quiz/delete/{other.pk}/").status_code == 404


def test_a_trainer_creates_a_quiz_with_nested_choices_in_the_admin(client, trainer_and_quizzes):
    trainer, own, _other = trainer_and_quizzes
    course = own.course
    client.force_login(trainer)
    data = nested_form_data(
        {
            "title": "Kuis Modul Baru",
            "course": course.pk,
            "kind": QuizKind.PRE_TEST,
            "module": "",
            "instructions": "",
            "pass_mark": 70,
            "attempt_limit": "",
            "time_limit_minutes": "",
            "questions_to_draw": "",
            "multiple_answer_scoring": "partial",
            "feedback_timing": "submission",
            "questions": inline_formset(
                [
                    {
                        "kind": "single",
                        "points": "1",
                        "text": "Siapa pengawas eksternal pelayanan publik?",
                        "correct_statement": "",
                        "accepted_answers": "",
                        "explanation": "",
                        "choices": inline_formset(
                            [
                                {"text": "Ombudsman", "is_correct": "on"},
                                {"text": "BPK", "is_correct": ""},
                            ]
                        ),
                    }
                ]
            ),
        }
    )
    own.delete()  # one pre-test per course; make room

    response = client.post("/admin/quiz/new/", data)

    assert response.status_code == 302, response.content.decode()[-3000:]
    quiz = course.quizzes.get(title="Kuis Modul Baru")
    question = quiz.questions.get()
    assert [(c.text, c.is_correct) for c in question.choices.all()] == [
        ("Ombudsman", True),
        ("BPK", False),
    ]


def test_a_trainer_cannot_attach_a_quiz_to_another_course(client, trainer_and_quizzes):
    trainer, _own, other = trainer_and_quizzes
    client.force_login(trainer)
    data = nested_form_data(
        {
            "title": "Kuis Menyusup",
            "course": other.course.pk,
            "kind": QuizKind.PRE_TEST,
            "pass_mark": 70,
            "multiple_answer_scoring": "all",
            "feedback_timing": "submission",
            "questions": inline_formset([]),
        }
    )
    response = client.post("/admin/quiz/new/", data)
    assert response.status_code == 200
    assert not other.course.quizzes.filter(title="Kuis Menyusup").exists()
