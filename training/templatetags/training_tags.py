"""
Template tags behind the fragments that course, module and lesson pages include: the
enrolment panel, the lesson actions and the outline's progress.

The state of one course for one participant is worked out once per request and shared by
every fragment on the page, in a fixed number of queries whatever the number of lessons.
"""

from dataclasses import dataclass, field

from django import template
from wagtail.models import Page

from ..models import Batch, Enrolment, EnrolmentStatus
from ..selectors import (
    CourseProgress,
    course_and_enrolment_for_request,
    course_progress,
    localise_pages,
    open_batches,
)

register = template.Library()


@dataclass
class CourseState:
    """A participant's standing in the course a page belongs to."""

    course: Page | None
    enrolment: Enrolment | None = None
    progress: CourseProgress | None = None
    batches: list[Batch] = field(default_factory=list)
    # The course's lessons as pages of the locale being read, keyed by translation key.
    localised: dict = field(default_factory=dict)

    @property
    def is_active(self) -> bool:
        return self.enrolment is not None and self.enrolment.status == EnrolmentStatus.ACTIVE

    @property
    def here_next(self):
        """Where to continue, in the language of the page being read."""
        return self.here(self.progress.next_lesson) if self.progress else None

    def here(self, lesson):
        """The lesson in the language of the page being read."""
        if lesson is None:
            return None
        return self.localised.get(lesson.translation_key, lesson)


def course_state(request, page: Page) -> CourseState:
    """The course state for the page's course and the signed-in user, cached per request."""
    cache = request.__dict__.setdefault("_training_course_state", {})
    key = page.pk
    if key in cache:
        return cache[key]
    course, enrolment = course_and_enrolment_for_request(request, page)
    if course is None:
        cache[key] = CourseState(course=None)
        return cache[key]
    state = CourseState(course=course, enrolment=enrolment)
    if enrolment is not None and enrolment.status in (
        EnrolmentStatus.ACTIVE,
        EnrolmentStatus.COMPLETED,
    ):
        state.progress = course_progress(enrolment)
        if enrolment.batch.course.locale_id != page.locale_id:
            state.localised = localise_pages(
                [lesson_state.lesson for lesson_state in state.progress.lessons], page.locale
            )
    if enrolment is None or enrolment.status != EnrolmentStatus.ACTIVE:
        state.batches = open_batches(course) if enrolment is None else []
    cache[key] = state
    return state


@register.simple_tag(takes_context=True)
def course_enrolment_state(context, page):
    """``{% course_enrolment_state page as state %}`` on a course page."""
    return course_state(context["request"], page)


@dataclass
class LessonActions:
    state: CourseState
    done: bool = False
    locked: bool = False
    next_lesson: Page | None = None
    previous_lesson: Page | None = None


@register.simple_tag(takes_context=True)
def lesson_actions(context, page):
    """``{% lesson_actions page as actions %}`` on a lesson page."""
    state = course_state(context["request"], page)
    actions = LessonActions(state=state)
    if state.progress is None:
        return actions
    lessons = [lesson_state.lesson for lesson_state in state.progress.lessons]
    keys = [lesson.translation_key for lesson in lessons]
    if page.translation_key in keys:
        index = keys.index(page.translation_key)
        lesson_state = state.progress.lessons[index]
        actions.done, actions.locked = lesson_state.done, lesson_state.locked
        if index + 1 < len(lessons):
            actions.next_lesson = state.here(lessons[index + 1])
        if index > 0:
            actions.previous_lesson = state.here(lessons[index - 1])
    return actions


@register.simple_tag(takes_context=True)
def outline_state(context, page):
    """``{% outline_state page as state %}`` above a course outline."""
    return course_state(context["request"], page)


@register.simple_tag
def lesson_status(state, lesson):
    """``{% lesson_status state lesson as status %}``: "done", "locked" or "" for an outline."""
    if state is None or state.progress is None:
        return ""
    lesson_state = state.progress.state_of(lesson)
    if lesson_state is None:
        return ""
    return "done" if lesson_state.done else "locked" if lesson_state.locked else ""


@register.simple_tag
def localised_ids(state, status):
    """Ids, in the page's language, of the lessons that are done (or locked)."""
    if state is None or state.progress is None:
        return []
    return [
        state.here(lesson_state.lesson).pk
        for lesson_state in state.progress.lessons
        if (lesson_state.done if status == "done" else lesson_state.locked)
    ]


@register.inclusion_tag("training/includes/progress_bar.html")
def progress_bar(percent, label="", of_target=False):
    """An accessible progress bar: a native ``<progress>`` with its value also as text."""
    return {"percent": percent or 0, "label": label, "of_target": of_target}
