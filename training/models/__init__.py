"""Training models: course pages (content) and the learner records that hang off them."""

from .batches import Batch, BatchStatus, DeliveryMode, Enrolment, EnrolmentPolicy, EnrolmentStatus
from .evaluations import (
    EvaluationAnswer,
    EvaluationForm,
    EvaluationItem,
    EvaluationItemKind,
    EvaluationResponse,
)
from .imports import ImportCount, ImportStatus, ParticipantImport
from .pages import (
    CourseEditorGroup,
    CourseIndexPage,
    CourseLevel,
    CoursePage,
    CourseTag,
    CourseTrainer,
    DeliveryLanguage,
    LessonPage,
    ModulePage,
)
from .progress import LessonProgress
from .quizzes import (
    Answer,
    Attempt,
    AttemptStatus,
    Choice,
    FeedbackTiming,
    MultipleAnswerScoring,
    Question,
    QuestionKind,
    Quiz,
    QuizKind,
)
from .reminders import ReminderKind, SentReminder
from .scorm import ScormNoApiCompletion, ScormPackage, ScormProgress, ScormStatus, ScormVersion
from .sessions import Attendance, AttendanceMethod, AttendanceStatus, BatchSession
from .xapi import XapiStatement

__all__ = [
    "Answer",
    "Attempt",
    "AttemptStatus",
    "Attendance",
    "AttendanceMethod",
    "AttendanceStatus",
    "Batch",
    "BatchSession",
    "BatchStatus",
    "Choice",
    "CourseEditorGroup",
    "CourseIndexPage",
    "CourseLevel",
    "CoursePage",
    "CourseTag",
    "CourseTrainer",
    "DeliveryLanguage",
    "DeliveryLanguage",
    "DeliveryMode",
    "Enrolment",
    "EnrolmentPolicy",
    "EnrolmentStatus",
    "EvaluationAnswer",
    "EvaluationForm",
    "EvaluationItem",
    "EvaluationItemKind",
    "EvaluationResponse",
    "FeedbackTiming",
    "ImportCount",
    "ImportStatus",
    "LessonPage",
    "LessonProgress",
    "ModulePage",
    "MultipleAnswerScoring",
    "ParticipantImport",
    "Question",
    "QuestionKind",
    "Quiz",
    "QuizKind",
    "XapiStatement",
    "ReminderKind",
    "ScormNoApiCompletion",
    "ScormPackage",
    "ScormProgress",
    "ScormStatus",
    "ScormVersion",
    "SentReminder",
]
