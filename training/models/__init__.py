"""Training models: course pages (content) and the learner records that hang off them."""

from .batches import Batch, BatchStatus, DeliveryMode, Enrolment, EnrolmentPolicy, EnrolmentStatus
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

__all__ = [
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
