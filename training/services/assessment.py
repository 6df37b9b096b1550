"""
Services of quizzes: start an attempt, save answers, submit, close at the deadline, grade essays.

Every write runs in one transaction and locks the row it changes: starting locks the
enrolment (so attempt limits hold under concurrent starts), saving and submitting lock the
attempt (so a double submission grades once and nothing is saved after grading). The server's
clock is the only clock: an answer that arrives after the deadline is not counted.
"""

import random
from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from training import grading
from training.audit import log_grade_change
from training.course_flow import LockReason, enrolment_flow
from training.models import (
    Answer,
    Attempt,
    AttemptStatus,
    Enrolment,
    EnrolmentStatus,
    Question,
    QuestionKind,
    Quiz,
)

from .xapi import record_attempt_result

#: Enrolments whose participant may take quizzes and fill the evaluation.
TAKING_STATUSES = (EnrolmentStatus.ACTIVE, EnrolmentStatus.COMPLETED)


class AttemptClosed(ValidationError):
    """Raised when an answer reaches an attempt that is already submitted or past its deadline."""


def build_snapshot(*, quiz: Quiz, rng: random.Random | None = None) -> dict:
    """
    The questions of a new attempt, drawn and shuffled as the quiz's settings ask.

    The snapshot records everything grading and review need (text, points, choice order,
    correct answers, explanation) so the attempt stays readable after the quiz changes.
    """
    rng = rng or random.SystemRandom()
    questions = list(
        Question.objects.filter(quiz=quiz).prefetch_related("choices").order_by("sort_order", "pk")
    )
    if quiz.questions_to_draw and quiz.questions_to_draw < len(questions):
        drawn = {q.pk for q in rng.sample(questions, quiz.questions_to_draw)}
        questions = [q for q in questions if q.pk in drawn]
    if quiz.shuffle_questions:
        rng.shuffle(questions)
    entries = []
    for question in questions:
        choices = [
            {"id": c.pk, "text": c.text, "correct": c.is_correct} for c in question.choices.all()
        ]
        if quiz.shuffle_choices:
            rng.shuffle(choices)
        entries.append(
            {
                "id": question.pk,
                "kind": question.kind,
                "text": question.text,
                "points": str(question.points),
                "choices": choices,
                "correct_statement": question.correct_statement,
                "accepted_answers": question.accepted_answer_list(),
                "explanation": question.explanation,
            }
        )
    return {
        "title": quiz.title,
        "pass_mark": quiz.pass_mark,
        "multiple_answer_scoring": quiz.multiple_answer_scoring,
        "questions": entries,
    }


def _check_can_take(*, enrolment: Enrolment, quiz: Quiz) -> None:
    if enrolment.status not in TAKING_STATUSES:
        raise PermissionDenied(_("Only an active enrolment can take this quiz."))
    if enrolment.batch.course_id != quiz.course_id:
        raise PermissionDenied(_("This quiz belongs to another course."))
    lock = enrolment_flow(enrolment).quiz_lock(quiz)
    if lock is not None:
        raise PermissionDenied(LockReason.message(lock))


@transaction.atomic
def start_attempt(*, enrolment: Enrolment, quiz: Quiz, now=None) -> Attempt:
    """
    Start an attempt, or return the attempt already open; idempotent.

    The enrolment row is locked first, so two concurrent starts are serialised and the
    attempt limit holds. An open attempt past its deadline is closed and graded before a new
    one is counted.
    """
    now = now or timezone.now()
    enrolment = Enrolment.objects.select_for_update().select_related("batch").get(pk=enrolment.pk)
    _check_can_take(enrolment=enrolment, quiz=quiz)
    attempts = list(
        Attempt.objects.select_for_update()
        .filter(enrolment=enrolment, quiz=quiz)
        .order_by("number")
    )
    for attempt in attempts:
        if attempt.is_open:
            if not attempt.is_past_deadline(now):
                return attempt
            _finalise(attempt, now=now, at_deadline=True)
    if quiz.attempt_limit is not None and len(attempts) >= quiz.attempt_limit:
        raise ValidationError(_("You have used all the attempts this quiz allows."))
    snapshot = build_snapshot(quiz=quiz)
    if not snapshot["questions"]:
        raise ValidationError(_("This quiz has no questions yet."))
    attempt = Attempt(
        enrolment=enrolment,
        quiz=quiz,
        number=len(attempts) + 1,
        started_at=now,
        deadline=now + timedelta(minutes=quiz.time_limit_minutes)
        if quiz.time_limit_minutes
        else None,
        snapshot=snapshot,
        max_score=sum(Decimal(q["points"]) for q in snapshot["questions"]),
    )
    attempt.full_clean()
    attempt.save()
    return attempt


def _clean_response(question: dict, value):
    """A response reduced to what the question accepts: its own choice ids, a boolean, text."""
    kind = question["kind"]
    if kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_ANSWERS):
        allowed = {c["id"] for c in question["choices"]}
        values = value if isinstance(value, list | tuple) else [value]
        ids = sorted(grading._choice_ids(values) & allowed)
        return ids[:1] if kind == QuestionKind.SINGLE_CHOICE else ids
    if kind == QuestionKind.TRUE_FALSE:
        if isinstance(value, list | tuple):
            value = value[0] if value else None
        return grading.parse_boolean(value)
    if isinstance(value, list | tuple):
        value = value[0] if value else ""
    return str(value or "")[:10_000]


def _questions_by_id(attempt: Attempt) -> dict[int, dict]:
    return {q["id"]: q for q in attempt.snapshot.get("questions", [])}


def _store_responses(attempt: Attempt, responses: dict) -> int:
    questions = _questions_by_id(attempt)
    stored = 0
    for key, value in responses.items():
        try:
            question = questions[int(key)]
        except (KeyError, TypeError, ValueError):
            continue
        Answer.objects.update_or_create(
            attempt=attempt,
            question_ref=question["id"],
            defaults={"response": _clean_response(question, value)},
        )
        stored += 1
    return stored


def _lock(attempt: Attempt) -> Attempt:
    # The enrolment row first, then the attempt: the order start_attempt and the completion
    # rule lock in, so that a submit racing a start cannot deadlock.
    list(Enrolment.objects.select_for_update().filter(pk=attempt.enrolment_id).values("pk"))
    return Attempt.objects.select_for_update().select_related("quiz").get(pk=attempt.pk)


def save_answers(*, attempt: Attempt, responses: dict, now=None) -> Attempt:
    """
    Save answers of an open attempt (``{question id: response}``); the last save wins.

    After the deadline nothing is saved: the attempt is closed and graded with what it held
    (that part commits), then ``AttemptClosed`` is raised so the caller can tell the
    participant.
    """
    attempt, refusal = _save_answers(attempt=attempt, responses=responses, now=now)
    if refusal:
        raise AttemptClosed(refusal)
    return attempt


@transaction.atomic
def _save_answers(*, attempt: Attempt, responses: dict, now=None):
    now = now or timezone.now()
    attempt = _lock(attempt)
    if not attempt.is_open:
        return attempt, _("This attempt has already been submitted.")
    if attempt.is_past_deadline(now):
        _finalise(attempt, now=now, at_deadline=True)
        return attempt, _("Time is up: this answer arrived after the deadline.")
    _store_responses(attempt, responses)
    return attempt, None


@transaction.atomic
def submit_attempt(*, attempt: Attempt, responses: dict | None = None, now=None) -> Attempt:
    """
    Submit an attempt with its last answers and grade it; a second submission changes nothing.

    Answers sent with a submission after the deadline are not counted: the attempt is graded
    with what was saved in time.
    """
    now = now or timezone.now()
    attempt = _lock(attempt)
    if not attempt.is_open:
        return attempt
    at_deadline = attempt.is_past_deadline(now)
    if responses and not at_deadline:
        _store_responses(attempt, responses)
    _finalise(attempt, now=now, at_deadline=at_deadline)
    return attempt


@transaction.atomic
def close_attempt_if_expired(*, attempt: Attempt, now=None) -> Attempt:
    """Close and grade an open attempt whose deadline has passed; otherwise return it as is."""
    now = now or timezone.now()
    if not (attempt.is_open and attempt.is_past_deadline(now)):
        return attempt
    attempt = _lock(attempt)
    if attempt.is_open and attempt.is_past_deadline(now):
        _finalise(attempt, now=now, at_deadline=True)
    return attempt


def close_expired_attempts(*, now=None) -> int:
    """Close every open attempt past its deadline, each in its own transaction; returns how many."""
    now = now or timezone.now()
    closed = 0
    expired = Attempt.objects.filter(status=AttemptStatus.IN_PROGRESS, deadline__lte=now)
    for attempt in expired.only("pk", "status", "deadline").iterator():
        if not close_attempt_if_expired(attempt=attempt, now=now).is_open:
            closed += 1
    return closed


def _finalise(attempt: Attempt, *, now, at_deadline: bool) -> None:
    """Grade every question of a locked, open attempt and close it."""
    answers = {a.question_ref: a for a in attempt.answers.all()}
    scoring = attempt.snapshot.get("multiple_answer_scoring", "all")
    for question in attempt.snapshot.get("questions", []):
        answer = answers.get(question["id"])
        if answer is None:
            answer = Answer(attempt=attempt, question_ref=question["id"], response=None)
        fraction = grading.grade_question(
            question, answer.response, multiple_answer_scoring=scoring
        )
        if fraction is None:
            # An empty essay earns nothing and needs nobody's time.
            if answer.response:
                answer.needs_grading = True
                answer.points_awarded = None
                answer.is_correct = None
            else:
                answer.points_awarded = Decimal("0")
                answer.is_correct = False
        else:
            answer.points_awarded = grading.points_for(fraction, question["points"])
            answer.is_correct = fraction == 1
        answer.save()
    attempt.submitted_at = attempt.deadline if at_deadline and attempt.deadline else now
    attempt.closed_at_deadline = at_deadline
    _update_score(attempt)


def _update_score(attempt: Attempt) -> None:
    """Total a locked attempt; graded when no answer waits for a trainer."""
    answers = list(attempt.answers.all())
    if any(a.needs_grading for a in answers):
        attempt.status = AttemptStatus.AWAITING_GRADING
        attempt.score = attempt.percentage = attempt.passed = None
    else:
        attempt.status = AttemptStatus.GRADED
        attempt.score = sum((a.points_awarded or Decimal("0")) for a in answers)
        attempt.percentage = grading.percentage(attempt.score, attempt.max_score)
        attempt.passed = attempt.percentage >= attempt.snapshot.get("pass_mark", 0)
    attempt.full_clean()
    attempt.save()
    if attempt.status == AttemptStatus.GRADED:
        record_attempt_result(attempt=attempt)
        _after_state_change(attempt.enrolment)


@transaction.atomic
def grade_essay_answer(*, answer: Answer, points, comment: str = "", grader) -> Answer:
    """
    A trainer's grade for an essay answer, with a comment; regrading replaces the grade.

    When the last essay of the attempt is graded the attempt gets its score and the
    enrolment's completion is re-evaluated.
    """
    attempt = _lock(answer.attempt)
    answer = Answer.objects.get(pk=answer.pk)
    question = _questions_by_id(attempt).get(answer.question_ref)
    if question is None or question["kind"] != QuestionKind.ESSAY:
        raise ValidationError(_("Only essay answers are graded by a trainer."))
    if attempt.is_open:
        raise ValidationError(_("This attempt has not been submitted yet."))
    points = Decimal(str(points))
    maximum = Decimal(question["points"])
    if points < 0 or points > maximum:
        raise ValidationError(
            {"points": _("Give between 0 and %(max)s points.") % {"max": maximum}}
        )
    previous_points = answer.points_awarded if answer.graded_at else None
    answer.points_awarded = points
    answer.is_correct = points == maximum
    answer.needs_grading = False
    answer.grader_comment = comment
    answer.graded_by = grader
    answer.graded_at = timezone.now()
    answer.full_clean()
    answer.save()
    log_grade_change(answer=answer, previous_points=previous_points, user=grader)
    _update_score(attempt)
    return answer


def _after_state_change(enrolment: Enrolment) -> Enrolment:
    """
    Re-evaluate the enrolment's completion after an attempt is graded or an evaluation is
    submitted (inside their transaction): the course's whole rule runs, quizzes among it.
    """
    from .progress import complete_enrolment_if_done

    return complete_enrolment_if_done(enrolment=enrolment)
