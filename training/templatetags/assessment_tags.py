"""Template tags of assessments: what the course page shows of its quizzes and evaluation."""

from django import template
from django.urls import reverse

from training.course_flow import LockReason, course_flow, course_flow_for_request
from training.models import Enrolment, EvaluationForm, Quiz, QuizKind
from training.selectors import course_and_enrolment_for_request
from training.services.assessment import TAKING_STATUSES
from training.translations import translate_record, translate_records

register = template.Library()

_KIND_ORDER = {QuizKind.PRE_TEST: 0, QuizKind.MODULE: 1, QuizKind.POST_TEST: 2}


def _taking_enrolment(request, course):
    """The participant's latest enrolment in the course that may take its quizzes, if any."""
    if not request.user.is_authenticated:
        return None, False
    # The page's enrolment fragment has looked up the participant's latest seat-holding
    # enrolment already; taking statuses are a subset of those, so when that one is taking
    # it is the latest taking one too, and with none there is none to take.
    _course, seat = course_and_enrolment_for_request(request, course)
    if seat is not None and seat.status in TAKING_STATUSES:
        return seat, True
    if seat is None:
        return None, False
    enrolment = (
        Enrolment.objects.filter(
            participant=request.user,
            batch__course__translation_key=course.translation_key,
            status__in=TAKING_STATUSES,
        )
        .select_related("batch__course")
        .order_by("-enrolled_at")
        .first()
    )
    return enrolment, False


@register.simple_tag(takes_context=True)
def course_assessments(context, course):
    """
    The course's pre-test, module quizzes, post-test and evaluation with the signed-in
    participant's status, best score and what ``training.course_flow`` locks: read from the
    course's flow (shared with the page's other fragments), in a fixed number of queries
    whatever the number of quizzes (two more on a page in another language than Indonesian,
    for the translated texts).

    Works from any translation of the course: quizzes belong to the course's translation key.
    """
    request = context["request"]
    enrolment, is_seat = _taking_enrolment(request, course)
    if enrolment is not None:
        flow = course_flow_for_request(request, course) if is_seat else course_flow(enrolment)
        # The flow's rows are the Indonesian source rows: the page's language laid over them.
        translate_records([record.quiz for record in flow.quizzes] + [flow.evaluation])
        items = []
        for record in flow.quizzes:
            lock = flow.quiz_lock(record.quiz)
            items.append(
                {
                    "quiz": record.quiz,
                    "url": reverse("assessments:quiz", args=[record.quiz.pk]),
                    "attempts": record.attempts,
                    "best": record.best,
                    "passed": record.passed,
                    "in_progress": record.in_progress,
                    "lock": lock,
                    "lock_message": LockReason.message(lock),
                }
            )
        evaluation = None
        if flow.evaluation is not None:
            lock = flow.evaluation_lock()
            evaluation = {
                "form": flow.evaluation,
                "url": reverse("assessments:evaluation", args=[flow.evaluation.course_id]),
                "done": flow.evaluation_done,
                "lock": lock,
                "lock_message": LockReason.message(lock),
            }
        return {"enrolment": enrolment, "quizzes": items, "evaluation": evaluation}

    quizzes = sorted(
        translate_records(
            Quiz.objects.filter(course__translation_key=course.translation_key).select_related(
                "module"
            )
        ),
        key=lambda q: (_KIND_ORDER[q.kind], q.module.path if q.module else "", q.title),
    )
    form = EvaluationForm.objects.filter(course__translation_key=course.translation_key).first()
    return {
        "enrolment": None,
        "quizzes": [
            {"quiz": quiz, "url": reverse("assessments:quiz", args=[quiz.pk])} for quiz in quizzes
        ],
        "evaluation": (
            {
                "form": translate_record(form),
                "url": reverse("assessments:evaluation", args=[form.course_id]),
            }
            if form
            else None
        ),
    }
