"""Attempts: start, snapshot, deadline, late answers, double submission, limits and races."""

import datetime
import threading
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from training.assessment_checks import post_test_passed, required_module_quizzes_passed
from training.completion import evaluate_completion
from training.models import Attempt, AttemptStatus, Choice, EnrolmentStatus, QuizKind
from training.services import (
    AttemptClosed,
    close_expired_attempts,
    save_answers,
    start_attempt,
    submit_attempt,
)
from training.tasks import close_expired_attempts_task

from .assessment_factories import (
    EnrolmentFactory,
    add_question,
    correct_responses,
    make_full_quiz,
    make_module,
    make_quiz,
)

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 11, 10, 2, 0, tzinfo=datetime.UTC)


@pytest.fixture
def enrolment():
    return EnrolmentFactory()


@pytest.fixture
def quiz(enrolment):
    return make_full_quiz(enrolment.batch.course, time_limit_minutes=10)


def test_start_creates_an_attempt_with_a_server_deadline_and_a_snapshot(enrolment, quiz):
    with time_machine.travel(START, tick=False):
        attempt = start_attempt(enrolment=enrolment, quiz=quiz)

    assert attempt.number == 1
    assert attempt.deadline == START + datetime.timedelta(minutes=10)
    assert [q["kind"] for q in attempt.snapshot["questions"]] == [
        "single",
        "multiple",
        "true_false",
        "short",
    ]
    assert attempt.max_score == Decimal("5")


def test_starting_twice_returns_the_open_attempt(enrolment, quiz):
    first = start_attempt(enrolment=enrolment, quiz=quiz)
    assert start_attempt(enrolment=enrolment, quiz=quiz) == first
    assert Attempt.objects.count() == 1


def test_submit_grades_on_the_server(enrolment, quiz):
    attempt = start_attempt(enrolment=enrolment, quiz=quiz)
    attempt = submit_attempt(attempt=attempt, responses=correct_responses(quiz))

    assert attempt.status == AttemptStatus.GRADED
    assert attempt.score == Decimal("5")
    assert attempt.percentage == Decimal("100")
    assert attempt.passed is True
    assert post_test_passed(enrolment)


def test_partial_credit_follows_the_quiz_setting(enrolment):
    quiz = make_quiz(enrolment.batch.course, multiple_answer_scoring="partial", pass_mark=50)
    question = add_question(
        quiz, "multiple", points="3", choices=[("a", True), ("b", True), ("c", True), ("d", False)]
    )
    right = list(question.choices.filter(is_correct=True).values_list("pk", flat=True))
    attempt = submit_attempt(
        attempt=start_attempt(enrolment=enrolment, quiz=quiz), responses={question.pk: right[:2]}
    )
    assert attempt.score == Decimal("2.00")
    assert attempt.percentage == Decimal("66.67")
    assert attempt.passed is True


def test_submitting_twice_grades_once(enrolment, quiz):
    attempt = start_attempt(enrolment=enrolment, quiz=quiz)
    first = submit_attempt(attempt=attempt, responses=correct_responses(quiz))
    again = submit_attempt(attempt=attempt, responses={})

    assert again.score == first.score == Decimal("5")
    assert again.submitted_at == first.submitted_at


def test_answers_are_saved_as_the_participant_goes_and_the_last_save_wins(enrolment, quiz):
    attempt = start_attempt(enrolment=enrolment, quiz=quiz)
    short = quiz.questions.get(kind="short")
    save_answers(attempt=attempt, responses={short.pk: "BPK"})
    save_answers(attempt=attempt, responses={str(short.pk): "ombudsman."})

    attempt = submit_attempt(attempt=attempt)
    answer = attempt.answers.get(question_ref=short.pk)
    assert answer.response == "ombudsman."
    assert answer.is_correct is True


def test_responses_naming_another_questions_choices_are_ignored(enrolment, quiz):
    attempt = start_attempt(enrolment=enrolment, quiz=quiz)
    single = quiz.questions.get(kind="single")
    foreign = Choice.objects.exclude(question=single).filter(is_correct=True).first()
    save_answers(attempt=attempt, responses={single.pk: [foreign.pk], 999999: "x"})
    assert attempt.answers.get(question_ref=single.pk).response == []
    assert attempt.answers.count() == 1


def test_an_answer_after_the_deadline_is_not_counted(enrolment, quiz):
    short = quiz.questions.get(kind="short")
    with time_machine.travel(START, tick=False) as clock:
        attempt = start_attempt(enrolment=enrolment, quiz=quiz)
        clock.shift(datetime.timedelta(minutes=9, seconds=59))
        save_answers(attempt=attempt, responses={short.pk: "Ombudsman"})
        clock.shift(datetime.timedelta(seconds=2))
        with pytest.raises(AttemptClosed):
            save_answers(attempt=attempt, responses={short.pk: "BPK"})

    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.GRADED
    assert attempt.closed_at_deadline
    assert attempt.submitted_at == attempt.deadline
    assert attempt.answers.get(question_ref=short.pk).response == "Ombudsman"
    assert attempt.score == Decimal("1")


def test_a_submission_after_the_deadline_counts_only_what_was_saved_in_time(enrolment, quiz):
    with time_machine.travel(START, tick=False) as clock:
        attempt = start_attempt(enrolment=enrolment, quiz=quiz)
        clock.shift(datetime.timedelta(minutes=11))
        attempt = submit_attempt(attempt=attempt, responses=correct_responses(quiz))

    assert attempt.closed_at_deadline
    assert attempt.score == Decimal("0")
    assert attempt.passed is False


def test_the_task_closes_attempts_left_open_at_their_deadline(enrolment, quiz):
    with time_machine.travel(START, tick=False) as clock:
        attempt = start_attempt(enrolment=enrolment, quiz=quiz)
        save_answers(attempt=attempt, responses=correct_responses(quiz))
        other = start_attempt(enrolment=EnrolmentFactory(batch=enrolment.batch), quiz=quiz)
        clock.shift(datetime.timedelta(minutes=5))
        assert close_expired_attempts() == 0
        clock.shift(datetime.timedelta(minutes=6))
        assert close_expired_attempts_task.apply().get() == 2

    attempt.refresh_from_db()
    other.refresh_from_db()
    assert attempt.status == other.status == AttemptStatus.GRADED
    assert attempt.score == Decimal("5")
    assert other.score == Decimal("0")


def test_the_attempt_limit_holds(enrolment, quiz):
    quiz.attempt_limit = 2
    quiz.save()
    for _ in range(2):
        submit_attempt(attempt=start_attempt(enrolment=enrolment, quiz=quiz))
    with pytest.raises(ValidationError):
        start_attempt(enrolment=enrolment, quiz=quiz)
    assert Attempt.objects.filter(enrolment=enrolment).count() == 2


def test_an_expired_open_attempt_is_graded_before_a_new_one_starts(enrolment, quiz):
    with time_machine.travel(START, tick=False) as clock:
        first = start_attempt(enrolment=enrolment, quiz=quiz)
        clock.shift(datetime.timedelta(hours=1))
        second = start_attempt(enrolment=enrolment, quiz=quiz)

    first.refresh_from_db()
    assert first.status == AttemptStatus.GRADED
    assert second.number == 2


def test_later_quiz_edits_never_rewrite_an_attempts_history(enrolment, quiz):
    attempt = submit_attempt(
        attempt=start_attempt(enrolment=enrolment, quiz=quiz), responses=correct_responses(quiz)
    )
    single = quiz.questions.get(kind="single")
    single.text = "Teks baru"
    single.save()
    single.choices.update(is_correct=False)
    quiz.questions.filter(kind="short").delete()

    attempt.refresh_from_db()
    texts = [q["text"] for q in attempt.snapshot["questions"]]
    assert "Dasar hukum pelayanan publik?" in texts
    assert "Pengawas eksternal?" in texts
    assert attempt.score == Decimal("5")


def test_draw_and_shuffle_give_each_attempt_its_own_questions(enrolment):
    quiz = make_quiz(enrolment.batch.course, questions_to_draw=3, shuffle_choices=True)
    for index in range(8):
        add_question(quiz, "single", f"Soal {index}", choices=[(str(i), i == 0) for i in range(4)])
    attempt = start_attempt(enrolment=enrolment, quiz=quiz)

    assert len(attempt.snapshot["questions"]) == 3
    assert attempt.max_score == 3
    for question in attempt.snapshot["questions"]:
        assert len(question["choices"]) == 4


def test_a_withdrawn_participant_cannot_start(enrolment, quiz):
    enrolment.status = EnrolmentStatus.WITHDRAWN
    enrolment.save()
    with pytest.raises(PermissionDenied):
        start_attempt(enrolment=enrolment, quiz=quiz)


def test_a_quiz_of_another_course_cannot_be_started(enrolment):
    other_quiz = make_full_quiz(EnrolmentFactory().batch.course)
    with pytest.raises(PermissionDenied):
        start_attempt(enrolment=enrolment, quiz=other_quiz)


def test_required_module_quizzes_count_for_completion(enrolment):
    course = enrolment.batch.course
    module = make_module(course)
    quiz = make_quiz(course, QuizKind.MODULE, module=module, is_required=True, pass_mark=100)
    add_question(quiz, "true_false", correct_statement=False)
    assert not required_module_quizzes_passed(enrolment)

    submit_attempt(
        attempt=start_attempt(enrolment=enrolment, quiz=quiz), responses=correct_responses(quiz)
    )

    assert required_module_quizzes_passed(enrolment)
    assert {r.key: r.met for r in evaluate_completion(enrolment)}["module_quizzes"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_grade_once():
    enrolment = EnrolmentFactory()
    quiz = make_full_quiz(enrolment.batch.course)
    attempt = start_attempt(enrolment=enrolment, quiz=quiz)
    responses = correct_responses(quiz)
    results, barrier = [], threading.Barrier(6)

    def submit():
        barrier.wait()
        try:
            results.append(submit_attempt(attempt=attempt, responses=responses).submitted_at)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    attempt.refresh_from_db()
    assert len(results) == 6
    assert len(set(results)) == 1
    assert attempt.score == Decimal("5")
    assert attempt.answers.count() == 4


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_starts_respect_the_attempt_limit():
    enrolment = EnrolmentFactory()
    quiz = make_full_quiz(enrolment.batch.course, attempt_limit=2)
    submit_attempt(attempt=start_attempt(enrolment=enrolment, quiz=quiz))
    created, refused, barrier = [], [], threading.Barrier(8)

    def start():
        barrier.wait()
        try:
            attempt = start_attempt(enrolment=enrolment, quiz=quiz)
            submit_attempt(attempt=attempt)
            created.append(attempt.pk)
        except ValidationError:
            refused.append(True)
        finally:
            connection.close()

    threads = [threading.Thread(target=start) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert Attempt.objects.filter(enrolment=enrolment, quiz=quiz).count() == 2
    assert len(set(created)) == 1
    assert len(created) + len(refused) == 8


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_worker_closes_an_attempt_left_open_past_its_deadline(live_worker):
    enrolment = EnrolmentFactory()
    quiz = make_full_quiz(enrolment.batch.course, time_limit_minutes=5)
    with time_machine.travel(datetime.datetime.now(tz=datetime.UTC) - datetime.timedelta(hours=1)):
        attempt = start_attempt(enrolment=enrolment, quiz=quiz)
        save_answers(attempt=attempt, responses=correct_responses(quiz))

    assert close_expired_attempts_task.delay().get(timeout=60) == 1

    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.GRADED
    assert attempt.closed_at_deadline
    assert attempt.score == Decimal("5")
