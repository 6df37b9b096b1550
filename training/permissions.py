"""
Access rules of the training app, one small function per rule.

Assessments: a participant reaches only their own attempts and evaluation; a trainer reaches
the quizzes, essay answers, reports and evaluation results of the courses they train; an
administrator reaches everything. Views answer a refused object with 404, never 403, so that
nobody learns which attempts exist.
"""

from django.utils import timezone

from accounts.roles import ADMINISTRATORS, TRAINERS


def is_administrator(user) -> bool:
    return user.is_authenticated and (
        user.is_superuser or user.groups.filter(name=ADMINISTRATORS).exists()
    )


def is_trainer(user) -> bool:
    return user.is_authenticated and user.groups.filter(name=TRAINERS).exists()


def trained_course_ids(user) -> set[int]:
    """The ids of the courses a user is a trainer of."""
    if not user.is_authenticated:
        return set()
    return set(user.trained_courses.values_list("course_id", flat=True))


def can_manage_assessments(user) -> bool:
    """Whether the user may open the assessment screens of the admin at all."""
    return is_administrator(user) or is_trainer(user)


def can_manage_course_assessments(user, course_id) -> bool:
    """Quizzes, essay grading, reports and evaluation results of one course."""
    return is_administrator(user) or course_id in trained_course_ids(user)


def can_view_attempt(user, attempt) -> bool:
    """A participant sees their own attempts only."""
    return user.is_authenticated and attempt.enrolment.participant_id == user.pk


def can_see_correct_answers(attempt, *, now=None) -> bool:
    """Whether the review may show correct answers and explanations, per the quiz's setting."""
    from training.models import AttemptStatus, FeedbackTiming

    if attempt.status == AttemptStatus.IN_PROGRESS:
        return False
    timing = attempt.quiz.feedback_timing
    if timing == FeedbackTiming.AFTER_SUBMISSION:
        return True
    if timing == FeedbackTiming.AFTER_BATCH_ENDS:
        today = timezone.localdate(now or timezone.now())
        return attempt.enrolment.batch.ends_on < today
    return False


def can_grade_answer(user, answer) -> bool:
    return can_manage_course_assessments(user, answer.attempt.quiz.course_id)


def can_view_batch_report(user, batch) -> bool:
    return can_manage_course_assessments(user, batch.course_id)


def can_see_individual_evaluations(user) -> bool:
    """Only administrators may ever see who filled in an evaluation; trainers see aggregates."""
    return is_administrator(user)
