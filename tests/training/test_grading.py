"""Grading functions: every question type, partial credit and normalised short answers."""

from decimal import Decimal

import pytest

from training import grading


def test_single_choice_scores_only_the_correct_choice():
    assert grading.grade_single_choice([3], [3]) == 1
    assert grading.grade_single_choice(3, [3]) == 1
    assert grading.grade_single_choice(["3"], [3]) == 1
    assert grading.grade_single_choice([4], [3]) == 0
    assert grading.grade_single_choice([], [3]) == 0


def test_single_choice_with_two_selected_choices_scores_nothing():
    assert grading.grade_single_choice([3, 4], [3]) == 0


def test_multiple_answers_all_or_nothing_needs_exactly_the_correct_set():
    assert grading.grade_multiple_answers([1, 2], [1, 2], partial_credit=False) == 1
    assert grading.grade_multiple_answers([1], [1, 2], partial_credit=False) == 0
    assert grading.grade_multiple_answers([1, 2, 3], [1, 2], partial_credit=False) == 0


@pytest.mark.parametrize(
    ("selected", "expected"),
    [
        ([1, 2, 3], Decimal("1")),
        ([1, 2], Decimal("2") / 3),
        ([1], Decimal("1") / 3),
        ([1, 4], Decimal("0")),
        ([1, 2, 4], Decimal("1") / 3),
        ([1, 2, 3, 4, 5], Decimal("1") / 3),
        ([4, 5], Decimal("0")),
        ([], Decimal("0")),
    ],
)
def test_multiple_answers_partial_credit_subtracts_wrong_choices_and_floors_at_zero(
    selected, expected
):
    assert grading.grade_multiple_answers(selected, [1, 2, 3], partial_credit=True) == expected


def test_true_false_accepts_booleans_and_form_values():
    assert grading.grade_true_false(True, True) == 1
    assert grading.grade_true_false("true", True) == 1
    assert grading.grade_true_false("false", False) == 1
    assert grading.grade_true_false("Benar", True) == 1
    assert grading.grade_true_false("false", True) == 0
    assert grading.grade_true_false(None, False) == 0
    assert grading.grade_true_false("maybe", False) == 0


@pytest.mark.parametrize(
    "response",
    ["Ombudsman", "ombudsman", "  OMBUDSMAN  ", "Ombudsman.", "ombudsman!!", "Ombudsmán"],
)
def test_short_answer_ignores_case_spacing_accents_and_punctuation(response):
    assert grading.grade_short_answer(response, ["Ombudsman"]) == 1


def test_short_answer_matches_multi_word_answers_with_any_spacing_or_punctuation():
    accepted = ["UU No. 25/2009", "Undang-Undang 25 Tahun 2009"]
    assert grading.grade_short_answer("uu no 25 2009", accepted) == 1
    assert grading.grade_short_answer("UU   No.25/2009", accepted) == 1
    assert grading.grade_short_answer("undang undang 25 tahun 2009", accepted) == 1
    assert grading.grade_short_answer("UU 5/2014", accepted) == 0
    assert grading.grade_short_answer("", accepted) == 0
    assert grading.grade_short_answer("...", accepted) == 0


def test_normalise_short_answer():
    assert grading.normalise_short_answer("  UU No. 25/2009 ") == "uu no 25 2009"
    assert grading.normalise_short_answer(None) == ""


def test_essay_needs_a_person():
    question = {"kind": "essay", "points": "5", "choices": []}
    assert grading.grade_question(question, "teks", multiple_answer_scoring="all") is None


def test_grade_question_dispatches_on_the_snapshot_type():
    question = {
        "kind": "multiple",
        "choices": [
            {"id": 1, "correct": True},
            {"id": 2, "correct": True},
            {"id": 3, "correct": False},
        ],
    }
    assert grading.grade_question(question, [1], multiple_answer_scoring="partial") == Decimal(
        "0.5"
    )
    assert grading.grade_question(question, [1], multiple_answer_scoring="all") == 0


def test_points_and_percentage_round_to_the_hundredth():
    assert grading.points_for(Decimal("1") / 3, "2") == Decimal("0.67")
    assert grading.percentage(Decimal("2"), Decimal("3")) == Decimal("66.67")
    assert grading.percentage(0, 0) == 0
