"""
Completion requirements supplied by quizzes and the evaluation.

Plain functions of an enrolment, read by the completion rule (``training.completion``). Each
answers whether one requirement is met, whether or not the course asks for it.
"""

from training.models import Attempt, AttemptStatus, EvaluationResponse, Quiz, QuizKind


def post_test_passed(enrolment) -> bool:
    """Whether a graded attempt of the course's post-test passed (False without a post-test)."""
    return Attempt.objects.filter(
        enrolment=enrolment,
        quiz__kind=QuizKind.POST_TEST,
        status=AttemptStatus.GRADED,
        passed=True,
    ).exists()


def evaluation_submitted(enrolment) -> bool:
    """Whether the enrolment has filled in the course's evaluation."""
    return EvaluationResponse.objects.filter(enrolment=enrolment).exists()


def required_module_quizzes_passed(enrolment) -> bool:
    """Whether every module quiz marked required in the course has a passed, graded attempt."""
    required = set(
        Quiz.objects.filter(
            course_id=enrolment.batch.course_id, kind=QuizKind.MODULE, is_required=True
        ).values_list("pk", flat=True)
    )
    if not required:
        return True
    passed = set(
        Attempt.objects.filter(
            enrolment=enrolment,
            quiz_id__in=required,
            status=AttemptStatus.GRADED,
            passed=True,
        ).values_list("quiz_id", flat=True)
    )
    return required <= passed
