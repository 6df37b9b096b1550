"""
Translating learner records: the copy of a quiz, evaluation form or batch in another language.

The copy is what Wagtail's ``copy_for_translation`` makes (the action behind the admin's
"Translate" button): the same fields and children (questions and their choices, evaluation
items) with the same translation keys, in the new locale. It is edited like any record and
only ever supplies texts; see ``training.models.i18n`` and ``docs/translations.md``.
"""

from django.db import transaction
from wagtail.models import Locale

from training.models.i18n import translatable_children


@transaction.atomic
def translate_learner_record(*, source, language_code: str, texts=None, user=None):
    """
    The translation of ``source`` in ``language_code``, made from a copy on the first call.

    Returns ``(translation, created)``; a second call returns the existing translation.
    ``texts``, when given, is called with the unsaved copy and then with each of its
    children, to put translated texts in before saving (the demo seed uses it).
    """
    model = type(source)
    locale = Locale.objects.get(language_code=language_code)
    existing = model.all_locales.filter(
        translation_key=source.translation_key, locale=locale
    ).first()
    if existing is not None:
        return existing, False
    if source.locale_id == locale.pk:
        return source, False
    translation = source.copy_for_translation(locale)
    if texts is not None:
        texts(translation)
        for child in translatable_children(translation):
            texts(child)
    translation.save()
    if user is not None:
        from wagtail.log_actions import log

        log(instance=translation, action="wagtail.copy_for_translation", user=user)
    return translation, True
