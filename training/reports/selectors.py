"""
Report querysets of the training app, aggregated in the database.

Every function takes the batches a user may see (``permissions.batches_visible_to``) as its
scope, so a trainer's report holds their own courses only. Per-row figures are correlated
subqueries, evaluated by the database for the rows of one page only; no function issues a
query per row.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import (
    Avg,
    Count,
    DecimalField,
    F,
    Func,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone

from training.evaluation_results import MINIMUM_RESPONSES
from training.learning_gain import average
from training.models import (
    Attempt,
    AttemptStatus,
    BatchStatus,
    Enrolment,
    EnrolmentStatus,
    EvaluationItemKind,
    LessonPage,
    LessonProgress,
    Quiz,
    QuizKind,
    XapiStatement,
)

JP_FIELD = DecimalField(max_digits=8, decimal_places=1)
PERCENT_FIELD = DecimalField(max_digits=5, decimal_places=2)


def year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    """The first moment of ``year`` and of the next one, in the site's time zone."""
    zone = timezone.get_current_timezone()
    return (
        datetime.datetime(year, 1, 1, tzinfo=zone),
        datetime.datetime(year + 1, 1, 1, tzinfo=zone),
    )


def completed_in(year: int, prefix: str = "") -> Q:
    """Completed enrolments whose completion falls in ``year`` (local time)."""
    start, end = year_bounds(year)
    return Q(
        **{
            f"{prefix}status": EnrolmentStatus.COMPLETED,
            f"{prefix}completed_at__gte": start,
            f"{prefix}completed_at__lt": end,
        }
    )


def count_of(queryset):
    """``SELECT COUNT(*)`` of a correlated queryset, as an expression (0 when empty)."""
    return Coalesce(
        Subquery(
            queryset.order_by()
            .annotate(count=Func(F("pk"), function="COUNT", output_field=IntegerField()))
            .values("count")[:1]
        ),
        0,
    )


# --- 1. Enrolments and progress -----------------------------------------------------------


def enrolment_progress(batches):
    """
    Enrolments of ``batches`` with their participant and course; ``decorate_progress`` adds
    the figures of the rows shown, so that sorting and counting the whole year's enrolments
    never computes them.
    """
    return Enrolment.objects.filter(batch__in=batches).select_related(
        "participant__agency", "batch__course"
    )


def lesson_totals(courses) -> dict[int, tuple[int, int]]:
    """
    ``{course id: (required lessons, all lessons)}`` of some courses, in one query: the
    lessons under each course's tree path, found through the path index (a prefix known in
    advance; a correlated ``LIKE`` per row would read every page).
    """
    paths = {course.pk: course.path for course in courses}
    if not paths:
        return {}
    prefixes = Q()
    for path in set(paths.values()):
        prefixes |= Q(path__startswith=path)
    lessons = list(LessonPage.objects.filter(prefixes).values_list("path", "is_required"))
    totals = {}
    for course_id, course_path in paths.items():
        own = [required for path, required in lessons if path.startswith(course_path)]
        totals[course_id] = (sum(own), len(own))
    return totals


def decorate_progress(enrolments):
    """
    Give each enrolment ``lessons_done``, ``lessons_counted`` and ``last_activity`` in two
    queries for any number of rows. Counted lessons are the course's required lessons, or
    all when none is required (as ``selectors.counted_lessons``).
    """
    totals = lesson_totals({enrolment.batch.course for enrolment in enrolments})
    done = Q(completed_at__isnull=False)
    progress = {
        row["enrolment_id"]: row
        for row in LessonProgress.objects.filter(enrolment__in=[e.pk for e in enrolments])
        .order_by()
        .values("enrolment_id")
        .annotate(
            all_done=Count("pk", filter=done),
            required_done=Count("pk", filter=done & Q(lesson__is_required=True)),
            last_activity=Max("last_opened_at"),
        )
    }
    for enrolment in enrolments:
        required_total, all_total = totals.get(enrolment.batch.course_id, (0, 0))
        figures = progress.get(enrolment.pk, {})
        if required_total:
            enrolment.lessons_counted = required_total
            enrolment.lessons_done = figures.get("required_done", 0)
        else:
            enrolment.lessons_counted = all_total
            enrolment.lessons_done = figures.get("all_done", 0)
        enrolment.last_activity = figures.get("last_activity")
    return enrolments


def progress_percent(enrolment) -> int:
    if not enrolment.lessons_counted:
        return 0
    return round(100 * enrolment.lessons_done / enrolment.lessons_counted)


# --- 2. Assessment results ------------------------------------------------------------------


def _graded(kind, enrolment=None):
    """
    Graded attempts of the enrolment's pre-test or post-test. The quiz is named by id (a
    course has one of each kind), so the lookup is a walk of the attempt's unique index
    ``(enrolment, quiz, number)`` instead of a join with every quiz for each row.
    """
    quiz = Quiz.objects.filter(course_id=OuterRef(OuterRef("batch__course_id")), kind=kind)
    return Attempt.objects.filter(
        enrolment=enrolment if enrolment is not None else OuterRef("pk"),
        quiz_id=Subquery(quiz.values("pk")[:1]),
        status=AttemptStatus.GRADED,
    )


def _first_pre(enrolment=None):
    return Subquery(
        _graded(QuizKind.PRE_TEST, enrolment).order_by("number").values("percentage")[:1]
    )


def _best_post(field="percentage", enrolment=None):
    return Subquery(
        _graded(QuizKind.POST_TEST, enrolment).order_by("-percentage", "number").values(field)[:1]
    )


def assessment_results(batches):
    """
    Enrolments with the first graded pre-test, the best graded post-test and whether it
    passed (the attempts that count, as in ``learning_gain``), and their graded attempts.
    """
    return (
        Enrolment.objects.filter(batch__in=batches)
        .exclude(status__in=[EnrolmentStatus.PENDING, EnrolmentStatus.REJECTED])
        .select_related("participant__agency", "batch__course")
        .annotate(
            pre_score=_first_pre(),
            post_score=_best_post(),
            post_passed=_best_post("passed"),
            graded_attempts=count_of(
                Attempt.objects.filter(enrolment=OuterRef("pk"), status=AttemptStatus.GRADED)
            ),
        )
    )


def counted_attempts(kind, enrolments):
    """
    The attempt that counts per enrolment, chosen by the database with a window function:
    the first graded pre-test, or the best graded post-test (as in ``learning_gain``).
    """
    order = (
        [F("number").asc()]
        if kind == QuizKind.PRE_TEST
        else [F("percentage").desc(), F("number").asc()]
    )
    return (
        Attempt.objects.filter(
            enrolment__in=enrolments, quiz__kind=kind, status=AttemptStatus.GRADED
        )
        .annotate(rank=Window(RowNumber(), partition_by=F("enrolment_id"), order_by=order))
        .filter(rank=1)
    )


def batch_assessment_results(batches):
    """Batches with their participants; ``batch_scores`` adds the scores of one page."""
    return batches.select_related("course").annotate(
        participants=count_of(
            Enrolment.objects.filter(batch=OuterRef("pk")).exclude(
                status__in=[EnrolmentStatus.PENDING, EnrolmentStatus.REJECTED]
            )
        )
    )


@dataclass
class BatchScores:
    pre: dict = field(default_factory=dict)
    post: dict = field(default_factory=dict)
    passed: set = field(default_factory=set)


def batch_scores(batch_ids) -> dict:
    """The counted pre-test and post-test per enrolment of some batches, in two queries."""
    enrolments = Enrolment.objects.filter(batch_id__in=batch_ids)
    scores = {}
    for kind in (QuizKind.PRE_TEST, QuizKind.POST_TEST):
        rows = counted_attempts(kind, enrolments).values_list(
            "enrolment__batch_id", "enrolment_id", "percentage", "passed"
        )
        for batch_id, enrolment_id, percentage, passed in rows:
            entry = scores.setdefault(batch_id, BatchScores())
            if kind == QuizKind.PRE_TEST:
                entry.pre[enrolment_id] = percentage
            else:
                entry.post[enrolment_id] = percentage
                if passed:
                    entry.passed.add(enrolment_id)
    return scores


# --- 4. Evaluation results ------------------------------------------------------------------


def evaluation_summary(answers, *, batches, trainer=None):
    """
    Average rating and count per course, batch, item and trainer, as dictionaries; groups
    with fewer than ``MINIMUM_RESPONSES`` ratings are left out, so no one participant's
    rating can be read off. A trainer sees the general items and their own ratings only.
    """
    answers = answers.filter(response__enrolment__batch__in=batches, rating__isnull=False)
    if trainer is not None:
        answers = answers.filter(~Q(item__kind=EvaluationItemKind.TRAINER) | Q(trainer=trainer))
    return (
        answers.values(
            "response__enrolment__batch__course__title",
            "response__enrolment__batch__course_id",
            "response__enrolment__batch__name",
            "response__enrolment__batch_id",
            "item__text",
            "item__sort_order",
            "trainer_id",
            "trainer__full_name",
        )
        .annotate(ratings=Count("pk"), average=Avg("rating"))
        .filter(ratings__gte=MINIMUM_RESPONSES)
        .order_by(
            "response__enrolment__batch__course__title",
            "response__enrolment__batch__name",
            "item__sort_order",
            "trainer__full_name",
        )
    )


# --- 5. Learning records (xAPI) ------------------------------------------------------------


def xapi_statements(batches, *, everything: bool = False):
    """
    The xAPI statements made in enrolments of ``batches``, with their participant and
    course; ``everything`` (administrators) adds those whose enrolment was deleted since.
    """
    statements = XapiStatement.objects.select_related("participant", "enrolment__batch__course")
    if everything:
        return statements
    return statements.filter(enrolment__batch__in=batches)


# --- Dashboard ------------------------------------------------------------------------------


@dataclass
class DashboardFigures:
    year: int
    active_batches: int
    participants: int
    completions: int
    jp: object


def dashboard_figures(batches, year: int) -> DashboardFigures:
    """The year's headline figures in two queries."""
    active = batches.filter(status__in=[BatchStatus.OPEN, BatchStatus.RUNNING]).count()
    enrolments = Enrolment.objects.filter(batch__in=batches)
    totals = enrolments.aggregate(
        participants=Count(
            "participant",
            distinct=True,
            filter=Q(batch__starts_on__year=year) | completed_in(year),
        ),
        completions=Count("pk", filter=completed_in(year)),
        jp=Sum("batch__course__jp", filter=completed_in(year)),
    )
    return DashboardFigures(
        year=year,
        active_batches=active,
        participants=totals["participants"],
        completions=totals["completions"],
        jp=totals["jp"] or 0,
    )


def completion_by_course(batches, year: int, limit: int = 8):
    """Courses with the most enrolments in batches of ``year``: enrolled and completed."""
    return list(
        Enrolment.objects.filter(batch__in=batches, batch__starts_on__year=year)
        .exclude(status__in=[EnrolmentStatus.PENDING, EnrolmentStatus.REJECTED])
        .values("batch__course_id", "batch__course__code", "batch__course__title")
        .annotate(
            enrolled=Count("pk"),
            completed=Count("pk", filter=Q(status=EnrolmentStatus.COMPLETED)),
        )
        .order_by("-enrolled", "batch__course__code")[:limit]
    )


def jp_by_agency(batches, year: int, limit: int = 10):
    """Agencies by JP completed in ``year``, with their participants' count."""
    return list(
        Enrolment.objects.filter(completed_in(year), batch__in=batches)
        .values("participant__agency_id", "participant__agency__name")
        .annotate(
            jp=Coalesce(Sum("batch__course__jp"), Value(0), output_field=JP_FIELD),
            participants=Count("participant", distinct=True),
        )
        .order_by("-jp", "participant__agency__name")[:limit]
    )


def pre_post_by_course(batches, year: int, limit: int = 8):
    """
    Average counted pre-test and post-test score of the courses with the most graded
    attempts in batches of ``year``, in three queries whatever ``limit``: the courses, then
    the counted attempt of each of their enrolments per kind (chosen by the database),
    averaged here.
    """
    enrolments = Enrolment.objects.filter(batch__in=batches, batch__starts_on__year=year)
    courses = list(
        Attempt.objects.filter(enrolment__in=enrolments, status=AttemptStatus.GRADED)
        .values("enrolment__batch__course_id", "enrolment__batch__course__code",
                "enrolment__batch__course__title")
        .annotate(taken=Count("enrolment", distinct=True))
        .order_by("-taken", "enrolment__batch__course__code")[:limit]
    )  # fmt: skip
    of_courses = enrolments.filter(
        batch__course_id__in=[course["enrolment__batch__course_id"] for course in courses]
    )
    scores = {}
    for kind in (QuizKind.PRE_TEST, QuizKind.POST_TEST):
        counted = counted_attempts(kind, of_courses).values_list(
            "enrolment__batch__course_id", "percentage"
        )
        for course_id, percentage in counted:
            scores.setdefault((course_id, kind), []).append(percentage)
    return [
        {
            "batch__course__code": course["enrolment__batch__course__code"],
            "batch__course__title": course["enrolment__batch__course__title"],
            "average_pre": average(scores.get((course_id, QuizKind.PRE_TEST), [])),
            "average_post": average(scores.get((course_id, QuizKind.POST_TEST), [])),
        }
        for course in courses
        for course_id in [course["enrolment__batch__course_id"]]
    ]
