"""The participant's evaluation form (evaluasi penyelenggaraan): fill in once, then thanks."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from training.course_flow import LockReason, enrolment_flow
from training.models import EvaluationForm, EvaluationItemKind, EvaluationResponse
from training.models.evaluations import LIKERT_SCALE
from training.services import submit_evaluation
from training.services.evaluation import answer_key, evaluation_trainers
from training.translations import localized_pages, translate_record, translate_records

from .quizzes import enrolment_for


def _fields(form, trainers, values, errors):
    fields = []
    for item in translate_records(form.items.all()):
        targets = trainers if item.kind == EvaluationItemKind.TRAINER else [None]
        for trainer in targets:
            key = answer_key(item, trainer)
            fields.append(
                {
                    "key": key,
                    "item": item,
                    "trainer": trainer,
                    "is_open": item.kind == EvaluationItemKind.OPEN,
                    "value": values.get(key, ""),
                    "errors": errors.get(key, []),
                }
            )
    return fields


@login_required
def evaluation_fill(request, course_id):
    """Show the course's evaluation to an enrolled participant and record it once."""
    form = get_object_or_404(EvaluationForm.objects.select_related("course"), course_id=course_id)
    enrolment = enrolment_for(request.user, course_id)
    if enrolment is None:
        raise Http404
    done = EvaluationResponse.objects.filter(enrolment=enrolment).exists()
    flow = enrolment_flow(enrolment)
    lock = flow.evaluation_lock()
    values, errors = {}, {}
    if request.method == "POST" and not done and lock is None:
        values = {k: v for k, v in request.POST.items() if k.startswith("item-")}
        try:
            submit_evaluation(enrolment=enrolment, answers=values)
        except PermissionDenied as error:
            messages.error(request, str(error))
        except ValidationError as error:
            errors = error.message_dict
        else:
            messages.success(request, _("Thank you: your evaluation has been recorded."))
            return redirect("assessments:evaluation", course_id=course_id)
    return render(
        request,
        "training/evaluation_form.html",
        {
            "form": translate_record(form),
            "course": localized_pages(form.course)[0],
            "done": done,
            "lock": lock,
            "lock_message": LockReason.message(lock),
            "next_step": flow.next_step if lock else None,
            "fields": (
                [] if done or lock else _fields(form, evaluation_trainers(form), values, errors)
            ),
            "has_errors": bool(errors),
            "scale": LIKERT_SCALE,
        },
    )
