"""
Grading of quiz answers: pure functions, one per question type, with no database access.

Every function returns the fraction of the question's points earned, between 0 and 1, or
``None`` when a person must grade the answer (essays). ``grade_question`` dispatches on the
question's type as recorded in an attempt's snapshot.
"""

import re
import unicodedata
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

SINGLE_CHOICE = "single"
MULTIPLE_ANSWERS = "multiple"
TRUE_FALSE = "true_false"
SHORT_ANSWER = "short"
ESSAY = "essay"

PARTIAL = "partial"

_ONE = Decimal("1")
_ZERO = Decimal("0")


def _choice_ids(response) -> set[int]:
    """The choice ids of a response, tolerant of a single id, a list, or strings from a form."""
    if response is None or response == "":
        return set()
    if not isinstance(response, list | tuple | set):
        response = [response]
    ids = set()
    for value in response:
        try:
            ids.add(int(value))
        except (TypeError, ValueError):
            continue
    return ids


def grade_single_choice(response, correct_ids: Iterable[int]) -> Decimal:
    """Full credit when exactly one choice is selected and it is a correct one."""
    selected = _choice_ids(response)
    return _ONE if len(selected) == 1 and selected <= set(correct_ids) else _ZERO


def grade_multiple_answers(
    response, correct_ids: Iterable[int], *, partial_credit: bool
) -> Decimal:
    """
    All or nothing: full credit only for exactly the correct set.

    Partial credit: each correct choice selected earns ``1/len(correct)``, each wrong choice
    selected takes the same away, floored at zero, so that ticking every box earns nothing.
    """
    selected = _choice_ids(response)
    correct = set(correct_ids)
    if not correct:
        return _ONE if not selected else _ZERO
    if not partial_credit:
        return _ONE if selected == correct else _ZERO
    hits = len(selected & correct)
    misses = len(selected - correct)
    fraction = Decimal(hits - misses) / Decimal(len(correct))
    return max(_ZERO, min(_ONE, fraction))


def parse_boolean(response) -> bool | None:
    """A true/false response as a boolean; form values ``"true"``/``"false"`` included."""
    if isinstance(response, bool):
        return response
    if isinstance(response, str):
        value = response.strip().lower()
        if value in {"true", "1", "benar", "yes"}:
            return True
        if value in {"false", "0", "salah", "no"}:
            return False
    return None


def grade_true_false(response, correct: bool) -> Decimal:
    """Full credit when the participant's truth value matches the statement's."""
    answer = parse_boolean(response)
    return _ONE if answer is not None and answer == bool(correct) else _ZERO


_PUNCTUATION_OR_SPACE = re.compile(r"[\W_]+", re.UNICODE)


def normalise_short_answer(text) -> str:
    """
    The comparable form of a short answer: case-folded, accents and punctuation removed,
    runs of spaces collapsed. ``"  UU No. 25/2009 "`` becomes ``"uu no 25 2009"``.
    """
    if not isinstance(text, str):
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    without_marks = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _PUNCTUATION_OR_SPACE.sub(" ", without_marks.casefold()).strip()


def grade_short_answer(response, accepted_answers: Iterable[str]) -> Decimal:
    """Full credit when the normalised response equals any normalised accepted answer."""
    answer = normalise_short_answer(response)
    if not answer:
        return _ZERO
    accepted = {normalise_short_answer(a) for a in accepted_answers}
    return _ONE if answer in accepted else _ZERO


def grade_question(question: dict, response, *, multiple_answer_scoring: str) -> Decimal | None:
    """
    The fraction earned on one snapshot question, or ``None`` for an essay.

    ``question`` is an entry of ``Attempt.snapshot["questions"]``.
    """
    kind = question["kind"]
    correct_ids = [c["id"] for c in question.get("choices", []) if c.get("correct")]
    if kind == SINGLE_CHOICE:
        return grade_single_choice(response, correct_ids)
    if kind == MULTIPLE_ANSWERS:
        return grade_multiple_answers(
            response, correct_ids, partial_credit=multiple_answer_scoring == PARTIAL
        )
    if kind == TRUE_FALSE:
        return grade_true_false(response, question.get("correct_statement"))
    if kind == SHORT_ANSWER:
        return grade_short_answer(response, question.get("accepted_answers", []))
    if kind == ESSAY:
        return None
    raise ValueError(f"Unknown question type {kind!r}")


def points_for(fraction: Decimal, points) -> Decimal:
    """Points earned for a fraction of a question's points, to the hundredth."""
    return (Decimal(fraction) * Decimal(str(points))).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


def percentage(score, max_score) -> Decimal:
    """A score as a percentage of the maximum, to the hundredth; 0 for an empty quiz."""
    if not max_score:
        return Decimal("0.00")
    return (Decimal(score) * 100 / Decimal(max_score)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
