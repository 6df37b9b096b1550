"""Demo assessments: built on the UU 25/2009 course, idempotent, skipped without the course."""

import pytest

from training import demo_assessments
from training.models import EvaluationForm, Question, Quiz, QuizKind

from .assessment_factories import make_course, make_module

pytestmark = pytest.mark.django_db


def test_without_the_course_the_seed_skips_quietly():
    lines = []
    demo_assessments.seed(lines.append)
    assert not Quiz.objects.exists()
    assert "skipped" in lines[0]


def test_the_seed_builds_the_tests_the_module_quiz_and_the_evaluation_once():
    course = make_course(title="Pelayanan Publik menurut UU No. 25/2009")
    make_module(course, "Modul 1: Dasar Hukum")
    demo_assessments.seed(lambda line: None)
    demo_assessments.seed(lambda line: None)

    pre = Quiz.objects.get(course=course, kind=QuizKind.PRE_TEST)
    post = Quiz.objects.get(course=course, kind=QuizKind.POST_TEST)
    module_quiz = Quiz.objects.get(course=course, kind=QuizKind.MODULE)
    for quiz in (pre, post):
        kinds = set(quiz.questions.values_list("kind", flat=True))
        assert quiz.questions.count() >= 10
        assert kinds == {"single", "multiple", "true_false", "short"}
    assert module_quiz.questions.filter(kind="essay").exists()
    assert Question.objects.count() == pre.questions.count() * 2 + module_quiz.questions.count()
    form = EvaluationForm.objects.get(course=course)
    assert {item.kind for item in form.items.all()} == {"organisation", "trainer", "open"}
    assert form.items.count() == len(demo_assessments.EVALUATION_ITEMS)
