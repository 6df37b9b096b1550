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
from django.db.models import F, OuterRef, Subquery, Value
from django.utils.translation import get_language

from cms.chrome import active_locale
from training.models import Choice, Question
from training.selectors import localise_pages


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


def localized_pages(*pages):
    """
    Each page's live translation in the active language (itself when none, or None for
    None), in one query, none when every page is in that language already.
    """
    locale = active_locale()
    others = [page for page in pages if page is not None and page.locale_id != locale.pk]
    found = localise_pages(others, locale) if others else {}
    return [page and found.get(page.translation_key, page) for page in pages]


def translate_record(obj, *, language_code=None):
    """``translate_records`` for one row; returns the row."""
    translate_records([obj], language_code=language_code)
    return obj


def _translated_texts(model, pks, language_code, explanation):
    """Translated texts of the rows ``pks`` (source ids) as (model, source id, text, expl.)."""
    sources = model._base_manager.filter(pk__in=pks)
    return (
        model._base_manager.filter(
            locale__language_code=language_code,
            translation_key__in=sources.values("translation_key"),
        )
        .annotate(
            record=Value(model._meta.model_name),
            source_pk=Subquery(
                sources.filter(translation_key=OuterRef("translation_key")).values("pk")[:1]
            ),
            expl=explanation,
        )
        .order_by()
        .values_list("record", "source_pk", "text", "expl")
    )


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
    question_ids = [q["id"] for q in questions]
    choice_ids = [c["id"] for q in questions for c in q.get("choices", [])]
    # Questions and choices in one query.
    rows = _translated_texts(Question, question_ids, language_code, F("explanation")).union(
        _translated_texts(Choice, choice_ids, language_code, Value("")), all=True
    )
    question_texts, choice_texts = {}, {}
    for record, source_pk, text, explanation in rows:
        if record == "question":
            question_texts[source_pk] = {"text": text, "explanation": explanation}
        else:
            choice_texts[source_pk] = {"text": text}
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
