"""
Progress services: a participant opens lessons and marks them done; an enrolment whose
course rule is met becomes completed at once, and the certificates app hears of it.
"""

from functools import partial

from django.db import IntegrityError, transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from ..completion import is_completion_rule_met
from ..course_flow import LockReason, enrolment_flow, lessons_may_lock
from ..models import Enrolment, EnrolmentStatus, LessonPage, LessonProgress
from ..signals import enrolment_completed
from .enrolment import EnrolmentError
from .xapi import record_lesson_completion


def lesson_in_course_locale(*, enrolment: Enrolment, lesson: Page) -> LessonPage:
    """
    The lesson as the course's own page: a participant reading a translation advances the
    record of the original lesson. Raises ``EnrolmentError`` when it is not in the course.
    """
    course = enrolment.batch.course
    if (
        isinstance(lesson, LessonPage)
        and lesson.locale_id == course.locale_id
        and lesson.path.startswith(course.path)
        and lesson.live
    ):
        return lesson
    original = (
        LessonPage.objects.live()
        .descendant_of(course)
        .filter(translation_key=lesson.translation_key, locale_id=course.locale_id)
        .first()
    )
    if original is None:
        raise EnrolmentError(_("This lesson is not part of your course."), code="wrong_course")
    return original


def _progress_record(enrolment: Enrolment, lesson: LessonPage) -> tuple[LessonProgress, bool]:
    # The records loaded by ``record_lesson_opened`` would no longer be the whole truth.
    getattr(enrolment, "_prefetched_objects_cache", {}).pop("lesson_progress", None)
    try:
        with transaction.atomic():
            return LessonProgress.objects.get_or_create(enrolment=enrolment, lesson=lesson)
    except IntegrityError:
        # A second tab or a double click created it between the read and the write.
        return LessonProgress.objects.get(enrolment=enrolment, lesson=lesson), False


def record_lesson_opened(*, enrolment: Enrolment, lesson: Page) -> LessonProgress:
    """
    Note that a participant opened a lesson (for "continue where you left off").

    Runs on every lesson view. The enrolment's progress records are loaded once into its
    prefetch cache, where ``course_progress`` finds them when the page shows the progress
    next; a lesson opened before then costs one UPDATE by primary key. Only the first
    opening creates the record.
    """
    lesson = lesson_in_course_locale(enrolment=enrolment, lesson=lesson)
    prefetch_related_objects([enrolment], "lesson_progress")
    record = next((r for r in enrolment.lesson_progress.all() if r.lesson_id == lesson.pk), None)
    if record is not None:
        opened_at = mark_lesson_opened(progress_id=record.pk)
        if opened_at is not None:
            record.last_opened_at = opened_at
            return record
    record, _created = _progress_record(enrolment, lesson)
    return record


def mark_lesson_opened(*, progress_id: int):
    """
    Note the time a lesson with a progress record was opened again: one ``UPDATE`` by
    primary key. Returns the time, or None when the record is gone.
    """
    now = timezone.now()
    return now if LessonProgress.objects.filter(pk=progress_id).update(last_opened_at=now) else None


@transaction.atomic
def complete_lesson(*, enrolment: Enrolment, lesson: Page) -> LessonProgress:
    """
    Mark a lesson done for an active enrolment; marking it again changes nothing.

    A lesson that ``training.course_flow`` locks (pre-test first, lessons in order) cannot
    be done yet. Completes the enrolment when that was the last requirement.
    """
    if enrolment.status != EnrolmentStatus.ACTIVE:
        raise EnrolmentError(
            _("Only an active enrolment can make progress."), code="enrolment_not_active"
        )
    lesson = lesson_in_course_locale(enrolment=enrolment, lesson=lesson)
    record, _created = _progress_record(enrolment, lesson)
    if record.completed_at is not None:
        return record
    if lessons_may_lock(enrolment.batch.course):
        lock = enrolment_flow(enrolment).lesson_lock(lesson)
        if lock is not None:
            raise EnrolmentError(LockReason.message(lock), code="locked")
    record.completed_at = timezone.now()
    record.save(update_fields=["completed_at", "last_opened_at"])
    record_lesson_completion(progress=record)
    complete_enrolment_if_done(enrolment=enrolment)
    return record


@transaction.atomic
def complete_enrolment_if_done(*, enrolment: Enrolment) -> Enrolment:
    """
    Complete an active enrolment as soon as its course rule is met, inside the caller's
    transaction, and send ``enrolment_completed`` once that transaction has committed.

    Every feature that changes something the rule looks at (lessons, attendance, post-test,
    evaluation) calls this afterwards. Safe to call at any time and any number of times.
    """
    enrolment = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("batch__course")
        .get(pk=enrolment.pk)
    )
    if enrolment.status != EnrolmentStatus.ACTIVE or not is_completion_rule_met(enrolment):
        return enrolment
    enrolment.status = EnrolmentStatus.COMPLETED
    enrolment.completed_at = timezone.now()
    enrolment.full_clean(validate_unique=False)
    enrolment.save(update_fields=["status", "completed_at"])
    transaction.on_commit(partial(enrolment_completed.send, sender=Enrolment, enrolment=enrolment))
    return enrolment
