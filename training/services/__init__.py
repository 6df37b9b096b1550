"""
Training services: the one way code changes enrolments, progress, attendance, imports,
attempts and evaluations.

Views, admin actions, commands, tasks and other apps call these; each is atomic, safe to call
twice and returns the object it made or changed. Each module covers one area.
"""

from .assessment import (
    AttemptClosed,
    close_attempt_if_expired,
    close_expired_attempts,
    grade_essay_answer,
    save_answers,
    start_attempt,
    submit_attempt,
)
from .attendance import check_in, mark_all_present, open_check_in, record_attendance
from .enrolment import (
    EnrolmentError,
    approve_enrolment,
    change_enrolment_status,
    enrol_participant,
    reject_enrolment,
    upsert_batch,
    withdraw_enrolment,
)
from .evaluation import submit_evaluation
from .imports import (
    ImportFileError,
    check_import_rows,
    import_participant_row,
    import_template_workbook,
    preview_participant_import,
    queue_participant_import,
    read_participant_file,
    run_participant_import,
)
from .progress import (
    complete_enrolment_if_done,
    complete_lesson,
    lesson_in_course_locale,
    mark_lesson_opened,
    record_lesson_opened,
)
from .question_import import import_questions, preview_question_import
from .reminders import (
    send_assessment_reminders,
    send_completion_reminders,
    send_session_reminders,
)
from .scorm import (
    attach_scorm_package,
    commit_scorm_data,
    import_scorm_package,
    inspect_scorm_package,
    record_scorm_visit,
)
from .xapi import (
    record_attempt_result,
    record_lesson_completion,
    record_scorm_completion,
    record_statement,
    send_pending_statements,
)

__all__ = [
    "AttemptClosed",
    "EnrolmentError",
    "ImportFileError",
    "approve_enrolment",
    "attach_scorm_package",
    "change_enrolment_status",
    "check_import_rows",
    "check_in",
    "close_attempt_if_expired",
    "close_expired_attempts",
    "commit_scorm_data",
    "complete_enrolment_if_done",
    "complete_lesson",
    "enrol_participant",
    "grade_essay_answer",
    "import_questions",
    "import_scorm_package",
    "import_template_workbook",
    "inspect_scorm_package",
    "lesson_in_course_locale",
    "mark_all_present",
    "open_check_in",
    "import_participant_row",
    "preview_participant_import",
    "queue_participant_import",
    "preview_question_import",
    "read_participant_file",
    "record_attempt_result",
    "record_attendance",
    "record_lesson_completion",
    "mark_lesson_opened",
    "record_lesson_opened",
    "record_scorm_completion",
    "record_scorm_visit",
    "record_statement",
    "reject_enrolment",
    "run_participant_import",
    "save_answers",
    "send_assessment_reminders",
    "send_completion_reminders",
    "send_pending_statements",
    "send_session_reminders",
    "start_attempt",
    "submit_attempt",
    "submit_evaluation",
    "upsert_batch",
    "withdraw_enrolment",
]
