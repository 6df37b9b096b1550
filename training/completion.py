"""
The completion rule of a course: a short list of requirement checks.

Each check takes an enrolment and returns a ``RequirementResult`` when it applies to the
enrolment's course, or ``None`` when the course does not ask for it. The enrolment is
complete when at least one requirement applies and every applying one is met: required
lessons, attendance, the post-test, required module quizzes and the evaluation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class RequirementResult:
    """The outcome of one requirement for one enrolment, with a short text for people."""

    key: str
    label: str
    met: bool
    detail: str = ""


Requirement = Callable[["Enrolment"], "RequirementResult | None"]  # noqa: F821


def required_lessons_done(enrolment) -> RequirementResult | None:
    """Every required lesson of the course is done (every lesson when none is required)."""
    from .selectors import course_progress

    course = enrolment.batch.course
    if not course.require_all_lessons:
        return None
    progress = course_progress(enrolment)
    return RequirementResult(
        key="lessons",
        label=_("Required lessons done"),
        met=progress.total_count > 0 and progress.done_count >= progress.total_count,
        detail=f"{progress.done_count}/{progress.total_count}",
    )


def attendance_threshold_met(enrolment) -> RequirementResult | None:
    """The share of the batch's sessions attended reaches the course's minimum."""
    from .models import AttendanceStatus

    course, batch = enrolment.batch.course, enrolment.batch
    if course.minimum_attendance is None or not batch.has_sessions:
        return None
    sessions = batch.sessions.count()
    if not sessions:
        return None
    present = enrolment.attendances.filter(status=AttendanceStatus.PRESENT).count()
    percent = 100 * present / sessions
    return RequirementResult(
        key="attendance",
        label=_("Attendance"),
        met=percent >= course.minimum_attendance,
        detail=f"{round(percent)}% / {course.minimum_attendance}%",
    )


def post_test_passed(enrolment) -> RequirementResult | None:
    """The course's post-test has a passed, graded attempt."""
    from . import assessment_checks

    if not enrolment.batch.course.require_post_test:
        return None
    return RequirementResult(
        key="post_test",
        label=_("Post-test passed"),
        met=assessment_checks.post_test_passed(enrolment),
    )


def required_module_quizzes_passed(enrolment) -> RequirementResult | None:
    """Every module quiz marked required has a passed, graded attempt."""
    from . import assessment_checks
    from .models import Quiz, QuizKind

    course_id = enrolment.batch.course_id
    if not Quiz.objects.filter(course_id=course_id, kind=QuizKind.MODULE, is_required=True):
        return None
    return RequirementResult(
        key="module_quizzes",
        label=_("Required module quizzes passed"),
        met=assessment_checks.required_module_quizzes_passed(enrolment),
    )


def evaluation_submitted(enrolment) -> RequirementResult | None:
    """The participant has filled in the course's evaluation."""
    from . import assessment_checks

    if not enrolment.batch.course.require_evaluation:
        return None
    return RequirementResult(
        key="evaluation",
        label=_("Evaluation submitted"),
        met=assessment_checks.evaluation_submitted(enrolment),
    )


REQUIREMENTS: list[Requirement] = [
    required_lessons_done,
    attendance_threshold_met,
    post_test_passed,
    required_module_quizzes_passed,
    evaluation_submitted,
]


def evaluate_completion(enrolment) -> list[RequirementResult]:
    """The result of every requirement that applies to the enrolment's course."""
    return [result for check in REQUIREMENTS if (result := check(enrolment)) is not None]


def is_completion_rule_met(enrolment) -> bool:
    """Whether the enrolment meets its course's rule (an empty rule is never met)."""
    results = evaluate_completion(enrolment)
    return bool(results) and all(result.met for result in results)
