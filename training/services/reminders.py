"""
Reminders e-mailed to participants by the worker (``CELERY_BEAT_SCHEDULE`` runs each kind
every hour):

- a session of their batch tomorrow (local time, WITA);
- the post-test or the evaluation still open as the batch ends
  (``REMINDER_DAYS_BEFORE_BATCH_END`` days before its last day, or less);
- the course not finished as the batch ends.

Each reminder is recorded (``SentReminder``) in the transaction that sends it, so it goes out
once however often the task runs, and a failed e-mail leaves no record and is sent by the
next run. A participant who turned a kind off on their profile gets none of that kind.
"""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from ..emails import send_reminder_email
from ..models import (
    Attempt,
    AttemptStatus,
    BatchSession,
    BatchStatus,
    Enrolment,
    EnrolmentStatus,
    EvaluationForm,
    EvaluationResponse,
    Quiz,
    QuizKind,
    ReminderKind,
    SentReminder,
)

# The preference (``accounts.NotificationPreferences``) that turns each kind off.
PREFERENCE_OF_KIND = {
    ReminderKind.SESSION_TOMORROW: "session_reminders",
    ReminderKind.ASSESSMENT_OPEN: "assessment_reminders",
    ReminderKind.COURSE_UNFINISHED: "completion_reminders",
}


def _reminded_enrolments(kind: ReminderKind, *, session=None):
    """Active enrolments with an e-mail address, that want ``kind`` and did not get it yet."""
    sent = SentReminder.objects.filter(enrolment=OuterRef("pk"), kind=kind, session=session)
    return (
        Enrolment.objects.filter(status=EnrolmentStatus.ACTIVE)
        .exclude(participant__email="")
        .exclude(**{f"participant__notification_preferences__{PREFERENCE_OF_KIND[kind]}": False})
        .exclude(Exists(sent))
        .select_related("participant", "batch__course")
        .order_by("pk")
    )


def _send_once(*, enrolment: Enrolment, kind: ReminderKind, session=None, **context) -> bool:
    """Record and send one reminder; ``False`` if it was already recorded."""
    try:
        with transaction.atomic():
            SentReminder.objects.create(enrolment=enrolment, kind=kind, session=session)
            send_reminder_email(enrolment=enrolment, kind=kind, session=session, **context)
    except IntegrityError:
        return False
    return True


def send_session_reminders(*, now=None) -> int:
    """E-mail every participant whose batch meets tomorrow; returns how many were sent."""
    tomorrow = timezone.localdate(now) + datetime.timedelta(days=1)
    start = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time.min))
    sessions = BatchSession.objects.filter(
        starts_at__gte=start,
        starts_at__lt=start + datetime.timedelta(days=1),
        batch__status__in=(BatchStatus.OPEN, BatchStatus.RUNNING),
    ).select_related("batch__course")
    sent = 0
    for session in sessions:
        enrolments = _reminded_enrolments(ReminderKind.SESSION_TOMORROW, session=session).filter(
            batch=session.batch_id
        )
        for enrolment in enrolments:
            sent += _send_once(
                enrolment=enrolment, kind=ReminderKind.SESSION_TOMORROW, session=session
            )
    return sent


def _ending_soon(enrolments, *, now=None):
    today = timezone.localdate(now)
    last_day = today + datetime.timedelta(days=settings.REMINDER_DAYS_BEFORE_BATCH_END)
    return enrolments.filter(
        batch__ends_on__gte=today,
        batch__ends_on__lte=last_day,
        batch__status__in=(BatchStatus.OPEN, BatchStatus.RUNNING),
    )


def open_assessments(enrolment: Enrolment) -> list[str]:
    """What the participant still has to do: ``"post_test"`` and/or ``"evaluation"``."""
    course_id = enrolment.batch.course_id
    missing = []
    post_tests = Quiz.objects.filter(course_id=course_id, kind=QuizKind.POST_TEST)
    if post_tests.exists():
        submitted = Attempt.objects.filter(
            enrolment=enrolment,
            quiz__in=post_tests,
            status__in=(AttemptStatus.AWAITING_GRADING, AttemptStatus.GRADED),
        )
        if not submitted.exists():
            missing.append("post_test")
    if (
        EvaluationForm.objects.filter(course_id=course_id).exists()
        and not EvaluationResponse.objects.filter(enrolment=enrolment).exists()
    ):
        missing.append("evaluation")
    return missing


def send_assessment_reminders(*, now=None) -> int:
    """E-mail participants whose batch ends soon with the post-test or evaluation open."""
    sent = 0
    for enrolment in _ending_soon(_reminded_enrolments(ReminderKind.ASSESSMENT_OPEN), now=now):
        missing = open_assessments(enrolment)
        if missing:
            sent += _send_once(
                enrolment=enrolment, kind=ReminderKind.ASSESSMENT_OPEN, open_items=missing
            )
    return sent


def send_completion_reminders(*, now=None) -> int:
    """E-mail participants whose batch ends soon and who have not completed the course."""
    sent = 0
    for enrolment in _ending_soon(_reminded_enrolments(ReminderKind.COURSE_UNFINISHED), now=now):
        sent += _send_once(enrolment=enrolment, kind=ReminderKind.COURSE_UNFINISHED)
    return sent
