"""
Reads of translated learner records for a page in the active language.

Pages keep working with the source rows (Indonesian): their ids are the ones attempts,
answers, enrolments and evaluation responses point at. These helpers look up the translation
in the page's language by ``translation_key`` and lay its texts over the source row in
memory; a row without a translation keeps its Indonesian texts. An overlaid row refuses to be
saved (``training.models.i18n``). See ``docs/translations.md``.
"""

from collections import defaultdict

from django.conf import settings
from django.utils.translation import get_language

from training.models import Choice, Question


def active_language() -> str:
    """The language code of the page being rendered (``id`` or ``en``)."""
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def _needs_translation(language_code: str | None) -> str | None:
    language_code = language_code or active_language()
    return None if language_code == settings.LANGUAGE_CODE else language_code


def translate_records(objects, *, language_code=None):
    """
    Lay each row's translation in ``language_code`` (default: the active language) over it.

    ``objects`` may mix models (quizzes, questions, choices, evaluation forms and items,
    batches); one query per model. Returns the same objects, for chaining.
    """
    objects = list(objects)
    language_code = _needs_translation(language_code)
    if language_code is None:
        return objects
    by_model = defaultdict(list)
    for obj in objects:
        if obj is not None and not getattr(obj, "_translation_overlay", None):
            by_model[type(obj)].append(obj)
    for model, rows in by_model.items():
        fields = model.translated_fields
        translations = {
            translation.translation_key: translation
            for translation in model._base_manager.filter(
                translation_key__in={row.translation_key for row in rows},
                locale__language_code=language_code,
            ).only("translation_key", *fields)
        }
        for row in rows:
            translation = translations.get(row.translation_key)
            if translation is None or translation.pk == row.pk:
                continue
            for field in fields:
                value = getattr(translation, field)
                if value:
                    setattr(row, field, value)
            row._translation_overlay = language_code
    return objects


def translate_record(obj, *, language_code=None):
    """``translate_records`` for one row; returns the row."""
    translate_records([obj], language_code=language_code)
    return obj


def _texts_by_source_pk(model, pks, language_code, fields):
    keys = dict(model._base_manager.filter(pk__in=pks).values_list("pk", "translation_key"))
    if not keys:
        return {}
    translations = {
        row["translation_key"]: row
        for row in model._base_manager.filter(
            translation_key__in=set(keys.values()), locale__language_code=language_code
        ).values("translation_key", *fields)
    }
    return {pk: translations[key] for pk, key in keys.items() if key in translations}


def translate_snapshot_questions(questions, *, language_code=None) -> list[dict]:
    """
    An attempt's snapshot questions with their texts in the page's language.

    The snapshot keeps the ids of the source questions and choices as given; the texts of
    their current translations replace the snapshot's where both still exist. Returns new
    dicts; the attempt's snapshot itself is never changed.
    """
    language_code = _needs_translation(language_code)
    if language_code is None or not questions:
        return questions
    question_texts = _texts_by_source_pk(
        Question, [q["id"] for q in questions], language_code, ("text", "explanation")
    )
    choice_texts = _texts_by_source_pk(
        Choice,
        [c["id"] for q in questions for c in q.get("choices", [])],
        language_code,
        ("text",),
    )
    translated = []
    for question in questions:
        texts = question_texts.get(question["id"], {})
        translated.append(
            {
                **question,
                "text": texts.get("text") or question.get("text", ""),
                "explanation": texts.get("explanation") or question.get("explanation", ""),
                "choices": [
                    {**c, "text": choice_texts.get(c["id"], {}).get("text") or c["text"]}
                    for c in question.get("choices", [])
                ],
            }
        )
    return translated
