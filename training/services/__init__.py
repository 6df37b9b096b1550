"""
Services of the training app: every domain write goes through one of these functions.

Each module covers one area; the public services are re-exported here.
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
from .evaluation import submit_evaluation
from .question_import import import_questions, preview_question_import

__all__ = [
    "AttemptClosed",
    "close_attempt_if_expired",
    "close_expired_attempts",
    "grade_essay_answer",
    "import_questions",
    "preview_question_import",
    "save_answers",
    "start_attempt",
    "submit_attempt",
    "submit_evaluation",
]
