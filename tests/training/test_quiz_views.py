"""Participant quiz pages: no answer leakage, own attempts only, no-JS submit, JSON saving."""

import datetime
import json
import re

import pytest
import time_machine

from tests.factories import ParticipantFactory
from training.models import Attempt, AttemptStatus, FeedbackTiming, QuizKind
from training.services import start_attempt, submit_attempt

from .assessment_factories import EnrolmentFactory, add_question, correct_responses, make_full_quiz

pytestmark = pytest.mark.django_db

# Words and attributes that would tell a participant which answer is right.
CORRECTNESS_MARKERS = re.compile(
    r"correct|is_correct|accepted|explanation|benar\b.*jawaban|right|data-answer|Ombudsman",
    re.IGNORECASE,
)


@pytest.fixture
def enrolment():
    return EnrolmentFactory()


@pytest.fixture
def quiz(enrolment):
    quiz = make_full_quiz(enrolment.batch.course, time_limit_minutes=15)
    quiz.questions.filter(kind="single").update(explanation="Pasal 1 UU 25/2009.")
    return quiz


@pytest.fixture
def client_of(client, enrolment):
    client.force_login(enrolment.participant)
    return client


def _urls(quiz, attempt):
    base = f"/en/kuis/{quiz.pk}/percobaan/{attempt.pk}/"
    return base, base + "simpan/", base + "hasil/"


def test_starting_from_the_quiz_page_opens_the_attempt(client_of, quiz):
    page = client_of.get(f"/en/kuis/{quiz.pk}/")
    assert page.status_code == 200
    assert "Start the quiz" in page.content.decode()

    response = client_of.post(f"/en/kuis/{quiz.pk}/mulai/")

    attempt = Attempt.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/kuis/{quiz.pk}/percobaan/{attempt.pk}/")


def test_the_quiz_form_never_reveals_correct_answers(client_of, enrolment, quiz):
    attempt = start_attempt(enrolment=enrolment, quiz=quiz)
    page, save_url, _ = _urls(quiz, attempt)

    html = client_of.get(page).content.decode()
    form_html = html[html.index('<form method="post" class="quiz-form"') :]
    form_html = form_html[: form_html.index("</form>")]
    assert "Dasar hukum pelayanan publik?" in form_html
    assert not CORRECTNESS_MARKERS.search(form_html), CORRECTNESS_MARKERS.search(form_html)
    assert "Pasal 1 UU 25/2009." not in html

    saved = client_of.post(save_url, json.dumps({"answers": {}}), content_type="application/json")
    assert saved.status_code == 200
    assert set(saved.json()) == {"saved", "seconds_left"}


def test_the_form_lists_choices_in_the_snapshot_order(client_of, enrolment, quiz):
    attempt = start_attempt(enrolment=enrolment, quiz=quiz)
    multiple = next(q for q in attempt.snapshot["questions"] if q["kind"] == "multiple")
    multiple["choices"].reverse()
    attempt.snapshot = {**attempt.snapshot}
    attempt.save()

    html = client_of.get(_urls(quiz, attempt)[0]).content.decode()
    positions = [html.index(f'value="{c["id"]}"') for c in multiple["choices"]]
    assert positions == sorted(positions)


def test_submitting_without_javascript_grades_and_shows_the_review(client_of, enrolment, quiz):
    attempt = start_attempt(enrolment=enrolment, quiz=quiz)
    page, _, review = _urls(quiz, attempt)
    data = {}
    for question_id, value in correct_responses(quiz).items():
        data[f"q-{question_id}"] = value

    response = client_of.post(page, {**data, "submit": "1"})

    assert response.status_code == 302
    assert response["Location"].endswith(review)
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.GRADED
    assert attempt.percentage == 100
    html = client_of.get(review).content.decode()
    assert "100%" in html
    assert "Passed" in html
    assert "Pasal 1 UU 25/2009." in html  # feedback after submission shows the explanation


def test_a_second_post_of_the_form_grades_once(client_of, enrolment, quiz):
    attempt = start_attempt(enrolment=enrolment, quiz=quiz)
    page, _, review = _urls(quiz, attempt)
    responses = {f"q-{k}": v for k, v in correct_responses(quiz).items()}
    client_of.post(page, {**responses, "submit": "1"})
    attempt.refresh_from_db()
    first = (attempt.score, attempt.submitted_at)

    response = client_of.post(page, {"submit": "1"})

    attempt.refresh_from_db()
    assert response["Location"].endswith(review)
    assert (attempt.score, attempt.submitted_at) == first


def test_saving_without_javascript_keeps_the_answers(client_of, enrolment, quiz):
    attempt = start_attempt(enrolment=enrolment, quiz=quiz)
    short = quiz.questions.get(kind="short")
    page = _urls(quiz, attempt)[0]

    client_of.post(page, {f"q-{short.pk}": "ombudsman", "save": "1"})

    assert attempt.answers.get(question_ref=short.pk).response == "ombudsman"
    assert 'value="ombudsman"' in client_of.get(page).content.decode()


def test_the_json_save_refuses_answers_after_the_deadline(client_of, enrolment, quiz):
    start = datetime.datetime(2026, 11, 10, 2, 0, tzinfo=datetime.UTC)
    short = quiz.questions.get(kind="short")
    with time_machine.travel(start, tick=False) as clock:
        attempt = start_attempt(enrolment=enrolment, quiz=quiz)
        save_url = _urls(quiz, attempt)[1]
        ok = client_of.post(
            save_url, json.dumps({"answers": {short.pk: "BPK"}}), content_type="application/json"
        )
        assert ok.json()["seconds_left"] == 15 * 60
        clock.shift(datetime.timedelta(minutes=16))
        late = client_of.post(
            save_url,
            json.dumps({"answers": {short.pk: "Ombudsman"}}),
            content_type="application/json",
        )

    assert late.status_code == 409
    assert attempt.answers.get(question_ref=short.pk).response == "BPK"
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.GRADED


def test_another_participants_attempt_and_review_are_404(client, enrolment, quiz):
    attempt = start_attempt(enrolment=enrolment, quiz=quiz)
    page, save_url, review = _urls(quiz, attempt)
    client.force_login(ParticipantFactory())
    assert client.get(page).status_code == 404
    assert client.post(save_url, "{}", content_type="application/json").status_code == 404
    assert client.post(page, {"submit": "1"}).status_code == 404
    submit_attempt(attempt=attempt)
    assert client.get(review).status_code == 404
    attempt.refresh_from_db()
    assert attempt.answers.count() == 4  # nothing was saved by the intruder


def test_the_review_hides_correct_answers_when_the_quiz_never_shows_them(
    client_of, enrolment, quiz
):
    quiz.feedback_timing = FeedbackTiming.NEVER
    quiz.save()
    attempt = submit_attempt(attempt=start_attempt(enrolment=enrolment, quiz=quiz))
    html = client_of.get(_urls(quiz, attempt)[2]).content.decode()
    assert "correct answer</span>" not in html
    assert "Pasal 1 UU 25/2009." not in html
    assert "Ombudsman" not in html


def test_feedback_after_the_batch_ends_waits_for_the_end_date(client_of, enrolment, quiz):
    quiz.feedback_timing = FeedbackTiming.AFTER_BATCH_ENDS
    quiz.save()
    attempt = submit_attempt(attempt=start_attempt(enrolment=enrolment, quiz=quiz))
    review = _urls(quiz, attempt)[2]
    with time_machine.travel(datetime.datetime(2026, 11, 20, tzinfo=datetime.UTC)):
        assert "Pasal 1 UU 25/2009." not in client_of.get(review).content.decode()
    with time_machine.travel(datetime.datetime(2026, 12, 2, tzinfo=datetime.UTC)):
        assert "Pasal 1 UU 25/2009." in client_of.get(review).content.decode()


def test_someone_not_enrolled_cannot_start(client, quiz):
    client.force_login(ParticipantFactory())
    assert client.post(f"/en/kuis/{quiz.pk}/mulai/").status_code == 404
    assert "Enrol in a batch" in client.get(f"/en/kuis/{quiz.pk}/").content.decode()


def test_signed_out_visitors_are_sent_to_sign_in(client, quiz):
    response = client.get(f"/kuis/{quiz.pk}/")
    assert response.status_code == 302
    assert "/akun/masuk/" in response["Location"]


@pytest.mark.parametrize("questions", [4, 40])
def test_the_attempt_page_query_count_does_not_grow_with_questions(
    client_of, enrolment, django_assert_max_num_queries, questions
):
    quiz = make_full_quiz(enrolment.batch.course, kind=QuizKind.PRE_TEST)
    for index in range(questions - 4):
        add_question(quiz, "single", f"Soal {index}", choices=[("a", True), ("b", False)])
    attempt = start_attempt(enrolment=enrolment, quiz=quiz)
    page, _, review = _urls(quiz, attempt)
    client_of.get(page)
    with django_assert_max_num_queries(8):
        assert client_of.get(page).status_code == 200
    submit_attempt(attempt=attempt)
    with django_assert_max_num_queries(8):
        assert client_of.get(review).status_code == 200
    client_of.get(f"/en/kuis/{quiz.pk}/")  # the cached locale, as for the attempt page
    with django_assert_max_num_queries(8):
        assert client_of.get(f"/en/kuis/{quiz.pk}/").status_code == 200
