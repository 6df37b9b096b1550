"""
Translated quizzes, questions, choices, evaluation forms and batches (issue 19, English).

A translation is a copy in English sharing its source's translation keys; pages under /en/
show its texts; attempts, answers, enrolments and reports stay on the Indonesian rows.
"""

import pytest
from wagtail.models import Locale

from training.models import Attempt, Batch, Choice, EvaluationForm, Question, Quiz, QuizKind
from training.services import start_attempt, submit_attempt
from training.services.translation import translate_learner_record
from training.translations import translate_records

from .assessment_factories import (
    EnrolmentFactory,
    correct_responses,
    make_evaluation_form,
    make_full_quiz,
)

pytestmark = pytest.mark.django_db

ENGLISH = {
    "Dasar hukum pelayanan publik?": "Legal basis of public service?",
    "UU 25/2009": "Law 25/2009",
    "Isi sistem informasi?": "Contents of the information system?",
    "Materi sesuai.": "The material fits.",
    "Evaluasi": "Evaluation",
}


def _english(record):
    for field in record.translated_fields:
        value = getattr(record, field)
        if value in ENGLISH:
            setattr(record, field, ENGLISH[value])
        elif field in ("title", "name") and value:
            setattr(record, field, f"EN {value}")


@pytest.fixture(autouse=True)
def english_locale():
    return Locale.objects.get_or_create(language_code="en")[0]


@pytest.fixture
def enrolment():
    return EnrolmentFactory()


@pytest.fixture
def quiz(enrolment):
    return make_full_quiz(enrolment.batch.course, kind=QuizKind.PRE_TEST, title="Kuis awal")


@pytest.fixture
def english_quiz(quiz):
    return translate_learner_record(source=quiz, language_code="en", texts=_english)[0]


@pytest.fixture
def client_of(client, enrolment):
    client.force_login(enrolment.participant)
    return client


def test_existing_rows_are_in_the_default_language_with_keys_of_their_own(quiz):
    keys = set(Question.objects.filter(quiz=quiz).values_list("translation_key", flat=True))
    assert quiz.locale.language_code == "id"
    assert len(keys) == quiz.questions.count()
    assert {q.locale.language_code for q in quiz.questions.all()} == {"id"}


def test_translating_copies_questions_and_choices_into_english_once(quiz, english_quiz):
    assert english_quiz.locale.language_code == "en"
    assert english_quiz.translation_key == quiz.translation_key
    assert english_quiz.title == "EN Kuis awal"
    source_keys = set(Choice.objects.filter(question__quiz=quiz).values_list("translation_key"))
    copies = Choice.objects.filter(question__quiz=english_quiz)
    assert set(copies.values_list("translation_key")) == source_keys
    assert {c.locale.language_code for c in copies} == {"en"}
    assert {q.text for q in english_quiz.questions.all()} >= {"Legal basis of public service?"}
    again, created = translate_learner_record(source=quiz, language_code="en")
    assert (again, created) == (english_quiz, False)


def test_the_default_manager_and_relations_see_the_source_rows_only(quiz, english_quiz):
    course = quiz.course
    assert list(course.quizzes.all()) == [quiz]
    assert list(Quiz.objects.filter(course=course)) == [quiz]
    assert set(Quiz.all_locales.filter(course=course)) == {quiz, english_quiz}
    assert english_quiz.get_translation(quiz.locale) == quiz


def test_a_new_question_of_the_english_quiz_takes_its_locale(english_quiz):
    question = Question.objects.create(quiz=english_quiz, kind="essay", text="Why?")
    assert question.locale.language_code == "en"


def test_the_quiz_page_under_en_shows_the_english_title(client_of, quiz, english_quiz):
    english = client_of.get(f"/en/kuis/{quiz.pk}/").content.decode()
    indonesian = client_of.get(f"/kuis/{quiz.pk}/").content.decode()
    assert "EN Kuis awal" in english
    assert "EN Kuis awal" not in indonesian and "Kuis awal" in indonesian


def test_the_attempt_under_en_shows_english_texts_and_is_graded_on_the_source(
    client_of, enrolment, quiz, english_quiz
):
    attempt = start_attempt(enrolment=enrolment, quiz=quiz)
    base = f"/en/kuis/{quiz.pk}/percobaan/{attempt.pk}/"
    page = client_of.get(base).content.decode()
    assert "Legal basis of public service?" in page and "Law 25/2009" in page
    assert "Dasar hukum pelayanan publik?" not in page
    # Untranslated questions fall back to their Indonesian text.
    assert "Pengawas eksternal?" in page
    submitted = submit_attempt(attempt=attempt, responses=correct_responses(quiz))
    assert submitted.quiz_id == quiz.pk and submitted.passed
    assert not Attempt.objects.filter(quiz=english_quiz).exists()
    review = client_of.get(base + "hasil/").content.decode()
    assert "Legal basis of public service?" in review
    assert (
        "Dasar hukum pelayanan publik?"
        in client_of.get(f"/kuis/{quiz.pk}/percobaan/{attempt.pk}/hasil/").content.decode()
    )


def test_the_evaluation_under_en_shows_english_items(client_of, enrolment):
    course = enrolment.batch.course
    form = make_evaluation_form(course)
    translate_learner_record(source=form, language_code="en", texts=_english)
    assert EvaluationForm.objects.filter(course=course).count() == 1
    english = client_of.get(f"/en/evaluasi/{course.pk}/").content.decode()
    assert "The material fits." in english and "Materi sesuai." not in english
    assert "Materi sesuai." in client_of.get(f"/evaluasi/{course.pk}/").content.decode()


def test_batch_names_on_the_dashboard_follow_the_page_language(client_of, enrolment):
    batch = enrolment.batch
    translate_learner_record(source=batch, language_code="en", texts=_english)
    assert f"EN {batch.name}" in client_of.get("/en/pembelajaran-saya/").content.decode()
    indonesian = client_of.get("/pembelajaran-saya/").content.decode()
    assert batch.name in indonesian and f"EN {batch.name}" not in indonesian


def test_a_source_row_carrying_english_texts_refuses_to_be_saved(enrolment):
    batch = enrolment.batch
    translate_learner_record(source=batch, language_code="en", texts=_english)
    (overlaid,) = translate_records([Batch.objects.get(pk=batch.pk)], language_code="en")
    assert overlaid.name == f"EN {batch.name}"
    with pytest.raises(RuntimeError):
        overlaid.save()
    batch.refresh_from_db()
    assert not batch.name.startswith("EN ")
