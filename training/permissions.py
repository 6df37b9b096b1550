"""
Who may see and do what in the training app, one small function per rule.

Administrators (the BKPSDM organisers) run every batch and see everything. Trainers follow
the batches, quizzes, essay answers, reports and evaluation results of the courses they are
assigned to. Participants see only their own enrolments, progress, attempts and evaluation.
Views answer a refused object with 404, never 403, so that nobody learns what exists.
"""

from django.utils import timezone

from accounts.roles import ADMINISTRATORS, TRAINERS

from .models import Batch, CourseTrainer


def is_administrator(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=ADMINISTRATORS).exists()


def trained_course_keys(user):
    """Translation keys of the courses a user is assigned to as a trainer (a subquery)."""
    return CourseTrainer.objects.filter(trainer=user).values("course__translation_key")


def batches_visible_to(user):
    """The batches a user may follow: all for administrators, their courses' for trainers."""
    if is_administrator(user):
        return Batch.objects.all()
    if not user.is_authenticated:
        return Batch.objects.none()
    return Batch.objects.filter(course__translation_key__in=trained_course_keys(user))


def can_follow_batch(user, batch) -> bool:
    """See a batch's participants, progress and attendance."""
    return batches_visible_to(user).filter(pk=batch.pk).exists()


def can_manage_batch(user, batch=None) -> bool:
    """Create and change batches, enrol, approve and import participants."""
    return is_administrator(user)


def can_take_attendance(user, batch) -> bool:
    return can_follow_batch(user, batch)


def can_view_progress(user, enrolment) -> bool:
    """A participant's own progress; the trainers of the course and administrators too."""
    if not user.is_authenticated:
        return False
    if enrolment.participant_id == user.pk:
        return True
    return can_follow_batch(user, enrolment.batch)


def can_withdraw(user, enrolment) -> bool:
    return user.is_authenticated and enrolment.participant_id == user.pk


# --- Assessments ---------------------------------------------------------------------


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
