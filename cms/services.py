"""Services for site pages: publishing a page and its translation idempotently."""

from django.db import transaction
from wagtail.models import Locale, Page


@transaction.atomic
def publish_page(*, parent: Page, page_class, slug: str, tags=None, **fields) -> Page:
    """
    Create the page under ``parent`` or update the existing one with that slug, and publish it.

    ``tags`` (a list of names) replaces the page's tags when the page type has them. Used by
    the demo seeding and by data imports, so running them twice changes nothing.
    """
    page = page_class.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = page_class(slug=slug, **fields)
        parent.add_child(instance=page)
    else:
        for name, value in fields.items():
            setattr(page, name, value)
    if tags is not None:
        page.tags.set(tags)
    page.save_revision().publish()
    # Publishing saves a copy built from the revision; reload so that callers adding
    # children see the saved slug and URL path.
    page.refresh_from_db()
    return page


@transaction.atomic
def publish_translation(*, page: Page, language_code: str, tags=None, **fields) -> Page:
    """
    Create (or update) the translation of ``page`` into a language and publish it.

    The translation is created the way the admin's "Translate" action does, so Wagtail keeps
    the two pages linked by their translation key. ``tags`` replaces the translation's tags.
    """
    locale, _created = Locale.objects.get_or_create(language_code=language_code)
    translation = page.get_translation_or_none(locale)
    if translation is None:
        translation = page.copy_for_translation(locale, copy_parents=True)
    translation = translation.specific
    for name, value in fields.items():
        setattr(translation, name, value)
    if tags is not None:
        translation.tags.set(tags)
    translation.save_revision().publish()
    # Publishing saves a copy built from the revision; reload so that callers adding
    # children see the saved slug and URL path.
    translation.refresh_from_db()
    return translation
