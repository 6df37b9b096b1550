"""Template tags of assessments: what the course page shows of its quizzes and evaluation."""

from django import template
from django.db.models import Count, Max, Q
from django.urls import reverse

from training.course_flow import LockReason, course_flow_for_request
from training.models import (
    Attempt,
    AttemptStatus,
    Enrolment,
    EvaluationForm,
    EvaluationResponse,
    Quiz,
    QuizKind,
)
from training.selectors import course_and_enrolment_for_request
from training.services.assessment import TAKING_STATUSES

register = template.Library()

_KIND_ORDER = {QuizKind.PRE_TEST: 0, QuizKind.MODULE: 1, QuizKind.POST_TEST: 2}


@register.simple_tag(takes_context=True)
def course_assessments(context, course):
    """
    The course's pre-test, module quizzes, post-test and evaluation with the signed-in
    participant's status and best score, in five queries whatever the number of quizzes,
    and what ``training.course_flow`` locks.

    Works from any translation of the course: quizzes belong to the course's translation key.
    """
    user = context["request"].user
    quizzes = sorted(
        Quiz.objects.filter(course__translation_key=course.translation_key).select_related(
            "module"
        ),
        key=lambda q: (_KIND_ORDER[q.kind], q.module.path if q.module else "", q.title),
    )
    enrolment = None
    if user.is_authenticated:
        # The page's enrolment fragment has looked up the participant's latest seat-holding
        # enrolment already; taking statuses are a subset of those, so when that one is
        # taking it is the latest taking one too, and with none there is none to take.
        _course, seat = course_and_enrolment_for_request(context["request"], course)
        if seat is not None and seat.status in TAKING_STATUSES:
            enrolment = seat
        elif seat is not None:
            enrolment = (
                Enrolment.objects.filter(
                    participant=user,
                    batch__course__translation_key=course.translation_key,
                    status__in=TAKING_STATUSES,
                )
                .order_by("-enrolled_at")
                .first()
            )
    stats = {}
    if enrolment and quizzes:
        for row in (
            Attempt.objects.filter(enrolment=enrolment)
            .values("quiz_id")
            .annotate(
                best=Max("percentage"),
                attempts=Count("pk"),
                passed=Count("pk", filter=Q(passed=True)),
            )
        ):
            stats[row["quiz_id"]] = row
        open_ids = set(
            Attempt.objects.filter(
                enrolment=enrolment, status=AttemptStatus.IN_PROGRESS
            ).values_list("quiz_id", flat=True)
        )
    else:
        open_ids = set()
    flow = course_flow_for_request(context["request"], course) if enrolment else None
    items = []
    for quiz in quizzes:
        lock = flow.quiz_lock(quiz) if flow else None
        row = stats.get(quiz.pk, {})
        items.append(
            {
                "quiz": quiz,
                "url": reverse("assessments:quiz", args=[quiz.pk]),
                "attempts": row.get("attempts", 0),
                "best": row.get("best"),
                "passed": bool(row.get("passed")),
                "in_progress": quiz.pk in open_ids,
                "lock": lock,
                "lock_message": LockReason.message(lock),
            }
        )
    form = EvaluationForm.objects.filter(course__translation_key=course.translation_key).first()
    evaluation = None
    if form:
        evaluation = {
            "form": form,
            "url": reverse("assessments:evaluation", args=[form.course_id]),
            "done": bool(enrolment)
            and EvaluationResponse.objects.filter(enrolment=enrolment).exists(),
        }
        lock = flow.evaluation_lock() if flow else None
        evaluation.update(lock=lock, lock_message=LockReason.message(lock))
    return {"enrolment": enrolment, "quizzes": items, "evaluation": evaluation}
