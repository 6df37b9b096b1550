"""
Template tags behind the fragments that course, module and lesson pages include: the
enrolment panel, the lesson actions and the outline's progress.

The state of one course for one participant is worked out once per request and shared by
every fragment on the page, in a fixed number of queries whatever the number of lessons.
"""

import datetime
from dataclasses import dataclass, field

from django import template
from django.conf import settings
from django.utils import timezone
from wagtail.models import Page

from cms.csp import SCORM_SANDBOX

from ..course_flow import CourseFlow, LockReason, NextStep, StepKind, course_flow_for_request
from ..models import Batch, Enrolment, EnrolmentStatus
from ..selectors import (
    CourseProgress,
    batch_schedule,
    course_and_enrolment_for_request,
    localise_pages,
    open_batches,
)
from ..translations import translate_records

register = template.Library()


@dataclass
class CourseState:
    """A participant's standing in the course a page belongs to."""

    course: Page | None
    enrolment: Enrolment | None = None
    progress: CourseProgress | None = None
    batches: list[Batch] = field(default_factory=list)
    flow: CourseFlow | None = None
    # The course's lessons as pages of the locale being read, keyed by translation key.
    localised: dict = field(default_factory=dict)
    now: datetime.datetime = field(default_factory=timezone.now)

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

    @property
    def here_next_open(self):
        """The lesson to continue with (never a locked one), in the page's language."""
        return self.here(self.flow.next_lesson) if self.flow else None

    @property
    def next_step(self) -> NextStep | None:
        """The next step of ``training.course_flow``, in the page's language."""
        if self.flow is None:
            return None
        # The flow's quizzes and evaluation are the Indonesian source rows: their titles in
        # the page's language before the step copies one (training.translations).
        translate_records([record.quiz for record in self.flow.quizzes] + [self.flow.evaluation])
        step = self.flow.next_step
        if step is not None and step.kind == StepKind.LESSON:
            step.page = self.here(step.page)
        return step


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
        state.flow = course_flow_for_request(request, page)
        state.progress = state.flow.progress
        if enrolment.batch.course.locale_id != page.locale_id:
            state.localised = localise_pages(
                [lesson_state.lesson for lesson_state in state.progress.lessons], page.locale
            )
    if enrolment is None or enrolment.status != EnrolmentStatus.ACTIVE:
        state.batches = open_batches(course) if enrolment is None else []
    translate_records([enrolment.batch if enrolment else None, *state.batches])
    cache[key] = state
    return state


@register.simple_tag(takes_context=True)
def course_enrolment_state(context, page):
    """``{% course_enrolment_state page as state %}`` on a course page."""
    return course_state(context["request"], page)


@register.simple_tag
def batch_sessions(batch):
    """``{% batch_sessions batch as sessions %}``: the batch's sessions, in time order."""
    return batch_schedule(batch)


@dataclass
class LessonActions:
    state: CourseState
    done: bool = False
    locked: bool = False
    lock: str | None = None
    next_lesson: Page | None = None

    @property
    def lock_message(self) -> str:
        return LockReason.message(self.lock)

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
        actions.done = lesson_state.done
        actions.lock = state.flow.lesson_lock(lesson_state.lesson)
        actions.locked = actions.lock is not None
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
    if lesson_state.done:
        return "done"
    return "locked" if state.flow.lesson_lock(lesson_state.lesson) else ""


@register.simple_tag
def localised_ids(state, status):
    """Ids, in the page's language, of the lessons that are done (or locked)."""
    if state is None or state.progress is None:
        return []
    return [
        state.here(lesson_state.lesson).pk
        for lesson_state in state.progress.lessons
        if (
            lesson_state.done
            if status == "done"
            else state.flow.lesson_lock(lesson_state.lesson) is not None
        )
    ]


@register.inclusion_tag("training/includes/progress_bar.html")
def progress_bar(percent, label="", of_target=False):
    """An accessible progress bar: a native ``<progress>`` with its value also as text."""
    return {"percent": percent or 0, "label": label, "of_target": of_target}


@dataclass
class ScormPlayer:
    """What a lesson's SCORM player needs: the package, its items with their status, and
    whether this visit records progress (an active enrolment) or only previews."""

    package: object
    items: list[dict]
    can_play: bool = False
    recording: bool = False
    lesson_done: bool = False
    score: int | None = None
    status_labels: dict = field(default_factory=dict)
    content_url: str = ""
    rollup: dict = field(default_factory=dict)
    """The SCOs' completion and success rolled up to the lesson (``services.scorm.roll_up``)."""
    autocommit_seconds: int = 30
    sandbox: str = SCORM_SANDBOX
    """The frame's sandbox: what a package may do there, and why (``cms.csp``)."""

    @property
    def has_menu(self) -> bool:
        return len([item for item in self.items if item["launch"]]) > 1

    @property
    def navigation(self) -> dict:
        """Menu choice and continue/previous, as the package's SCORM 2004 sequencing says."""
        if not self.package.is_scorm_2004:
            return {"choice": True, "flow": False, "forward_only": False, "unsupported": []}
        return self.package.navigation

    @property
    def menu(self) -> list[dict]:
        """
        The items as a tree (``{"item": …, "children": […]}``), nested as deep as the
        manifest's organisation: the menu is drawn as nested lists, so any depth is indented.
        """
        tree: list[dict] = []
        path: list[tuple[int, list]] = [(-1, tree)]
        for item in self.items:
            depth = int(item.get("depth") or 0)
            while len(path) > 1 and path[-1][0] >= depth:
                path.pop()
            node = {"item": item, "children": []}
            path[-1][1].append(node)
            path.append((depth, node["children"]))
        return tree


@register.simple_tag(takes_context=True)
def scorm_player(context, page):
    """``{% scorm_player page as player %}`` on a lesson page that holds a SCORM package."""
    from ..models import ScormProgress, ScormStatus
    from ..permissions import can_play_scorm
    from ..scorm.origin import content_base_url
    from ..services.scorm import roll_up

    request = context["request"]
    package = page.scorm_package
    player = ScormPlayer(
        package=package,
        items=[dict(item) for item in package.items],
        status_labels={value: str(label) for value, label in ScormStatus.choices},
        autocommit_seconds=settings.SCORM_AUTOCOMMIT_SECONDS,
    )
    known = course_and_enrolment_for_request(request, page)
    if not can_play_scorm(request.user, page, course_and_enrolment=known):
        return player
    player.can_play = True
    # The launch paths are relative to the package root, which is this URL's folder.
    player.content_url = content_base_url(lesson=page, user=request.user)
    state = course_state(request, page)
    player.recording = state.is_active
    if state.progress is not None:
        lesson_state = state.progress.state_of(page)
        player.lesson_done = bool(lesson_state and lesson_state.done)
    if state.enrolment is None:
        return player
    records = {
        record.item_identifier: record
        for record in ScormProgress.objects.filter(enrolment=state.enrolment, package=package)
    }
    scores = []
    for item in player.items:
        record = records.get(item["identifier"])
        item["status"] = record.status if record else ScormStatus.NOT_ATTEMPTED
        item["status_label"] = player.status_labels[item["status"]]
        if record and record.score_percent is not None:
            item["score"] = record.score_percent
            scores.append(record.score_percent)
    if scores:
        player.score = round(sum(scores) / len(scores))
    player.rollup = roll_up(package, records.values())
    return player
