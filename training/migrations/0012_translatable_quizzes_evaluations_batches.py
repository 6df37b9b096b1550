"""
Quizzes, questions, choices, evaluation forms and items, and batches become translatable
(Wagtail's ``TranslatableMixin``): every existing row gets the default locale (Indonesian) and
a translation key of its own. An evaluation form is now one per course *and language*, and
the pre/post-test uniqueness counts per language too.

On PostgreSQL the foreign-key checks of the rows filled in here run at once, so that the
later ``ALTER TABLE`` of the same transaction finds no pending trigger events.
"""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MODELS = ("quiz", "question", "choice", "evaluationform", "evaluationitem", "batch")


def give_rows_the_default_locale(apps, schema_editor):
    postgres = schema_editor.connection.vendor == "postgresql"
    if postgres:
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    Locale = apps.get_model("wagtailcore", "Locale")
    locale, _created = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    for name in MODELS:
        model = apps.get_model("training", name)
        rows = list(model.objects.filter(locale__isnull=True).only("pk"))
        for row in rows:
            row.locale_id = locale.pk
            row.translation_key = uuid.uuid4()
        model.objects.bulk_update(rows, ["locale", "translation_key"], batch_size=500)
    if postgres:
        schema_editor.execute("SET CONSTRAINTS ALL DEFERRED")


def _nullable_fields(name):
    return [
        migrations.AddField(
            model_name=name,
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name=name,
            name="locale",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
    ]


def _required_fields(name):
    return [
        migrations.AlterField(
            model_name=name,
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name=name,
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterUniqueTogether(
            name=name,
            unique_together={("translation_key", "locale")},
        ),
    ]


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0011_trainers_start_and_review_courses"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        *[operation for name in MODELS for operation in _nullable_fields(name)],
        migrations.RunPython(give_rows_the_default_locale, migrations.RunPython.noop),
        *[operation for name in MODELS for operation in _required_fields(name)],
        migrations.RemoveConstraint(
            model_name="quiz",
            name="one_pre_and_one_post_test_per_course",
        ),
        migrations.AddConstraint(
            model_name="quiz",
            constraint=models.UniqueConstraint(
                condition=models.Q(("kind__in", ["pre", "post"])),
                fields=("course", "kind", "locale"),
                name="one_pre_and_one_post_test_per_course",
                violation_error_message="This course already has a quiz of this kind.",
            ),
        ),
        migrations.AlterField(
            model_name="evaluationform",
            name="course",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="evaluation_forms",
                to="training.coursepage",
                verbose_name="course",
            ),
        ),
        migrations.AddConstraint(
            model_name="evaluationform",
            constraint=models.UniqueConstraint(
                fields=("course", "locale"),
                name="one_evaluation_form_per_course_and_language",
                violation_error_message="This course already has an evaluation form.",
            ),
        ),
    ]
