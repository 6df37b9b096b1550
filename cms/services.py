"""Services for site pages: publishing a page and its translation idempotently."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Collection, Locale, Page


@transaction.atomic
def ensure_tree_roots() -> Page:
    """
    Make sure the rows Wagtail's migrations create exist: default locale, root page, root
    collection. They are missing after `manage.py flush` (and after a transactional test),
    and every page and image hangs off them. Returns the root page.
    """
    locale, _created = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(
            instance=Page(
                title="Root",
                slug="root",
                content_type=ContentType.objects.get_for_model(Page),
                locale=locale,
            )
        )
    return root


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
