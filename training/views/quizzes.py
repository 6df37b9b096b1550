"""
Taking a quiz: the quiz's page, start, the attempt form, saving as one goes, submit, review.

The attempt form posts its answers on final submit and works without JavaScript; with it,
``static/js/quiz.js`` saves each answer to ``attempt_save`` and shows the time left. Nothing
sent before submission says which answer is correct: templates receive ``public_questions``.
"""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from training.course_flow import LockReason, enrolment_flow
from training.models import Attempt, AttemptStatus, Enrolment, Quiz
from training.permissions import can_see_correct_answers, can_view_attempt, can_view_quiz
from training.services import (
    AttemptClosed,
    close_attempt_if_expired,
    save_answers,
    start_attempt,
    submit_attempt,
)
from training.services.assessment import TAKING_STATUSES
from training.translations import (
    localized_pages,
    translate_record,
    translate_snapshot_questions,
)


def enrolment_for(user, course_id):
    """The participant's current enrolment in a course, or None."""
    return (
        Enrolment.objects.filter(
            participant=user, batch__course_id=course_id, status__in=TAKING_STATUSES
        )
        .select_related("batch__course")
        .order_by("-enrolled_at")
        .first()
    )


def public_questions(attempt, answers=None):
    """
    The attempt's questions as the participant may see them before grading: text, points,
    choices in the order given, and their own saved responses; no correctness of any kind.
    """
    answers = answers or {}
    questions = []
    snapshot_questions = translate_snapshot_questions(attempt.snapshot.get("questions", []))
    for number, question in enumerate(snapshot_questions, start=1):
        response = answers.get(question["id"])
        selected = set(response) if isinstance(response, list) else set()
        questions.append(
            {
                "id": question["id"],
                "number": number,
                "kind": question["kind"],
                "text": question["text"],
                "points": question["points"],
                "choices": [
                    {"id": c["id"], "text": c["text"], "selected": c["id"] in selected}
                    for c in question.get("choices", [])
                ],
                "response": response,
            }
        )
    return questions


def _own_attempt(request, quiz_id, attempt_id):
    attempt = get_object_or_404(
        Attempt.objects.select_related("quiz", "enrolment__batch"), pk=attempt_id, quiz_id=quiz_id
    )
    if not can_view_attempt(request.user, attempt):
        raise Http404
    return close_attempt_if_expired(attempt=attempt)


def _responses_from_post(post, attempt):
    responses = {}
    for question in attempt.snapshot.get("questions", []):
        key = f"q-{question['id']}"
        values = post.getlist(key)
        if key in post or question["kind"] == "multiple":
            responses[question["id"]] = values if question["kind"] == "multiple" else (
                values[0] if values else ""
            )  # fmt: skip
    return responses


@login_required
def quiz_detail(request, quiz_id):
    """The quiz's introduction, its settings and the participant's attempts so far."""
    quiz = get_object_or_404(Quiz.objects.select_related("course", "module"), pk=quiz_id)
    if not can_view_quiz(request.user, quiz):
        raise Http404
    question_count = quiz.questions_to_draw or quiz.questions.count()
    translate_record(quiz)
    course, module = localized_pages(quiz.course, quiz.module)
    enrolment = enrolment_for(request.user, quiz.course_id)
    attempts = (
        list(Attempt.objects.filter(enrolment=enrolment, quiz=quiz).order_by("number"))
        if enrolment
        else []
    )
    open_attempt = next((a for a in attempts if a.is_open), None)
    if open_attempt:
        open_attempt = close_attempt_if_expired(attempt=open_attempt)
        if not open_attempt.is_open:
            open_attempt = None
    attempts_left = (
        None if quiz.attempt_limit is None else max(0, quiz.attempt_limit - len(attempts))
    )
    flow = enrolment_flow(enrolment) if enrolment else None
    lock = flow.quiz_lock(quiz) if flow else None
    return render(
        request,
        "training/quiz.html",
        {
            "quiz": quiz,
            "course": course,
            "module": module,
            "enrolment": enrolment,
            "attempts": attempts,
            "open_attempt": open_attempt,
            "attempts_left": attempts_left,
            "question_count": question_count,
            "lock": lock,
            "lock_message": LockReason.message(lock),
            "next_step": flow.next_step if lock else None,
        },
    )


@login_required
@require_POST
def quiz_start(request, quiz_id):
    """Start (or resume) an attempt and go to its form."""
    quiz = get_object_or_404(Quiz, pk=quiz_id)
    enrolment = enrolment_for(request.user, quiz.course_id)
    if enrolment is None:
        raise Http404
    try:
        attempt = start_attempt(enrolment=enrolment, quiz=quiz)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return redirect("assessments:quiz", quiz_id=quiz.pk)
    return redirect("assessments:attempt", quiz_id=quiz.pk, attempt_id=attempt.pk)


@login_required
def attempt_take(request, quiz_id, attempt_id):
    """
    The attempt's form; a POST saves (``save``) or submits and grades (default). A submit
    with questions left unanswered saves the answers and asks for confirmation first; the
    confirmation posts ``confirm`` and grades.
    """
    attempt = _own_attempt(request, quiz_id, attempt_id)
    if not attempt.is_open:
        if request.method == "POST":
            messages.warning(request, _("This attempt was already submitted; it was graded once."))
        return redirect("assessments:review", quiz_id=quiz_id, attempt_id=attempt.pk)
    if request.method == "POST":
        responses = _responses_from_post(request.POST, attempt)
        if "save" in request.POST:
            try:
                save_answers(attempt=attempt, responses=responses)
            except AttemptClosed as error:
                messages.warning(request, error.messages[0])
                return redirect("assessments:review", quiz_id=quiz_id, attempt_id=attempt.pk)
            messages.success(request, _("Your answers have been saved."))
            return redirect("assessments:attempt", quiz_id=quiz_id, attempt_id=attempt.pk)
        if "confirm" not in request.POST:
            # Questions left unanswered: keep every answer and ask once more before grading.
            try:
                save_answers(attempt=attempt, responses=responses)
            except AttemptClosed as error:
                messages.warning(request, error.messages[0])
                return redirect("assessments:review", quiz_id=quiz_id, attempt_id=attempt.pk)
            answers = _saved_answers(attempt)
            questions = public_questions(attempt, answers)
            unanswered = [q for q in questions if not _is_answered(q["response"])]
            if unanswered:
                return _render_attempt(request, attempt, answers, questions, unanswered)
        attempt = submit_attempt(attempt=attempt, responses=responses)
        if attempt.closed_at_deadline:
            messages.warning(
                request, _("Time was up: only the answers saved before the deadline count.")
            )
        else:
            messages.success(request, _("Your answers have been submitted."))
        return redirect("assessments:review", quiz_id=quiz_id, attempt_id=attempt.pk)
    answers = _saved_answers(attempt)
    return _render_attempt(request, attempt, answers, public_questions(attempt, answers))


def _is_answered(response) -> bool:
    return response not in (None, "", [])


def _saved_answers(attempt) -> dict:
    return dict(attempt.answers.values_list("question_ref", "response"))


def _render_attempt(request, attempt, answers, questions, unanswered=None):
    """
    The attempt's form; with ``unanswered`` (a submit that left questions open) it starts
    with the confirmation: how many are open, links to them, and "submit anyway".
    """
    seconds_left = attempt.seconds_left()
    return render(
        request,
        "training/attempt.html",
        {
            "quiz": translate_record(attempt.quiz),
            "attempt": attempt,
            "questions": questions,
            "answered": sum(1 for v in answers.values() if _is_answered(v)),
            "unanswered": unanswered or [],
            "confirming": bool(unanswered),
            "seconds_left": seconds_left,
            "minutes_left": None if seconds_left is None else -(-seconds_left // 60),
        },
    )


@login_required
@require_POST
def attempt_save(request, quiz_id, attempt_id):
    """
    Save answers sent as JSON ``{"answers": {question id: response}}``; answers with the
    time left, or 409 once the attempt is closed. Never returns grading information.
    """
    attempt = _own_attempt(request, quiz_id, attempt_id)
    try:
        payload = json.loads(request.body or b"{}")
        responses = payload.get("answers", {})
        if not isinstance(responses, dict):
            raise ValueError
    except ValueError:
        return JsonResponse({"error": _("The answers could not be read.")}, status=400)
    if not attempt.is_open:
        return JsonResponse({"closed": True, "message": _("This attempt is closed.")}, status=409)
    try:
        attempt = save_answers(attempt=attempt, responses=responses)
    except AttemptClosed as error:
        return JsonResponse({"closed": True, "message": error.messages[0]}, status=409)
    return JsonResponse({"saved": len(responses), "seconds_left": attempt.seconds_left()})


@login_required
def attempt_review(request, quiz_id, attempt_id):
    """The result of a submitted attempt, with the correct answers when the quiz allows it."""
    attempt = _own_attempt(request, quiz_id, attempt_id)
    if attempt.is_open:
        return redirect("assessments:attempt", quiz_id=quiz_id, attempt_id=attempt.pk)
    show_answers = can_see_correct_answers(attempt)
    answers = {a.question_ref: a for a in attempt.answers.all()}
    rows = []
    snapshot_questions = translate_snapshot_questions(attempt.snapshot.get("questions", []))
    for number, question in enumerate(snapshot_questions, start=1):
        answer = answers.get(question["id"])
        response = answer.response if answer else None
        selected = set(response) if isinstance(response, list) else set()
        rows.append(
            {
                "number": number,
                "question": question,
                "answer": answer,
                "response": response,
                "choices": [{**c, "selected": c["id"] in selected} for c in question["choices"]],
            }
        )
    return render(
        request,
        "training/attempt_review.html",
        {
            "quiz": translate_record(attempt.quiz),
            "attempt": attempt,
            "rows": rows,
            "show_answers": show_answers,
            "awaiting": attempt.status == AttemptStatus.AWAITING_GRADING,
        },
    )
