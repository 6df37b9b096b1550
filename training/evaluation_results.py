"""
Aggregated evaluation results per course, batch and trainer.

Only counts, averages, distributions and the open answers as an unattributed list ever leave
this module. Below ``MINIMUM_RESPONSES`` responses nothing is shown, so that a trainer cannot
tell one participant's ratings from a batch of one or two.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, Q

from training.models import EvaluationAnswer, EvaluationItemKind, EvaluationResponse

MINIMUM_RESPONSES = 3


@dataclass
class ItemResult:
    item: object
    trainer: object | None
    count: int
    average: Decimal | None
    distribution: dict[int, int] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)


@dataclass
class EvaluationResults:
    form: object
    response_count: int
    items: list[ItemResult]

    @property
    def is_shown(self) -> bool:
        return self.response_count >= MINIMUM_RESPONSES


def evaluation_results(*, form, batch=None, trainer=None) -> EvaluationResults:
    """Aggregates of a form, optionally for one batch and/or one trainer's items."""
    responses = EvaluationResponse.objects.filter(form=form)
    if batch is not None:
        responses = responses.filter(enrolment__batch=batch)
    response_count = responses.count()
    answers = EvaluationAnswer.objects.filter(response__in=responses)
    if trainer is not None:
        answers = answers.filter(~Q(item__kind=EvaluationItemKind.TRAINER) | Q(trainer=trainer))
    ratings = {
        (row["item_id"], row["trainer_id"], row["rating"]): row["n"]
        for row in answers.filter(rating__isnull=False)
        .values("item_id", "trainer_id", "rating")
        .annotate(n=Count("pk"))
    }
    averages = {
        (row["item_id"], row["trainer_id"]): row
        for row in answers.filter(rating__isnull=False)
        .values("item_id", "trainer_id")
        .annotate(avg=Avg("rating"), n=Count("pk"))
    }
    texts = {}
    # Sorted by text, never by time or response, so the order says nothing about who wrote it.
    for item_id, text in answers.exclude(text="").order_by("text").values_list("item_id", "text"):
        texts.setdefault(item_id, []).append(text)
    trainers = {
        ct.trainer_id: ct.trainer for ct in form.course.course_trainers.select_related("trainer")
    }
    results = []
    for item in form.items.all():
        if item.kind == EvaluationItemKind.OPEN:
            results.append(
                ItemResult(item=item, trainer=None, count=len(texts.get(item.pk, [])),
                           average=None, texts=texts.get(item.pk, []))
            )  # fmt: skip
            continue
        keys = sorted(
            {trainer_id for (item_id, trainer_id) in averages if item_id == item.pk},
            key=lambda t: (t is not None, t or 0),
        )
        for trainer_id in keys or [None]:
            row = averages.get((item.pk, trainer_id))
            results.append(
                ItemResult(
                    item=item,
                    trainer=trainers.get(trainer_id),
                    count=row["n"] if row else 0,
                    average=(
                        Decimal(row["avg"]).quantize(Decimal("0.01"), ROUND_HALF_UP)
                        if row
                        else None
                    ),
                    distribution={r: ratings.get((item.pk, trainer_id, r), 0) for r in range(1, 6)},
                )
            )
    return EvaluationResults(form=form, response_count=response_count, items=results)
