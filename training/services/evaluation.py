"""
Services of the training evaluation: submit a response, once per enrolment.

A response rates the organisation, rates each of the course's trainers, and answers open
questions. Results are read through ``training.evaluation_results``, which only aggregates.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from training.course_flow import LockReason, enrolment_flow
from training.models import (
    Enrolment,
    EvaluationAnswer,
    EvaluationForm,
    EvaluationItemKind,
    EvaluationResponse,
)

from .assessment import TAKING_STATUSES, _after_state_change


def evaluation_trainers(form: EvaluationForm):
    """The trainers a form's trainer items are asked about: the course's, in their order."""
    return [ct.trainer for ct in form.course.course_trainers.select_related("trainer").all()]


def answer_key(item, trainer=None) -> str:
    """The form field name of one item (and trainer): ``item-3`` or ``item-3-trainer-7``."""
    return f"item-{item.pk}" if trainer is None else f"item-{item.pk}-trainer-{trainer.pk}"


@transaction.atomic
def submit_evaluation(*, enrolment: Enrolment, answers: dict) -> EvaluationResponse:
    """
    Record an enrolment's evaluation; a second submission returns the first unchanged.

    ``answers`` maps ``answer_key(item[, trainer])`` to a rating 1–5 (Likert items) or text
    (open questions). Required items must be answered; errors are raised per key.
    """
    enrolment = Enrolment.objects.select_for_update().select_related("batch").get(pk=enrolment.pk)
    existing = EvaluationResponse.objects.filter(enrolment=enrolment).first()
    if existing:
        return existing
    if enrolment.status not in TAKING_STATUSES:
        raise PermissionDenied(_("Only an active enrolment can fill in the evaluation."))
    lock = enrolment_flow(enrolment).evaluation_lock()
    if lock is not None:
        raise PermissionDenied(LockReason.message(lock))
    form = EvaluationForm.objects.filter(course_id=enrolment.batch.course_id).first()
    if form is None:
        raise ValidationError(_("This course has no evaluation."))
    trainers = evaluation_trainers(form)
    rows, errors = [], {}
    for item in form.items.all():
        targets = trainers if item.kind == EvaluationItemKind.TRAINER else [None]
        for trainer in targets:
            key = answer_key(item, trainer)
            value = answers.get(key)
            value = "" if value is None else str(value).strip()
            if item.kind == EvaluationItemKind.OPEN:
                if not value and item.is_required:
                    errors[key] = _("Please answer this question.")
                elif value:
                    rows.append(EvaluationAnswer(item=item, trainer=None, text=value[:5000]))
                continue
            if not value:
                if item.is_required:
                    errors[key] = _("Please choose a rating.")
                continue
            if value not in {"1", "2", "3", "4", "5"}:
                errors[key] = _("Choose a rating from 1 to 5.")
                continue
            rows.append(EvaluationAnswer(item=item, trainer=trainer, rating=int(value)))
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            response = EvaluationResponse(form=form, enrolment=enrolment)
            response.full_clean()
            response.save()
    except IntegrityError:
        return EvaluationResponse.objects.get(enrolment=enrolment)
    for row in rows:
        row.response = response
        row.full_clean()
    EvaluationAnswer.objects.bulk_create(rows)
    _after_state_change(enrolment)
    return response
