"""Quiz editing in the Wagtail admin: trainers reach the quizzes of their own courses only."""

import pytest

from accounts.roles import sync_role_groups
from tests.factories import TrainerFactory
from training.models import QuizKind

from .factories import make_course, make_full_quiz

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer_and_quizzes():
    sync_role_groups()
    trainer = TrainerFactory()
    own = make_full_quiz(make_course(trainers=[trainer]), QuizKind.POST_TEST, title="Kuis Saya")
    other = make_full_quiz(make_course(), QuizKind.POST_TEST, title="Kuis Orang Lain")
    return trainer, own, other


def test_the_trainer_lists_and_edits_only_their_own_quizzes(client, trainer_and_quizzes):
    trainer, own, other = trainer_and_quizzes
    client.force_login(trainer)

    listing = client.get("/admin/quiz/").content.decode()
    assert "Kuis Saya" in listing
    assert "Kuis Orang Lain" not in listing

    edit = client.get(f"/admin/quiz/edit/{own.pk}/")
    assert edit.status_code == 200
    html = edit.content.decode()
    assert "Dasar hukum pelayanan publik?" in html  # questions inline
    assert "UU 25/2009" in html  # with their choices nested inline
    assert client.get(f"/admin/quiz/edit/{other.pk}/").status_code == 404
    assert client.get(f"/admin/quiz/delete/{other.pk}/").status_code == 404
