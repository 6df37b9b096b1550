"""
Audit-log actions of the training app: participant imports, grade changes and an
administrator's change of an enrolment's status (with its reason).
"""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from accounts.audit import register_from

PARTICIPANT_IMPORT = "bimtek.participant_import"
GRADE_CHANGE = "bimtek.grade_change"
ENROLMENT_STATUS_CHANGE = "bimtek.enrolment_status_change"

ACTIONS = {
    PARTICIPANT_IMPORT: (_("Import participants"), _("Participants imported")),
    GRADE_CHANGE: (_("Change a grade"), _("Grade changed")),
    ENROLMENT_STATUS_CHANGE: (
        _("Change an enrolment's status"),
        _("Enrolment status changed by an administrator"),
    ),
}


def register_actions(actions) -> None:
    register_from(actions, ACTIONS)


def log_participant_import(*, participant_import, user):
    return log(
        participant_import,
        PARTICIPANT_IMPORT,
        user=user,
        data={
            "batch_id": participant_import.batch_id,
            "created": participant_import.created_count,
            "updated": participant_import.updated_count,
            "enrolled": participant_import.enrolled_count,
            "errors": participant_import.error_count,
        },
    )


def log_grade_change(*, answer, previous_points, user):
    return log(
        answer,
        GRADE_CHANGE,
        user=user,
        title=f"{answer.attempt} · {answer.question_ref}",
        data={
            "attempt_id": answer.attempt_id,
            "question": answer.question_ref,
            "previous_points": None if previous_points is None else str(previous_points),
            "points": str(answer.points_awarded),
        },
    )


def log_enrolment_status_change(*, enrolment, previous_status, reason, user):
    return log(
        enrolment,
        ENROLMENT_STATUS_CHANGE,
        user=user,
        title=str(enrolment),
        data={
            "batch_id": enrolment.batch_id,
            "from": previous_status,
            "to": enrolment.status,
            "reason": reason,
        },
    )
