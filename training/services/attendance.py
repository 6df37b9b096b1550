"""
Attendance services for classroom and blended batches: a trainer or administrator marks who
was there, or opens a short-lived check-in code that participants in the room enter.
"""

import datetime
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import (
    Attendance,
    AttendanceMethod,
    AttendanceStatus,
    BatchSession,
    Enrolment,
    EnrolmentStatus,
)
from .enrolment import EnrolmentError
from .progress import complete_enrolment_if_done

# Letters and digits that cannot be mistaken for one another when read off a projector.
CODE_ALPHABET = "ACDEFHJKMNPRTUVWXY34679"
CODE_LENGTH = 6
CHECK_IN_MINUTES = 10


def _normalise_code(code: str) -> str:
    return "".join(str(code or "").split()).upper()


@transaction.atomic
def record_attendance(
    *,
    session: BatchSession,
    enrolment: Enrolment,
    status: str = AttendanceStatus.PRESENT,
    recorded_by=None,
    method: str = AttendanceMethod.MARKED,
) -> Attendance:
    """Record (or correct) one participant's attendance of a session, then check completion."""
    if enrolment.batch_id != session.batch_id:
        raise EnrolmentError(
            _("This participant is not enrolled in the session's batch."), code="wrong_batch"
        )
    if enrolment.status not in (EnrolmentStatus.ACTIVE, EnrolmentStatus.COMPLETED):
        raise EnrolmentError(
            _("Only active participants can be marked present."), code="enrolment_not_active"
        )
    attendance = Attendance.objects.filter(session=session, enrolment=enrolment).first()
    if attendance is None:
        attendance = Attendance(session=session, enrolment=enrolment)
    elif attendance.status == status and attendance.method == method:
        return attendance
    attendance.status = status
    attendance.method = method
    attendance.recorded_by = recorded_by
    attendance.full_clean(validate_unique=False)
    attendance.save()
    complete_enrolment_if_done(enrolment=enrolment)
    return attendance


@transaction.atomic
def mark_all_present(*, session: BatchSession, recorded_by=None) -> int:
    """
    Mark every active or completed participant of the session's batch present who has no
    attendance recorded for it yet; those already recorded (checked in, excused, absent)
    keep their record, so the exceptions can be set before or after. Returns how many were
    marked. Safe to call twice: the second call finds nobody left to mark.
    """
    recorded = Attendance.objects.filter(session=session).values("enrolment_id")
    enrolments = list(
        Enrolment.objects.filter(
            batch_id=session.batch_id,
            status__in=(EnrolmentStatus.ACTIVE, EnrolmentStatus.COMPLETED),
        )
        .exclude(pk__in=recorded)
        .only("pk", "status")
    )
    Attendance.objects.bulk_create(
        [
            Attendance(
                session=session,
                enrolment=enrolment,
                status=AttendanceStatus.PRESENT,
                method=AttendanceMethod.MARKED,
                recorded_by=recorded_by,
            )
            for enrolment in enrolments
        ],
        # A participant who checks in at the same moment keeps their check-in.
        ignore_conflicts=True,
    )
    # Attendance counts toward completion only in a course with an attendance threshold; in
    # any other, marking a class present completes nobody, and 200 checks are saved.
    if session.batch.course.minimum_attendance is not None:
        for enrolment in enrolments:
            # A completed enrolment stays completed; only an active one may complete now.
            if enrolment.status == EnrolmentStatus.ACTIVE:
                complete_enrolment_if_done(enrolment=enrolment)
    return len(enrolments)


@transaction.atomic
def open_check_in(
    *, session: BatchSession, minutes: int = CHECK_IN_MINUTES, now=None
) -> BatchSession:
    """
    Give a session a check-in code valid for a few minutes. While a code is still valid the
    same code is returned, so refreshing the trainer's screen does not invalidate it.
    """
    now = now or timezone.now()
    session = BatchSession.objects.select_for_update().get(pk=session.pk)
    if session.is_check_in_open(now):
        return session
    session.check_in_code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    session.check_in_code_expires_at = now + datetime.timedelta(minutes=minutes)
    session.full_clean()
    session.save(update_fields=["check_in_code", "check_in_code_expires_at"])
    return session


@transaction.atomic
def check_in(*, participant, code: str, now=None) -> Attendance:
    """A participant checks in to the session whose code they entered; twice is harmless."""
    now = now or timezone.now()
    code = _normalise_code(code)
    session = (
        BatchSession.objects.filter(check_in_code=code, check_in_code_expires_at__gte=now)
        .select_related("batch")
        .first()
        if code
        else None
    )
    if session is None:
        raise EnrolmentError(
            _("This check-in code is wrong or has expired; ask the trainer for the current one."),
            code="bad_code",
        )
    enrolment = Enrolment.objects.filter(
        batch=session.batch,
        participant=participant,
        status__in=(EnrolmentStatus.ACTIVE, EnrolmentStatus.COMPLETED),
    ).first()
    if enrolment is None:
        raise EnrolmentError(
            _("You are not enrolled in the batch of this session."), code="not_enrolled"
        )
    existing = Attendance.objects.filter(session=session, enrolment=enrolment).first()
    if existing is not None and existing.status == AttendanceStatus.PRESENT:
        return existing
    return record_attendance(
        session=session,
        enrolment=enrolment,
        status=AttendanceStatus.PRESENT,
        method=AttendanceMethod.CHECK_IN,
    )
