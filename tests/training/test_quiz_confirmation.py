"""A quiz submitted with questions left open asks first, without JavaScript too, losing nothing."""

import pytest

from training.models import Attempt, AttemptStatus
from training.services import start_attempt

from .assessment_factories import EnrolmentFactory, correct_responses, make_full_quiz

pytestmark = pytest.mark.django_db


@pytest.fixture
def attempt():
    enrolment = EnrolmentFactory()
    quiz = make_full_quiz(enrolment.batch.course, attempt_limit=1)
    return start_attempt(enrolment=enrolment, quiz=quiz)


@pytest.fixture
def client_of(client, attempt):
    client.force_login(attempt.enrolment.participant)
    return client


def _url(attempt):
    return f"/en/kuis/{attempt.quiz_id}/percobaan/{attempt.pk}/"


def test_submitting_with_nothing_answered_asks_for_confirmation_and_grades_nothing(
    client_of, attempt
):
    response = client_of.post(_url(attempt), {"submit": "1"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "4 of 4 questions are not answered yet" in html
    assert 'name="confirm"' in html and "Submit anyway" in html
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.IN_PROGRESS


def test_the_confirmation_keeps_every_answer_given_and_links_the_open_questions(client_of, attempt):
    single = next(q for q in attempt.snapshot["questions"] if q["kind"] == "single")
    short = next(q for q in attempt.snapshot["questions"] if q["kind"] == "short")
    choice = single["choices"][0]["id"]

    html = client_of.post(
        _url(attempt), {"submit": "1", f"q-{single['id']}": choice, f"q-{short['id']}": "Ombud"}
    ).content.decode()

    assert "2 of 4 questions are not answered yet" in html
    assert f'id="q-{single["id"]}-{choice}" value="{choice}" checked' in html
    assert 'value="Ombud"' in html
    assert f'href="#question-{single["id"]}"' not in html
    saved = dict(attempt.answers.values_list("question_ref", "response"))
    assert saved[single["id"]] == [choice] and saved[short["id"]] == "Ombud"


def test_submit_anyway_grades_the_attempt_with_the_answers_of_the_form(client_of, attempt):
    single = next(q for q in attempt.snapshot["questions"] if q["kind"] == "single")
    correct = next(c["id"] for c in single["choices"] if c["correct"])

    response = client_of.post(
        _url(attempt), {"submit": "1", "confirm": "1", f"q-{single['id']}": correct}
    )

    assert response.status_code == 302 and response["Location"].endswith("hasil/")
    attempt = Attempt.objects.get(pk=attempt.pk)
    assert attempt.status == AttemptStatus.GRADED
    assert attempt.score == 1


def test_an_attempt_with_every_question_answered_is_submitted_at_once(client_of, attempt):
    responses = correct_responses(attempt.quiz)
    data = {"submit": "1"}
    for pk, value in responses.items():
        data[f"q-{pk}"] = value

    response = client_of.post(_url(attempt), data)

    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.GRADED and attempt.passed
