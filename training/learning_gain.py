"""
Pre-test / post-test analysis of a batch: scores, normalised gain and item analysis.

The arithmetic is in pure functions (``normalised_gain``, ``item_analysis``) tested on known
data; ``batch_learning_gain`` reads one batch with a fixed number of queries.

Which attempt counts: the first graded attempt of the pre-test (what a participant knew before
the training) and the best graded attempt of the post-test (what they showed by its end).
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from training.models import Attempt, AttemptStatus, Enrolment, Quiz, QuizKind

#: Share of participants in the top and bottom groups of the discrimination index (Kelley).
GROUP_SHARE = Decimal("0.27")


def _round(value, places="0.01"):
    return None if value is None else Decimal(value).quantize(Decimal(places), ROUND_HALF_UP)


def normalised_gain(pre, post) -> Decimal | None:
    """
    ``(post − pre) / (100 − pre)`` for percentages; ``None`` when pre is 100 (nothing to gain)
    or a score is missing.
    """
    if pre is None or post is None:
        return None
    pre, post = Decimal(pre), Decimal(post)
    if pre >= 100:
        return None
    return _round((post - pre) / (100 - pre), "0.001")


def average(values) -> Decimal | None:
    values = [Decimal(v) for v in values if v is not None]
    return _round(sum(values) / len(values)) if values else None


@dataclass
class ItemStatistics:
    """How one question performed: share correct overall, in the top and bottom groups."""

    question_ref: int
    text: str
    answered: int
    share_correct: Decimal | None
    share_correct_top: Decimal | None
    share_correct_bottom: Decimal | None

    @property
    def discrimination(self) -> Decimal | None:
        if self.share_correct_top is None or self.share_correct_bottom is None:
            return None
        return _round(self.share_correct_top - self.share_correct_bottom, "0.001")


def item_analysis(results: list[tuple[Decimal, dict[int, bool]]], texts: dict[int, str]):
    """
    Item statistics from ``[(total percentage, {question id: answered correctly}), …]``.

    Participants are ranked by total; the top and bottom 27 % (at least one each) form the
    groups. A question drawn for only some participants is measured among those who had it.
    """
    ranked = sorted(results, key=lambda r: r[0], reverse=True)
    size = max(1, int((Decimal(len(ranked)) * GROUP_SHARE).to_integral_value(ROUND_HALF_UP)))
    top, bottom = ranked[:size], ranked[-size:] if ranked else []

    def share(group, ref):
        marks = [correct[ref] for _, correct in group if ref in correct]
        return _round(Decimal(sum(marks)) / len(marks), "0.001") if marks else None

    statistics = []
    for ref, text in texts.items():
        answered = sum(1 for _, correct in ranked if ref in correct)
        statistics.append(
            ItemStatistics(
                question_ref=ref,
                text=text,
                answered=answered,
                share_correct=share(ranked, ref),
                share_correct_top=share(top, ref),
                share_correct_bottom=share(bottom, ref),
            )
        )
    return statistics


@dataclass
class ParticipantGain:
    enrolment: Enrolment
    pre: Decimal | None
    post: Decimal | None

    @property
    def gain(self):
        return normalised_gain(self.pre, self.post)


@dataclass
class BatchLearningGain:
    """The report of one batch."""

    batch: object
    pre_test: Quiz | None
    post_test: Quiz | None
    participants: list[ParticipantGain] = field(default_factory=list)
    pre_items: list[ItemStatistics] = field(default_factory=list)
    post_items: list[ItemStatistics] = field(default_factory=list)

    @property
    def average_pre(self):
        return average(p.pre for p in self.participants)

    @property
    def average_post(self):
        return average(p.post for p in self.participants)

    @property
    def batch_gain(self):
        """
        Hake's gain of the batch: the normalised gain of the two averages, taken over the
        participants who sat both tests so that a missing post-test never drags it down.
        """
        paired = [p for p in self.participants if p.pre is not None and p.post is not None]
        return normalised_gain(average(p.pre for p in paired), average(p.post for p in paired))

    @property
    def average_individual_gain(self):
        gains = [p.gain for p in self.participants if p.gain is not None]
        return _round(sum(gains) / len(gains), "0.001") if gains else None

    @property
    def paired_count(self):
        return sum(1 for p in self.participants if p.pre is not None and p.post is not None)


def _counted_attempts(quiz, enrolment_ids, *, best: bool):
    """The counted attempt per enrolment with its answers: first (pre) or best (post)."""
    if quiz is None:
        return {}
    attempts = (
        Attempt.objects.filter(
            quiz=quiz, enrolment_id__in=enrolment_ids, status=AttemptStatus.GRADED
        )
        .order_by("number")
        .prefetch_related("answers")
    )
    counted = {}
    for attempt in attempts:
        current = counted.get(attempt.enrolment_id)
        if current is None or (best and attempt.percentage > current.percentage):
            counted[attempt.enrolment_id] = attempt
    return counted


def _items(quiz, attempts):
    texts = {}
    for q in quiz.questions.order_by("sort_order").values("pk", "text") if quiz else []:
        texts[q["pk"]] = q["text"]
    results = []
    for attempt in attempts:
        for question in attempt.snapshot.get("questions", []):
            texts.setdefault(question["id"], question["text"])
        results.append(
            (
                attempt.percentage,
                {a.question_ref: bool(a.is_correct) for a in attempt.answers.all()},
            )
        )
    return item_analysis(results, texts) if results else []


def batch_learning_gain(batch) -> BatchLearningGain:
    """The pre/post report of one batch, in a number of queries that does not grow with it."""
    quizzes = {
        q.kind: q
        for q in Quiz.objects.filter(
            course_id=batch.course_id, kind__in=[QuizKind.PRE_TEST, QuizKind.POST_TEST]
        )
    }
    pre_test, post_test = quizzes.get(QuizKind.PRE_TEST), quizzes.get(QuizKind.POST_TEST)
    enrolments = list(
        Enrolment.objects.filter(batch=batch)
        .select_related("participant", "participant__agency")
        .order_by("participant__full_name", "pk")
    )
    ids = [e.pk for e in enrolments]
    pre = _counted_attempts(pre_test, ids, best=False)
    post = _counted_attempts(post_test, ids, best=True)
    report = BatchLearningGain(batch=batch, pre_test=pre_test, post_test=post_test)
    for enrolment in enrolments:
        pre_attempt, post_attempt = pre.get(enrolment.pk), post.get(enrolment.pk)
        report.participants.append(
            ParticipantGain(
                enrolment=enrolment,
                pre=pre_attempt.percentage if pre_attempt else None,
                post=post_attempt.percentage if post_attempt else None,
            )
        )
    report.pre_items = _items(pre_test, pre.values())
    report.post_items = _items(post_test, post.values())
    return report
