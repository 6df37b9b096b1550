"""The course page's list of quizzes and evaluation with the participant's status."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from training.models import QuizKind
from training.services import start_attempt, submit_attempt, submit_evaluation

from .assessment_factories import (
    BatchFactory,
    EnrolmentFactory,
    correct_responses,
    make_course,
    make_evaluation_form,
    make_full_quiz,
    make_module,
)

pytestmark = pytest.mark.django_db


def render(course, user):
    request = RequestFactory().get("/")
    request.user = user
    return render_to_string(
        "training/includes/course_assessments.html", {"page": course, "request": request}
    )


@pytest.fixture
def course_with_assessments():
    course = make_course()
    make_full_quiz(course, QuizKind.PRE_TEST, title="Pre-test UU 25")
    make_full_quiz(course, QuizKind.POST_TEST, title="Post-test UU 25")
    make_full_quiz(course, QuizKind.MODULE, module=make_module(course), title="Kuis Modul 1")
    make_evaluation_form(course)
    return course


def test_lists_the_tests_in_order_with_the_participants_best_score(course_with_assessments):
    course = course_with_assessments
    enrolment = EnrolmentFactory(batch=BatchFactory(course=course))
    post = course.quizzes.get(kind=QuizKind.POST_TEST)
    submit_attempt(
        attempt=start_attempt(enrolment=enrolment, quiz=post), responses=correct_responses(post)
    )
    items = course.evaluation_forms.get().items.filter(kind="organisation")
    submit_evaluation(enrolment=enrolment, answers={f"item-{item.pk}": "4" for item in items})

    html = render(course, enrolment.participant)

    assert html.index("Pre-test UU 25") < html.index("Kuis Modul 1") < html.index("Post-test UU 25")
    assert "100%" in html
    assert f"/kuis/{post.pk}/" in html
    assert f"/evaluasi/{course.pk}/" in html


def test_the_query_count_does_not_grow_with_the_quizzes(
    course_with_assessments, django_assert_max_num_queries
):
    course = course_with_assessments
    enrolment = EnrolmentFactory(batch=BatchFactory(course=course))
    with django_assert_max_num_queries(6):
        render(course, enrolment.participant)
    for index in range(5):
        make_full_quiz(course, QuizKind.MODULE, module=make_module(course), title=f"Kuis {index}")
    with django_assert_max_num_queries(6):
        html = render(course, enrolment.participant)
    assert "Kuis 4" in html
