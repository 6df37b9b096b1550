"""
The migration that makes quizzes, evaluation forms and batches translatable (issue 19): rows
that existed before it get the default locale (Indonesian) and a translation key each.
"""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from training.models import Batch, Choice, EvaluationForm, EvaluationItem, Question, Quiz

from .assessment_factories import make_course

BEFORE = [("training", "0011_trainers_start_and_review_courses")]
AFTER = [("training", "0012_translatable_quizzes_evaluations_batches")]


@pytest.mark.django_db(transaction=True)
def test_existing_rows_get_the_default_locale_and_a_key_of_their_own():
    course = make_course()
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    try:
        quiz = old.get_model("training", "Quiz").objects.create(
            course_id=course.pk, kind="pre", title="Pre-test lama"
        )
        question = old.get_model("training", "Question").objects.create(
            quiz_id=quiz.pk, text="Soal?", sort_order=0
        )
        for index in range(2):
            old.get_model("training", "Choice").objects.create(
                question_id=question.pk, text=f"Pilihan {index}", sort_order=index
            )
        form = old.get_model("training", "EvaluationForm").objects.create(
            course_id=course.pk, title="Evaluasi lama"
        )
        old.get_model("training", "EvaluationItem").objects.create(
            form_id=form.pk, kind="open", text="Saran?", sort_order=0
        )
        old.get_model("training", "Batch").objects.create(
            course_id=course.pk, name="Angkatan lama", starts_on="2026-01-05", ends_on="2026-01-09"
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(AFTER)
        # Then every later migration too: the next tests expect the whole schema.
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

    for model in (Quiz, Question, Choice, EvaluationForm, EvaluationItem, Batch):
        rows = list(model._base_manager.select_related("locale"))
        assert rows, model.__name__
        assert {row.locale.language_code for row in rows} == {"id"}, model.__name__
        keys = [row.translation_key for row in rows]
        assert None not in keys and len(set(keys)) == len(keys), model.__name__
    assert Quiz.objects.get().title == "Pre-test lama"  # the default manager sees them
