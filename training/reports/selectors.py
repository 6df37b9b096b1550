"""
Report querysets of the training app, aggregated in the database.

Every function takes the batches a user may see (``permissions.batches_visible_to``) as its
scope, so a trainer's report holds their own courses only. Per-row figures are correlated
subqueries, evaluated by the database for the rows of one page only; no function issues a
query per row.
"""

import datetime
from dataclasses import dataclass

from django.db.models import (
    Avg,
    Case,
    Count,
    DecimalField,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from training.evaluation_results import MINIMUM_RESPONSES
from training.models import (
    Attempt,
    AttemptStatus,
    BatchStatus,
    Enrolment,
    EnrolmentStatus,
    EvaluationItemKind,
    LessonPage,
    LessonProgress,
    QuizKind,
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
    Enrolments of ``batches`` with lessons done, lessons counted, progress % and last
    activity. Counted lessons are the course's required lessons, or all when none is
    required (as ``selectors.counted_lessons``).
    """
    course_path = OuterRef("batch__course__path")
    lessons = LessonPage.objects.filter(path__startswith=course_path)
    required_total = count_of(lessons.filter(is_required=True))
    all_total = count_of(lessons)
    done = LessonProgress.objects.filter(enrolment=OuterRef("pk"), completed_at__isnull=False)
    return (
        Enrolment.objects.filter(batch__in=batches)
        .select_related("participant__agency", "batch__course")
        .annotate(
            required_total=required_total,
            all_total=all_total,
            required_done=count_of(done.filter(lesson__is_required=True)),
            all_done=count_of(done),
            last_activity=Subquery(
                LessonProgress.objects.filter(enrolment=OuterRef("pk"))
                .order_by("-last_opened_at")
                .values("last_opened_at")[:1]
            ),
        )
        .annotate(
            lessons_counted=Case(
                When(required_total__gt=0, then=F("required_total")), default=F("all_total")
            ),
            lessons_done=Case(
                When(required_total__gt=0, then=F("required_done")), default=F("all_done")
            ),
        )
    )


def progress_percent(enrolment) -> int:
    if not enrolment.lessons_counted:
        return 0
    return round(100 * enrolment.lessons_done / enrolment.lessons_counted)


# --- 2. Assessment results ------------------------------------------------------------------


def _graded(kind, enrolment=None):
    return Attempt.objects.filter(
        enrolment=enrolment if enrolment is not None else OuterRef("pk"),
        quiz__kind=kind,
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


def batch_assessment_results(batches):
    """
    Batches with participants, average pre-test and post-test, post-tests passed, and the
    averages over the participants who sat both (for the batch's normalised gain).
    """
    per_enrolment = (
        Enrolment.objects.filter(batch=OuterRef("pk"))
        .annotate(pre=_first_pre(), post=_best_post(), passed=_best_post("passed"))
        .order_by()
        .values("batch")
    )
    paired = per_enrolment.filter(pre__isnull=False, post__isnull=False)

    def aggregate(queryset, expression, output_field=PERCENT_FIELD):
        return Subquery(queryset.annotate(value=expression).values("value")[:1],
                        output_field=output_field)  # fmt: skip

    return batches.select_related("course").annotate(
        participants=count_of(
            Enrolment.objects.filter(batch=OuterRef("pk")).exclude(
                status__in=[EnrolmentStatus.PENDING, EnrolmentStatus.REJECTED]
            )
        ),
        average_pre=aggregate(per_enrolment, Avg("pre")),
        average_post=aggregate(per_enrolment, Avg("post")),
        post_takers=aggregate(per_enrolment, Count("post"), IntegerField()),
        passed_count=aggregate(per_enrolment, Count("pk", filter=Q(passed=True)), IntegerField()),
        paired_pre=aggregate(paired, Avg("pre")),
        paired_post=aggregate(paired, Avg("post")),
    )


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
    """Average pre-test (first) and post-test (best) score per course, batches of ``year``."""
    per_enrolment = Enrolment.objects.filter(
        batch__in=batches, batch__starts_on__year=year
    ).annotate(pre=_first_pre(), post=_best_post())
    return list(
        per_enrolment.filter(Q(pre__isnull=False) | Q(post__isnull=False))
        .values("batch__course_id", "batch__course__code", "batch__course__title")
        .annotate(average_pre=Avg("pre"), average_post=Avg("post"), taken=Count("pk"))
        .order_by("-taken", "batch__course__code")[:limit]
    )
