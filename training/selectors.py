"""
Reads that grow beyond a one-line query: the course outline and the catalogue, the lessons of
a course, a participant's current enrolment, the "Pembelajaran Saya" dashboard with its JP
ledger, a batch's progress, and a participant's schedule of sessions.

Every selector here runs a fixed number of queries, whatever the number of lessons,
enrolments or participants, so that the pages that use them stay fast as data grows.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import reduce
from operator import or_

from django.db.models import Count, Q
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import Page

from cms.chrome import cached_content

from .models import (
    Attendance,
    AttendanceStatus,
    Batch,
    BatchSession,
    BatchStatus,
    CourseIndexPage,
    CoursePage,
    CourseTag,
    Enrolment,
    EnrolmentStatus,
    LessonPage,
    LessonProgress,
    ModulePage,
    ScormProgress,
    XapiStatement,
)
from .models.batches import SCHEDULE_STATUSES, SEAT_HOLDING_STATUSES

# Every civil servant should gain at least 20 JP of competency development a year.
YEARLY_JP_TARGET = Decimal(20)


def modules_of_course(course: Page) -> list[ModulePage]:
    """The live modules of a course in tree order, in one query."""
    return list(ModulePage.objects.child_of(course).live().order_by("path"))


def course_outline(
    course: CoursePage,
    lessons: list[LessonPage] | None = None,
    modules: list[ModulePage] | None = None,
) -> list[ModulePage]:
    """
    The live modules of ``course`` in tree order, each with ``lessons``: its live lessons.

    Derived from ``lessons_of_course`` (pass its result as ``lessons`` when the caller has it
    already, e.g. ``lessons_for_request``), so the outline and a participant's progress read
    one list: one query for the modules whatever the size of the course, none when the
    caller passes them (``outline_for_request``).
    """
    if lessons is None:
        lessons = lessons_of_course(course)
    if modules is None:
        modules = modules_of_course(course)
    by_path = {module.path: module for module in modules}
    for module in modules:
        module.lessons = []
    step = len(course.path) + ModulePage.steplen
    for lesson in lessons:
        module = by_path.get(lesson.path[:step])
        if module is not None and lesson.depth == course.depth + 2:
            module.lessons.append(lesson)
    return modules


def catalogue_topics(catalogue: CourseIndexPage) -> list[Tag]:
    """The topic tags used by the live courses of a catalogue, by name."""
    course_ids = CoursePage.objects.child_of(catalogue).live().values("pk")
    return list(
        Tag.objects.filter(
            pk__in=CourseTag.objects.filter(content_object__in=course_ids).values("tag_id")
        ).order_by("name")
    )


def catalogue_courses(
    catalogue: CourseIndexPage,
    *,
    q: str = "",
    topic: str = "",
    level: str = "",
    language: str = "",
    mode: str = "",
):
    """
    The live courses of a catalogue matching a search and filters.

    With a search query the results come from Wagtail search (PostgreSQL full-text search on
    PostgreSQL) ordered by relevance; otherwise a queryset ordered by title.
    """
    courses = CoursePage.objects.child_of(catalogue).live()
    if level:
        courses = courses.filter(level=level)
    if language:
        courses = courses.filter(delivery_language=language)
    if mode:
        courses = courses.filter(delivery_mode=mode)
    if topic:
        # Tags are many-to-many, which search backends cannot filter on: filter by id instead.
        tagged = CourseTag.objects.filter(tag__slug=topic).values_list(
            "content_object_id", flat=True
        )
        courses = courses.filter(id__in=list(tagged))
    if q:
        return courses.search(q)
    return courses.order_by("title")


class CourseCard:
    """What a catalogue card shows about a course: the page and its lesson totals."""

    def __init__(self, course: CoursePage, *, module_count=0, lesson_count=0, minutes=0):
        self.course = course
        self.module_count = module_count
        self.lesson_count = lesson_count
        self.minutes = minutes

    @property
    def hours(self) -> Decimal:
        """Reading and activity time of the lessons, in hours rounded to a half."""
        return Decimal(round(self.minutes / 30)) / 2


def course_cards(courses) -> list[CourseCard]:
    """
    Cards for one page of catalogue results, in their order: four queries for any number.

    The courses are loaded again with their cover image and its renditions, and the modules
    and lessons below them are counted in one query each.
    """
    ids = [course.pk for course in courses]
    if not ids:
        return []
    loaded = (
        CoursePage.objects.filter(pk__in=ids)
        .select_related("cover_image")
        .prefetch_related("cover_image__renditions", "tags")
    )
    by_id = {course.pk: course for course in loaded}
    below = Q()
    for course in by_id.values():
        below |= Q(path__startswith=course.path, depth__gt=course.depth)
    totals = defaultdict(lambda: {"module_count": 0, "lesson_count": 0, "minutes": 0})
    path_to_id = {course.path: course.pk for course in by_id.values()}
    step = len(next(iter(path_to_id)))
    lessons = LessonPage.objects.live().filter(below).values_list("path", "estimated_minutes")
    modules = ModulePage.objects.live().filter(below).values_list("path", flat=True)
    for path, minutes in lessons:
        total = totals[path_to_id.get(path[:step])]
        total["lesson_count"] += 1
        total["minutes"] += minutes
    for path in modules:
        totals[path_to_id.get(path[:step])]["module_count"] += 1
    return [CourseCard(by_id[pk], **totals[pk]) for pk in ids if pk in by_id]


def lessons_of_course(course: Page) -> list[LessonPage]:
    """
    The live lessons of a course in reading order (the order of the page tree), in one
    query; lesson bodies are not loaded (they load when one is read).
    """
    return list(
        LessonPage.objects.live().descendant_of(course).filter(locale_id=course.locale_id)
        .defer_streamfields().order_by("path")
    )  # fmt: skip


def lessons_for_request(request, course: Page) -> list[LessonPage]:
    """
    ``lessons_of_course`` once per request and course, from the cache until a page changes:
    a lesson page's outline and the participant's progress beside it share the list.
    """
    memo = request.__dict__.setdefault("_training_lessons", {})
    if course.pk not in memo:
        memo[course.pk] = cached_content(f"lessons:{course.pk}", lambda: lessons_of_course(course))
    return memo[course.pk]


def outline_for_request(request, course: Page) -> list[ModulePage]:
    """``course_outline`` of a course from the cached lessons and modules (no query)."""
    modules = cached_content(f"modules:{course.pk}", lambda: modules_of_course(course))
    return course_outline(course, lessons_for_request(request, course), modules)


def lessons_of_courses(courses) -> dict[int, list[LessonPage]]:
    """The live lessons of several courses, keyed by course id, in a single query."""
    courses = list({course.pk: course for course in courses}.values())
    if not courses:
        return {}
    query = reduce(or_, (Q(path__startswith=course.path) for course in courses))
    lessons = LessonPage.objects.live().filter(query).order_by("path")
    by_course = {course.pk: [] for course in courses}
    for lesson in lessons:
        for course in courses:
            if lesson.path.startswith(course.path):
                by_course[course.pk].append(lesson)
                break
    return by_course


def course_of_page(page: Page) -> CoursePage | None:
    """The course a module or lesson page belongs to (the page itself for a course)."""
    if isinstance(page, CoursePage):
        return page
    return CoursePage.objects.ancestor_of(page).first()


def counted_lessons(lessons: list[LessonPage]) -> list[LessonPage]:
    """The lessons that count toward progress: the required ones, or all when none is."""
    required = [lesson for lesson in lessons if lesson.is_required]
    return required or lessons


def current_enrolment(user, course: Page) -> Enrolment | None:
    """
    The participant's enrolment that a course page is about: the latest one still holding a
    place, in any batch of the course or of one of its translations.
    """
    if not user.is_authenticated:
        return None
    return (
        Enrolment.objects.filter(
            participant=user,
            batch__course__translation_key=course.translation_key,
            status__in=SEAT_HOLDING_STATUSES,
        )
        .select_related("batch__course")
        .order_by("-enrolled_at")
        .first()
    )


def holds_place_in_batch(user, batch: Batch) -> bool:
    """Whether the participant is already enrolled in the batch (waiting or active)."""
    return Enrolment.objects.filter(
        participant=user, batch=batch, status__in=SEAT_HOLDING_STATUSES
    ).exists()


def open_batches(course: Page) -> list[Batch]:
    """Batches of a course (in any of its translations) that accept enrolments now."""
    return open_batches_of_courses([course])[course.translation_key]


def course_outlines(courses) -> dict[int, list[ModulePage]]:
    """
    The outline of several courses, keyed by course id: like ``course_outline`` (live
    modules, each with its live ``lessons``), in two queries whatever their number.
    """
    courses = list(courses)
    outlines = {course.pk: [] for course in courses}
    if not courses:
        return outlines
    course_by_path = {course.path: course for course in courses}
    step = len(courses[0].path)
    modules = ModulePage.objects.live().filter(
        reduce(or_, (Q(path__startswith=c.path, depth=c.depth + 1) for c in courses))
    )
    module_by_path = {}
    for module in modules.order_by("path"):
        module.lessons = []
        module_by_path[module.path] = module
        outlines[course_by_path[module.path[:step]].pk].append(module)
    lessons = (
        LessonPage.objects.live()
        .filter(reduce(or_, (Q(path__startswith=c.path, depth=c.depth + 2) for c in courses)))
        .defer_streamfields()
        .order_by("path")
    )
    for lesson in lessons:
        module = module_by_path.get(lesson.path[: step + ModulePage.steplen])
        if module is not None:
            module.lessons.append(lesson)
    return outlines


def open_batches_of_courses(courses) -> dict:
    """
    ``open_batches`` for several courses in one query, keyed by the courses' translation
    keys (a batch belongs to every translation of its course).
    """
    keys = {course.translation_key for course in courses}
    by_key = {key: [] for key in keys}
    if not keys:
        return by_key
    now = timezone.now()
    batches = (
        Batch.objects.filter(course__translation_key__in=keys, status=BatchStatus.OPEN)
        .select_related("course")
        .annotate(
            places_taken=Count("enrolments", filter=Q(enrolments__status__in=SEAT_HOLDING_STATUSES))
        )
        .order_by("starts_on", "name")
    )
    for batch in batches:
        if batch.is_enrolment_open(now):
            by_key[batch.course.translation_key].append(batch)
    return by_key


@dataclass
class LessonState:
    """One lesson as a participant sees it: done, locked or neither."""

    lesson: LessonPage
    done: bool = False
    locked: bool = False
    opened_at: datetime.datetime | None = None


@dataclass
class CourseProgress:
    """A participant's progress through one course within one enrolment."""

    enrolment: Enrolment | None
    lessons: list[LessonState]
    done_count: int = 0
    total_count: int = 0

    @property
    def percent(self) -> int:
        if not self.total_count:
            return 0
        return round(100 * self.done_count / self.total_count)

    @property
    def next_lesson(self) -> LessonPage | None:
        """Where to continue: the last lesson opened but not done, else the first not done."""
        opened = [state for state in self.lessons if state.opened_at and not state.done]
        if opened:
            return max(opened, key=lambda state: state.opened_at).lesson
        for state in self.lessons:
            if not state.done and not state.locked:
                return state.lesson
        return None

    def state_of(self, lesson: Page) -> LessonState | None:
        for state in self.lessons:
            if state.lesson.translation_key == lesson.translation_key:
                return state
        return None

    @property
    def done_keys(self) -> set:
        return {state.lesson.translation_key for state in self.lessons if state.done}

    @property
    def locked_keys(self) -> set:
        return {state.lesson.translation_key for state in self.lessons if state.locked}


def build_progress(
    enrolment: Enrolment | None,
    lessons: list[LessonPage],
    records: list[LessonProgress],
    *,
    sequential: bool,
) -> CourseProgress:
    """Combine lessons and progress records into states; sequential courses lock ahead."""
    by_lesson = {record.lesson_id: record for record in records}
    states, blocked = [], False
    for lesson in lessons:
        record = by_lesson.get(lesson.pk)
        done = bool(record and record.completed_at)
        states.append(
            LessonState(
                lesson=lesson,
                done=done,
                locked=sequential and blocked and not done,
                opened_at=record.last_opened_at if record else None,
            )
        )
        if lesson.is_required and not done:
            blocked = True
    counted = {lesson.pk for lesson in counted_lessons(lessons)}
    done_count = sum(1 for state in states if state.done and state.lesson.pk in counted)
    return CourseProgress(enrolment, states, done_count=done_count, total_count=len(counted))


def course_progress(
    enrolment: Enrolment, lessons: list[LessonPage] | None = None
) -> CourseProgress:
    """
    The progress of one enrolment through its course: two queries, or one when the caller
    passes the course's ``lessons`` (from ``lessons_of_course``).
    """
    course = enrolment.batch.course
    return build_progress(
        enrolment,
        lessons_of_course(course) if lessons is None else lessons,
        list(enrolment.lesson_progress.all()),
        sequential=course.sequential,
    )


@dataclass
class LedgerYear:
    year: int
    jp: Decimal
    courses: list[Enrolment] = field(default_factory=list)

    @property
    def percent_of_target(self) -> int:
        return min(100, round(100 * self.jp / YEARLY_JP_TARGET))

    @property
    def target_met(self) -> bool:
        return self.jp >= YEARLY_JP_TARGET


@dataclass
class Dashboard:
    """What "Pembelajaran Saya" shows to one participant."""

    in_progress: list[CourseProgress]
    pending: list[Enrolment]
    completed: list[Enrolment]
    this_year: LedgerYear
    past_years: list[LedgerYear]
    target: Decimal = YEARLY_JP_TARGET


def jp_ledger(completed: list[Enrolment], *, today=None) -> tuple[LedgerYear, list[LedgerYear]]:
    """JP earned per calendar year of completion (local time), this year first."""
    today = today or timezone.localdate()
    years: dict[int, LedgerYear] = {}
    for enrolment in completed:
        year = timezone.localtime(enrolment.completed_at).year
        entry = years.setdefault(year, LedgerYear(year, Decimal(0)))
        entry.jp += enrolment.batch.course.jp
        entry.courses.append(enrolment)
    this_year = years.pop(today.year, LedgerYear(today.year, Decimal(0)))
    past = sorted((entry for entry in years.values() if entry.year < today.year), key=_year_desc)
    return this_year, past


def _year_desc(entry: LedgerYear) -> int:
    return -entry.year


def progress_of_enrolments(enrolments: list[Enrolment]) -> dict[int, CourseProgress]:
    """
    The progress of several enrolments (with ``batch__course`` loaded), keyed by enrolment
    id: two queries whatever their number.
    """
    lessons = lessons_of_courses(enrolment.batch.course for enrolment in enrolments)
    records = defaultdict(list)
    for record in LessonProgress.objects.filter(enrolment__in=[e.pk for e in enrolments]):
        records[record.enrolment_id].append(record)
    return {
        enrolment.pk: build_progress(
            enrolment,
            lessons[enrolment.batch.course_id],
            records[enrolment.pk],
            sequential=enrolment.batch.course.sequential,
        )
        for enrolment in enrolments
    }


def participant_dashboard(user) -> Dashboard:
    """The dashboard of one participant, in a constant number of queries."""
    enrolments = list(
        Enrolment.objects.filter(participant=user, status__in=SEAT_HOLDING_STATUSES)
        .select_related("batch__course")
        .order_by("-enrolled_at")
    )
    active = [e for e in enrolments if e.status == EnrolmentStatus.ACTIVE]
    progress = progress_of_enrolments(active)
    in_progress = [progress[enrolment.pk] for enrolment in active]
    completed = sorted(
        (e for e in enrolments if e.status == EnrolmentStatus.COMPLETED),
        key=lambda e: e.completed_at,
        reverse=True,
    )
    this_year, past_years = jp_ledger(completed)
    return Dashboard(
        in_progress=in_progress,
        pending=[e for e in enrolments if e.status == EnrolmentStatus.PENDING],
        completed=completed,
        this_year=this_year,
        past_years=past_years,
    )


def localise_pages(pages, locale) -> dict:
    """Map translation keys to the live translation of each page in ``locale`` (one query)."""
    keys = {page.translation_key for page in pages if page is not None}
    if not keys:
        return {}
    return {
        page.translation_key: page
        for page in Page.objects.live().filter(translation_key__in=keys, locale=locale)
    }


@dataclass
class ParticipantRow:
    """A participant's row in a batch's progress table."""

    enrolment: Enrolment
    module_percents: list[int]
    percent: int
    attendance: int | None
    scorm_score: int | None = None


@dataclass
class BatchProgress:
    batch: Batch
    modules: list[ModulePage]
    rows: list[ParticipantRow]
    session_count: int

    @property
    def has_scorm_scores(self) -> bool:
        return any(row.scorm_score is not None for row in self.rows)


def batch_progress(batch: Batch) -> BatchProgress:
    """Participants × modules with the share of counted lessons done, and attendance."""
    course = batch.course
    modules = list(
        ModulePage.objects.live().child_of(course).order_by("path")
    )  # fmt: skip
    lessons = lessons_of_course(course)
    counted = counted_lessons(lessons)
    lessons_per_module = {
        module.pk: [lesson for lesson in counted if lesson.path.startswith(module.path)]
        for module in modules
    }
    enrolments = list(
        batch.enrolments.filter(status__in=(EnrolmentStatus.ACTIVE, EnrolmentStatus.COMPLETED))
        .select_related("participant__agency")
        .order_by("participant__full_name", "participant__username")
    )
    done = defaultdict(set)
    for enrolment_id, lesson_id in LessonProgress.objects.filter(
        enrolment__in=enrolments, completed_at__isnull=False
    ).values_list("enrolment_id", "lesson_id"):
        done[enrolment_id].add(lesson_id)
    session_count = batch.sessions.count()
    present = defaultdict(int)
    for row in (
        Attendance.objects.filter(session__batch=batch, status=AttendanceStatus.PRESENT)
        .values("enrolment_id")
        .annotate(count=Count("pk"))
    ):
        present[row["enrolment_id"]] = row["count"]
    scorm_scores = defaultdict(list)
    for record in ScormProgress.objects.filter(enrolment__in=enrolments):
        if record.score_percent is not None:
            scorm_scores[record.enrolment_id].append(record.score_percent)
    rows = []
    for enrolment in enrolments:
        percents = []
        for module in modules:
            module_lessons = lessons_per_module[module.pk]
            finished = sum(1 for lesson in module_lessons if lesson.pk in done[enrolment.pk])
            percents.append(round(100 * finished / len(module_lessons)) if module_lessons else 0)
        finished = sum(1 for lesson in counted if lesson.pk in done[enrolment.pk])
        rows.append(
            ParticipantRow(
                enrolment=enrolment,
                module_percents=percents,
                percent=round(100 * finished / len(counted)) if counted else 0,
                attendance=(
                    round(100 * present[enrolment.pk] / session_count) if session_count else None
                ),
                # The mean score the SCORM packages of the course reported, if any did.
                scorm_score=(
                    round(sum(scorm_scores[enrolment.pk]) / len(scorm_scores[enrolment.pk]))
                    if scorm_scores[enrolment.pk]
                    else None
                ),
            )
        )
    return BatchProgress(batch=batch, modules=modules, rows=rows, session_count=session_count)


def course_and_enrolment_for_request(
    request, page: Page
) -> tuple[CoursePage | None, Enrolment | None]:
    """
    The course of a page and the signed-in participant's enrolment in it, looked up once per
    request: the lesson-opened hook and the page's fragments share the answer.
    """
    memo = request.__dict__.setdefault("_training_course_and_enrolment", {})
    if page.pk not in memo:
        if isinstance(page, CoursePage):
            course = page
        else:
            course = cached_content(f"course-of:{page.pk}", lambda: course_of_page(page))
        enrolment = current_enrolment(request.user, course) if course else None
        memo[page.pk] = (course, enrolment)
    return memo[page.pk]


def statements_of(participant):
    """A participant's own xAPI statements, newest first."""
    return XapiStatement.objects.filter(participant=participant).only(
        "pk", "verb", "object_id", "statement", "timestamp", "sent_at", "participant_id"
    )


def upcoming_sessions(user, *, now=None, limit: int = 20) -> list[BatchSession]:
    """
    The sessions still to come (or under way) of the batches a participant takes part in,
    soonest first, with their batch and course: one query.
    """
    now = now or timezone.now()
    return list(
        BatchSession.objects.filter(
            batch__enrolments__participant=user,
            batch__enrolments__status=EnrolmentStatus.ACTIVE,
            ends_at__gte=now,
        )
        .exclude(batch__status=BatchStatus.CANCELLED)
        .select_related("batch__course")
        .order_by("starts_at", "pk")[:limit]
    )


def batch_schedule(batch: Batch) -> list[BatchSession]:
    """Every session of a batch in time order: one query."""
    return list(batch.sessions.order_by("starts_at", "pk"))


def calendar_sessions(user, *, now=None, days_back: int = 365) -> list[BatchSession]:
    """
    The sessions of a participant's calendar feed: those of their active and completed
    batches from a year back on, with batch and course (one query).
    """
    now = now or timezone.now()
    return list(
        BatchSession.objects.filter(
            batch__enrolments__participant=user,
            batch__enrolments__status__in=SCHEDULE_STATUSES,
            ends_at__gte=now - datetime.timedelta(days=days_back),
        )
        .exclude(batch__status=BatchStatus.CANCELLED)
        .select_related("batch__course")
        .order_by("starts_at", "pk")
    )
