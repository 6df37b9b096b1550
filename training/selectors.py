"""
Reads of course content that pages and views share, each in a fixed number of queries.

``course_outline`` is the syllabus of a course (modules with their lessons) used by the
course, module and lesson pages and by the participant's progress views.
"""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Q
from taggit.models import Tag

from .models import CourseIndexPage, CoursePage, CourseTag, LessonPage, ModulePage


def course_outline(course: CoursePage) -> list[ModulePage]:
    """
    The live modules of ``course`` in tree order, each with ``lessons``: its live lessons.

    Two queries whatever the size of the course; the pages are specific (``ModulePage``,
    ``LessonPage``) and lesson bodies are not loaded.
    """
    modules = list(ModulePage.objects.child_of(course).live().order_by("path"))
    by_path = {module.path: module for module in modules}
    for module in modules:
        module.lessons = []
    lessons = (
        LessonPage.objects.descendant_of(course)
        .live()
        .filter(depth=course.depth + 2)
        .defer_streamfields()
        .order_by("path")
    )
    step = len(course.path) + ModulePage.steplen
    for lesson in lessons:
        module = by_path.get(lesson.path[:step])
        if module is not None:
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
