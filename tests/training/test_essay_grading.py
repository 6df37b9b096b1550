"""Essay grading: the queue shows a trainer's own courses only; grading completes the score."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests.factories import AdministratorFactory, TrainerFactory
from training.models import AttemptStatus, QuizKind
from training.services import grade_essay_answer, start_attempt, submit_attempt

from .assessment_factories import (
    BatchFactory,
    EnrolmentFactory,
    add_question,
    make_course,
    make_module,
    make_quiz,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def essay_attempt():
    trainer = TrainerFactory()
    course = make_course(trainers=[trainer])
    enrolment = EnrolmentFactory(batch=BatchFactory(course=course))
    quiz = make_quiz(course, QuizKind.MODULE, module=make_module(course), pass_mark=60)
    single = add_question(quiz, "single", choices=[("ya", True), ("tidak", False)])
    essay = add_question(quiz, "essay", "Jelaskan pengelolaan pengaduan di unit Anda.", points="4")
    attempt = submit_attempt(
        attempt=start_attempt(enrolment=enrolment, quiz=quiz),
        responses={
            single.pk: [single.choices.get(is_correct=True).pk],
            essay.pk: "Kami membuka kanal SP4N-LAPOR! dan kotak saran.",
        },
    )
    return trainer, attempt, attempt.answers.get(question_ref=essay.pk)


def test_an_essay_waits_for_a_trainer_before_the_attempt_has_a_score(essay_attempt):
    _trainer, attempt, answer = essay_attempt
    assert attempt.status == AttemptStatus.AWAITING_GRADING
    assert attempt.score is None
    assert answer.needs_grading


def test_grading_the_last_essay_scores_the_attempt(essay_attempt):
    trainer, attempt, answer = essay_attempt
    grade_essay_answer(
        answer=answer, points=3, comment="Baik, tambahkan tindak lanjut.", grader=trainer
    )

    attempt.refresh_from_db()
    answer.refresh_from_db()
    assert attempt.status == AttemptStatus.GRADED
    assert attempt.score == Decimal("4")
    assert attempt.percentage == Decimal("80")
    assert attempt.passed
    assert answer.grader_comment == "Baik, tambahkan tindak lanjut."
    assert answer.graded_by == trainer


def test_points_above_the_questions_worth_are_refused(essay_attempt):
    trainer, _attempt, answer = essay_attempt
    with pytest.raises(ValidationError):
        grade_essay_answer(answer=answer, points=5, grader=trainer)


def test_an_empty_essay_needs_no_grading():
    course = make_course()
    enrolment = EnrolmentFactory(batch=BatchFactory(course=course))
    quiz = make_quiz(course, QuizKind.PRE_TEST)
    add_question(quiz, "essay")
    attempt = submit_attempt(attempt=start_attempt(enrolment=enrolment, quiz=quiz))
    assert attempt.status == AttemptStatus.GRADED
    assert attempt.score == 0


def test_the_trainer_grades_from_the_admin_queue(client, essay_attempt):
    trainer, attempt, answer = essay_attempt
    client.force_login(trainer)

    queue = client.get("/admin/assessments/essays/").content.decode()
    assert f"/admin/assessments/essays/{answer.pk}/" in queue
    form = client.get(f"/admin/assessments/essays/{answer.pk}/")
    assert "SP4N-LAPOR" in form.content.decode()

    response = client.post(
        f"/admin/assessments/essays/{answer.pk}/", {"points": "4", "comment": "Lengkap."}
    )

    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.percentage == 100
    assert (
        f"/admin/assessments/essays/{answer.pk}/"
        not in client.get("/admin/assessments/essays/").content.decode()
    )


def test_a_trainer_of_another_course_neither_sees_nor_grades_the_essay(client, essay_attempt):
    _trainer, attempt, answer = essay_attempt
    client.force_login(TrainerFactory())

    assert f"/essays/{answer.pk}/" not in client.get("/admin/assessments/essays/").content.decode()
    assert client.get(f"/admin/assessments/essays/{answer.pk}/").status_code == 404
    assert (
        client.post(f"/admin/assessments/essays/{answer.pk}/", {"points": "4"}).status_code == 404
    )
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.AWAITING_GRADING


def test_administrators_see_every_essay(client, essay_attempt):
    _trainer, _attempt, answer = essay_attempt
    client.force_login(AdministratorFactory())
    assert f"/essays/{answer.pk}/" in client.get("/admin/assessments/essays/").content.decode()


def test_participants_are_kept_out_of_the_admin_screens(client, essay_attempt):
    _trainer, attempt, _answer = essay_attempt
    client.force_login(attempt.enrolment.participant)
    response = client.get("/admin/assessments/essays/")
    assert response.status_code in (302, 403)
