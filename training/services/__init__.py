"""
Training services: the one way code changes enrolments, progress, attendance and imports.

Views, admin actions, commands and other apps call these; each is atomic, safe to call twice
and returns the object it made or changed.
"""

from .attendance import check_in, open_check_in, record_attendance
from .enrolment import (
    EnrolmentError,
    approve_enrolment,
    enrol_participant,
    reject_enrolment,
    upsert_batch,
    withdraw_enrolment,
)
from .imports import (
    ImportFileError,
    check_import_rows,
    import_template_workbook,
    preview_participant_import,
    read_participant_file,
    run_participant_import,
)
from .progress import (
    complete_enrolment_if_done,
    complete_lesson,
    lesson_in_course_locale,
    record_lesson_opened,
)

__all__ = [
    "EnrolmentError",
    "ImportFileError",
    "approve_enrolment",
    "check_import_rows",
    "check_in",
    "complete_enrolment_if_done",
    "complete_lesson",
    "enrol_participant",
    "import_template_workbook",
    "lesson_in_course_locale",
    "open_check_in",
    "preview_participant_import",
    "read_participant_file",
    "record_attendance",
    "record_lesson_opened",
    "reject_enrolment",
    "run_participant_import",
    "upsert_batch",
    "withdraw_enrolment",
]
