"""Training models: course pages (content) and the learner records that hang off them."""

from .batches import Batch, BatchStatus, DeliveryMode, Enrolment, EnrolmentPolicy, EnrolmentStatus
from .imports import ImportStatus, ParticipantImport
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
from .sessions import Attendance, AttendanceMethod, AttendanceStatus, BatchSession

__all__ = [
    "Attendance",
    "AttendanceMethod",
    "AttendanceStatus",
    "BatchSession",
    "ImportStatus",
    "ParticipantImport",
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
