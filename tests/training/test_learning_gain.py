"""Learning gain: arithmetic, item analysis on a known data set, the batch report and export."""

import io
import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from tests.factories import TrainerFactory
from training.learning_gain import batch_learning_gain, item_analysis, normalised_gain
from training.models import QuizKind
from training.services import start_attempt, submit_attempt

from .assessment_factories import (
    BatchFactory,
    EnrolmentFactory,
    add_question,
    make_course,
    make_quiz,
)


@pytest.mark.parametrize(
    ("pre", "post", "gain"),
    [
        (40, 70, Decimal("0.500")),
        (0, 100, Decimal("1.000")),
        (50, 40, Decimal("-0.200")),
        (Decimal("41.67"), Decimal("83.33"), Decimal("0.714")),
        (100, 100, None),
        (None, 80, None),
    ],
)
def test_normalised_gain(pre, post, gain):
    assert normalised_gain(pre, post) == gain


def test_item_analysis_on_a_known_data_set():
    # Ten participants scoring 100, 90 … 10: the top and bottom 27 % are three each.
    results = []
    for rank, total in enumerate(range(100, 0, -10)):
        results.append(
            (
                Decimal(total),
                {
                    1: rank < 5,  # the five best
                    2: True,  # everyone
                    3: rank >= 7,  # only the three weakest
                },
            )
        )
    items = {item.question_ref: item for item in item_analysis(results, {1: "a", 2: "b", 3: "c"})}

    assert items[1].share_correct == Decimal("0.500")
    assert (items[1].share_correct_top, items[1].share_correct_bottom) == (1, 0)
    assert items[1].discrimination == Decimal("1.000")
    assert items[2].share_correct == 1
    assert items[2].discrimination == 0
    assert items[3].share_correct == Decimal("0.300")
    assert items[3].discrimination == Decimal("-1.000")


def test_item_analysis_measures_drawn_questions_among_those_who_had_them():
    results = [(Decimal(90), {1: True}), (Decimal(50), {1: False, 2: True}), (Decimal(10), {})]
    items = {i.question_ref: i for i in item_analysis(results, {1: "a", 2: "b"})}
    assert items[1].answered == 2
    assert items[1].share_correct == Decimal("0.500")
    assert items[2].answered == 1
    assert items[2].share_correct_top is None
    assert items[2].discrimination is None


def _four_question_quiz(course, kind):
    quiz = make_quiz(course, kind, attempt_limit=None)
    for index in range(4):
        add_question(quiz, "single", f"{kind} {index}", choices=[("ya", True), ("tidak", False)])
    return quiz


def _sit(enrolment, quiz, right):
    """An attempt answering the first ``right`` questions correctly and the rest wrongly."""
    responses = {}
    for index, question in enumerate(quiz.questions.order_by("sort_order")):
        choice = question.choices.get(is_correct=index < right)
        responses[question.pk] = [choice.pk]
    return submit_attempt(
        attempt=start_attempt(enrolment=enrolment, quiz=quiz), responses=responses
    )


@pytest.fixture
def batch_with_scores(db):
    batch = BatchFactory(course=make_course(trainers=[TrainerFactory()]))
    pre = _four_question_quiz(batch.course, QuizKind.PRE_TEST)
    post = _four_question_quiz(batch.course, QuizKind.POST_TEST)
    a, b, c = (EnrolmentFactory(batch=batch) for _ in range(3))
    _sit(a, pre, 1), _sit(a, post, 4)
    _sit(b, pre, 2), _sit(b, post, 3)
    _sit(c, pre, 2), _sit(c, pre, 4)  # the pre-test counts the first attempt
    _sit(c, post, 2), _sit(c, post, 3)  # the post-test counts the best
    EnrolmentFactory(batch=batch)  # took neither test
    return batch


def test_batch_report_scores_and_gains(batch_with_scores):
    report = batch_learning_gain(batch_with_scores)

    pairs = sorted((p.pre, p.post, p.gain) for p in report.participants if p.pre is not None)
    assert pairs == [
        (Decimal("25"), Decimal("100"), Decimal("1.000")),
        (Decimal("50"), Decimal("75"), Decimal("0.500")),
        (Decimal("50"), Decimal("75"), Decimal("0.500")),
    ]
    assert report.average_pre == Decimal("41.67")
    assert report.average_post == Decimal("83.33")
    assert report.batch_gain == Decimal("0.714")
    assert report.average_individual_gain == Decimal("0.667")
    assert report.paired_count == 3
    assert len(report.participants) == 4
    first_post_item = report.post_items[0]
    assert first_post_item.share_correct == 1


def test_the_report_query_count_does_not_grow_with_the_batch(
    batch_with_scores, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        small = batch_learning_gain(batch_with_scores)
    post = batch_with_scores.course.quizzes.get(kind=QuizKind.POST_TEST)
    for _ in range(10):
        _sit(EnrolmentFactory(batch=batch_with_scores), post, 2)
    with django_assert_max_num_queries(8):
        large = batch_learning_gain(batch_with_scores)
    assert len(large.participants) == len(small.participants) + 10


def test_the_trainer_reads_and_exports_the_report_of_their_batch(client, batch_with_scores):
    trainer = batch_with_scores.course.course_trainers.get().trainer
    client.force_login(trainer)
    url = f"/admin/assessments/learning-gain/{batch_with_scores.pk}/"

    page = client.get(url)
    assert page.status_code == 200
    assert re.search(r"0[.,]714", page.content.decode())

    export = client.get(url + "?export=xlsx")
    workbook = load_workbook(io.BytesIO(export.content))
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert rows[-2][3:] == (41.67, 83.33, 0.714)
    assert len(workbook.worksheets) == 3


def test_a_trainer_of_another_course_cannot_read_the_report(client, batch_with_scores):
    client.force_login(TrainerFactory())
    url = f"/admin/assessments/learning-gain/{batch_with_scores.pk}/"
    assert client.get(url).status_code == 404
    assert (
        batch_with_scores.name
        not in client.get("/admin/assessments/learning-gain/").content.decode()
    )
