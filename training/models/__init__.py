"""Training models: course pages (content) and the learner records that hang off them."""

from .batches import Batch, BatchStatus, DeliveryMode, Enrolment, EnrolmentPolicy, EnrolmentStatus
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

__all__ = [
    "Batch",
    "BatchStatus",
    "CourseEditorGroup",
    "CourseIndexPage",
    "CourseLevel",
    "CoursePage",
    "CourseTag",
    "CourseTrainer",
    "DeliveryLanguage",
    "DeliveryMode",
    "Enrolment",
    "EnrolmentPolicy",
    "EnrolmentStatus",
    "LessonPage",
    "LessonProgress",
    "ModulePage",
]
