"""Training models: course pages (content) and the learner records that hang off them."""

from .batches import Batch, BatchStatus, DeliveryMode, Enrolment, EnrolmentPolicy, EnrolmentStatus
from .evaluations import (
    EvaluationAnswer,
    EvaluationForm,
    EvaluationItem,
    EvaluationItemKind,
    EvaluationResponse,
)
from .pages import (
    CourseIndexPage,
    CourseLevel,
    CoursePage,
    CourseTag,
    CourseTrainer,
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

__all__ = [
    "Answer",
    "Attempt",
    "AttemptStatus",
    "Choice",
    "EvaluationAnswer",
    "EvaluationForm",
    "EvaluationItem",
    "EvaluationItemKind",
    "EvaluationResponse",
    "FeedbackTiming",
    "MultipleAnswerScoring",
    "Question",
    "QuestionKind",
    "Quiz",
    "QuizKind",
    "Batch",
    "BatchStatus",
    "CourseIndexPage",
    "CourseLevel",
    "CoursePage",
    "CourseTag",
    "CourseTrainer",
    "DeliveryMode",
    "Enrolment",
    "EnrolmentPolicy",
    "EnrolmentStatus",
    "LessonPage",
    "LessonProgress",
    "ModulePage",
]
