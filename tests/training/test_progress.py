"""Lesson progress, sequential unlocking, the completion rule and the completed signal."""

import pytest
from wagtail.models import Locale

from tests.training.assessment_factories import correct_responses, make_full_quiz
from tests.training.factories import BatchFactory, EnrolmentFactory, lessons_of, make_course
from training import completion
from training.models import EnrolmentStatus, LessonProgress, QuizKind
from training.selectors import course_progress
from training.services import (
    EnrolmentError,
    complete_enrolment_if_done,
    complete_lesson,
    record_lesson_opened,
    start_attempt,
    submit_attempt,
)
from training.signals import enrolment_completed

pytestmark = pytest.mark.django_db


@pytest.fixture
def received():
    calls = []

    def handler(sender, enrolment, **kwargs):
        calls.append(enrolment.pk)

    enrolment_completed.connect(handler)
    yield calls
    enrolment_completed.disconnect(handler)


def enrolment_in(course, **fields):
    return EnrolmentFactory(batch=BatchFactory(course=course), **fields)


def test_marking_a_lesson_done_twice_keeps_one_record_and_its_first_time():
    course = make_course(modules=1, lessons=2)
    enrolment = enrolment_in(course)
    lesson = lessons_of(course)[0]

    first = complete_lesson(enrolment=enrolment, lesson=lesson)
    second = complete_lesson(enrolment=enrolment, lesson=lesson)

    assert first.pk == second.pk
    assert second.completed_at == first.completed_at
    assert LessonProgress.objects.count() == 1


def test_opening_a_lesson_is_recorded_once_and_updates_the_last_opened_time():
    course = make_course(modules=1, lessons=2)
    enrolment = enrolment_in(course)
    lesson = lessons_of(course)[1]

    first = record_lesson_opened(enrolment=enrolment, lesson=lesson)
    second = record_lesson_opened(enrolment=enrolment, lesson=lesson)

    assert first.pk == second.pk
    assert second.last_opened_at >= first.last_opened_at
    assert second.completed_at is None
    assert course_progress(enrolment).next_lesson == lesson


def test_last_required_lesson_completes_the_enrolment_at_once_and_signals_after_commit(
    received, django_capture_on_commit_callbacks
):
    course = make_course(modules=2, lessons=2, optional=[(1, 1)])
    enrolment = enrolment_in(course)
    lessons = lessons_of(course)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        for lesson in lessons[:3]:
            complete_lesson(enrolment=enrolment, lesson=lesson)

    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.COMPLETED
    assert enrolment.completed_at is not None
    assert received == [enrolment.pk]
    assert len(callbacks) == 1


def test_complete_enrolment_if_done_is_idempotent_and_signals_once(
    received, django_capture_on_commit_callbacks
):
    course = make_course(modules=1, lessons=1)
    enrolment = enrolment_in(course)
    with django_capture_on_commit_callbacks(execute=True):
        complete_lesson(enrolment=enrolment, lesson=lessons_of(course)[0])
        complete_enrolment_if_done(enrolment=enrolment)
        complete_enrolment_if_done(enrolment=enrolment)

    assert received == [enrolment.pk]


def test_an_unmet_rule_leaves_the_enrolment_active(received):
    course = make_course(modules=1, lessons=2)
    enrolment = enrolment_in(course)
    complete_lesson(enrolment=enrolment, lesson=lessons_of(course)[0])

    assert complete_enrolment_if_done(enrolment=enrolment).status == EnrolmentStatus.ACTIVE
    assert received == []


def test_a_required_post_test_holds_completion_until_it_is_passed(
    received, django_capture_on_commit_callbacks
):
    course = make_course(modules=1, lessons=1, require_post_test=True)
    quiz = make_full_quiz(course, QuizKind.POST_TEST)
    enrolment = enrolment_in(course)
    complete_lesson(enrolment=enrolment, lesson=lessons_of(course)[0])

    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ACTIVE
    assert [r.key for r in completion.evaluate_completion(enrolment) if not r.met] == ["post_test"]

    with django_capture_on_commit_callbacks(execute=True):
        submit_attempt(
            attempt=start_attempt(enrolment=enrolment, quiz=quiz),
            responses=correct_responses(quiz),
        )

    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.COMPLETED
    assert received == [enrolment.pk]


def test_sequential_course_locks_a_lesson_until_the_required_ones_before_it_are_done():
    course = make_course(modules=1, lessons=3, sequential=True)
    enrolment = enrolment_in(course)
    first, second, third = lessons_of(course)

    with pytest.raises(EnrolmentError) as error:
        complete_lesson(enrolment=enrolment, lesson=third)
    assert error.value.code == "locked"
    complete_lesson(enrolment=enrolment, lesson=first)
    complete_lesson(enrolment=enrolment, lesson=second)

    assert complete_lesson(enrolment=enrolment, lesson=third).completed_at is not None


def test_optional_lessons_never_lock_the_next_one():
    course = make_course(modules=1, lessons=3, sequential=True, optional=[(0, 0)])
    enrolment = enrolment_in(course)
    progress = course_progress(enrolment)

    assert [state.locked for state in progress.lessons] == [False, False, True]


def test_a_lesson_of_another_course_is_refused():
    enrolment = enrolment_in(make_course(modules=1, lessons=1))
    other = lessons_of(make_course(modules=1, lessons=1))[0]

    with pytest.raises(EnrolmentError):
        complete_lesson(enrolment=enrolment, lesson=other)


def test_a_withdrawn_enrolment_makes_no_progress():
    course = make_course(modules=1, lessons=1)
    enrolment = enrolment_in(course, status=EnrolmentStatus.WITHDRAWN)

    with pytest.raises(EnrolmentError):
        complete_lesson(enrolment=enrolment, lesson=lessons_of(course)[0])


def test_reading_the_english_translation_advances_the_indonesian_lesson_record():
    course = make_course(modules=1, lessons=1)
    enrolment = enrolment_in(course)
    lesson = lessons_of(course)[0]
    english = Locale.objects.get_or_create(language_code="en")[0]
    translated = lesson.copy_for_translation(english, copy_parents=True)
    translated.save_revision().publish()

    record = complete_lesson(enrolment=enrolment, lesson=translated)

    assert record.lesson_id == lesson.pk
    assert type(enrolment).objects.get(pk=enrolment.pk).status == EnrolmentStatus.COMPLETED
