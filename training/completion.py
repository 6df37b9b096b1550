"""
The completion rule of a course: a short list of requirement checks.

Each check takes an enrolment and returns a ``RequirementResult`` when it applies to the
enrolment's course, or ``None`` when the course does not ask for it. The enrolment is
complete when at least one requirement applies and every applying one is met. Other parts
of the project add their own checks with ``register_requirement`` (the assessments add
"post-test passed" and "evaluation submitted"); the checks here cover lessons and attendance.

A course flag that asks for something no registered check can verify (for instance
``require_post_test`` before the assessments are installed) counts as not met, so that a
certificate is never issued on a rule that was only half checked.
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

# Course flags that need a check registered under this key before they can ever be met.
FLAGGED_REQUIREMENTS = {
    "require_post_test": ("post_test", _("Post-test passed")),
    "require_evaluation": ("evaluation", _("Evaluation submitted")),
}


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


REQUIREMENTS: list[Requirement] = [required_lessons_done, attendance_threshold_met]


def register_requirement(check: Requirement, *, key: str | None = None) -> Requirement:
    """
    Add a requirement check to every course's rule; safe to call twice with the same check.

    ``key`` names the requirement the check answers for (``"post_test"``, ``"evaluation"``)
    so that the matching course flag stops counting as unverifiable.
    """
    if check not in REQUIREMENTS:
        REQUIREMENTS.append(check)
    if key:
        _REGISTERED_KEYS.add(key)
    return check


_REGISTERED_KEYS: set[str] = set()


def evaluate_completion(enrolment) -> list[RequirementResult]:
    """The result of every requirement that applies to the enrolment's course."""
    results = [result for check in REQUIREMENTS if (result := check(enrolment)) is not None]
    course = enrolment.batch.course
    answered = {result.key for result in results} | _REGISTERED_KEYS
    for flag, (key, label) in FLAGGED_REQUIREMENTS.items():
        if getattr(course, flag, False) and key not in answered:
            results.append(RequirementResult(key=key, label=label, met=False))
    return results


def is_completion_rule_met(enrolment) -> bool:
    """Whether the enrolment meets its course's rule (an empty rule is never met)."""
    results = evaluate_completion(enrolment)
    return bool(results) and all(result.met for result in results)
