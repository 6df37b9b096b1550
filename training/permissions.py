"""
Who may see and do what with batches, enrolments, progress and attendance.

One small function per rule. Administrators (the BKPSDM organisers) run every batch;
trainers follow the batches of the courses they are assigned to; participants see only
their own enrolments and progress.
"""

from accounts.roles import ADMINISTRATORS

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
