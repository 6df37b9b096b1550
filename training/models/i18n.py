"""
Translatable learner records: quizzes, questions, choices, evaluation forms and items, batches.

Each has Wagtail's ``TranslatableMixin`` (``locale`` and ``translation_key``). Rows in the
default language (Indonesian, ``settings.LANGUAGE_CODE``) are the *source* rows: attempts,
answers, enrolments, evaluation responses, certificates and every report point at them only.
A translation, made with the admin's "Translate" action, is a copy in another locale that
shares its source's ``translation_key``; it only supplies texts, which
``training.translations`` lays over the source rows in memory for a page in that language.
See ``docs/translations.md``.
"""

from django.conf import settings
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.models import Locale, TranslatableMixin


class SourceLanguageManager(models.Manager):
    """Rows in the default language only: the rows attempts, enrolments and reports use."""

    def get_queryset(self):
        return super().get_queryset().filter(locale__language_code=settings.LANGUAGE_CODE)


def translatable_children(record):
    """Every row in a record's cluster (questions and their choices, items), nested."""
    for relation in record._meta.related_objects:
        if isinstance(relation.field, ParentalKey):
            for child in getattr(record, relation.get_accessor_name()).all():
                yield child
                yield from translatable_children(child)


class TranslatableRecord(TranslatableMixin):
    """
    A translatable learner record.

    ``objects`` (the default manager, also behind reverse relations such as
    ``course.quizzes``) sees the source rows only; ``all_locales`` sees every translation,
    for the admin and for looking translations up. ``translated_fields`` are the texts a
    translation supplies; every other field is always read from the source row.
    """

    translated_fields: tuple[str, ...] = ()

    # Wagtail's reference index task looks records up through ``objects``, which does not
    # see translations; these records link to nothing an editor needs to trace anyway.
    wagtail_reference_index_ignore = True

    objects = SourceLanguageManager()
    all_locales = models.Manager()

    class Meta(TranslatableMixin.Meta):
        abstract = True

    def get_translations(self, inclusive=False):
        """Wagtail's lookup, over every language rather than the default manager's one."""
        translations = type(self).all_locales.filter(translation_key=self.translation_key)
        return translations if inclusive else translations.exclude(pk=self.pk)

    def copy_for_translation(self, locale, exclude_fields=None):
        """Wagtail's copy, with the locale set on nested children too (a question's choices)."""
        translation = super().copy_for_translation(locale, exclude_fields=exclude_fields)
        for child in translatable_children(translation):
            if isinstance(child, TranslatableMixin):
                child.locale = locale
        return translation

    def save(self, *args, **kwargs):
        if getattr(self, "_translation_overlay", None):
            raise RuntimeError(
                "A source row carrying a translation's texts in memory must not be saved."
            )
        return super().save(*args, **kwargs)


class TranslatableOrderable(TranslatableMixin):
    """A translatable child row (question, choice, evaluation item), reached through its parent."""

    translated_fields: tuple[str, ...] = ()

    class Meta(TranslatableMixin.Meta):
        abstract = True

    def get_default_locale(self):
        """The parent's locale, read past the parent's default manager (source rows only)."""
        for field in self._meta.get_fields():
            if isinstance(field, ParentalKey) and issubclass(
                field.related_model, TranslatableMixin
            ):
                parent_id = field.value_from_object(self)
                parents = field.related_model._base_manager.filter(pk=parent_id)
                return Locale.objects.get(pk__in=parents.values("locale_id"))
        return Locale.get_default()

    def save(self, *args, **kwargs):
        if getattr(self, "_translation_overlay", None):
            raise RuntimeError(
                "A source row carrying a translation's texts in memory must not be saved."
            )
        return super().save(*args, **kwargs)
