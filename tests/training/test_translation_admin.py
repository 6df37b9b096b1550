"""
The admin's Translate action on quizzes, evaluation forms and batches (issue 19): a trainer
translates their own quiz into English and edits the copy; the listings show both languages.
"""

import pytest
from wagtail.models import Locale

from accounts.roles import sync_role_groups
from tests.factories import AdministratorFactory, TrainerFactory
from training.models import Batch, EvaluationForm, Quiz, QuizKind

from .assessment_factories import BatchFactory, make_course, make_evaluation_form, make_full_quiz

pytestmark = pytest.mark.django_db


@pytest.fixture
def english():
    return Locale.objects.get_or_create(language_code="en")[0]


@pytest.fixture
def trainer():
    sync_role_groups()
    return TrainerFactory()


def test_a_trainer_translates_their_quiz_and_edits_the_english_copy(client, trainer, english):
    quiz = make_full_quiz(make_course(trainers=[trainer]), QuizKind.POST_TEST, title="Kuis Saya")
    client.force_login(trainer)
    edit = client.get(f"/admin/quiz/edit/{quiz.pk}/").content.decode()
    assert f"/admin/quiz/translate/{quiz.pk}/" in edit
    assert client.get(f"/admin/quiz/translate/{quiz.pk}/").status_code == 200

    response = client.post(f"/admin/quiz/translate/{quiz.pk}/", {"locales": [english.pk]})

    translation = Quiz.all_locales.get(translation_key=quiz.translation_key, locale=english)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/quiz/edit/{translation.pk}/"
    assert translation.questions.count() == quiz.questions.count()
    page = client.get(f"/admin/quiz/edit/{translation.pk}/")
    assert page.status_code == 200 and "Dasar hukum pelayanan publik?" in page.content.decode()
    listing = client.get("/admin/quiz/?locale=en").content.decode()
    assert f"/admin/quiz/edit/{translation.pk}/" in listing


def test_another_courses_quiz_is_not_found_for_translation(client, trainer, english):
    other = make_full_quiz(make_course(), QuizKind.POST_TEST)
    client.force_login(trainer)
    assert client.get(f"/admin/quiz/translate/{other.pk}/").status_code == 404


def test_an_administrator_translates_an_evaluation_form_and_a_batch(client, english):
    sync_role_groups()
    client.force_login(AdministratorFactory())
    form = make_evaluation_form(make_course())
    batch = BatchFactory()
    client.post(f"/admin/evaluation_form/translate/{form.pk}/", {"locales": [english.pk]})
    client.post(f"/admin/training_batches/translate/{batch.pk}/", {"locales": [english.pk]})
    english_form = EvaluationForm.all_locales.get(locale=english)
    assert english_form.items.count() == form.items.count()
    english_batch = Batch.all_locales.get(locale=english)
    assert english_batch.translation_key == batch.translation_key
    assert client.get(f"/admin/training_batches/edit/{english_batch.pk}/").status_code == 200
