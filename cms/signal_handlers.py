"""Forget the cached site chrome and sites (``cms.chrome``) whenever what they show changes."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .chrome import invalidate_site_chrome
from .models import NavigationSettings, Partner, SiteSettings


def page_changed(sender, instance, **kwargs):
    # Any page saved (not only published: pages made in code may skip the workflow) or
    # deleted; a model's own signal names its concrete class, so the sender is not filtered.
    if isinstance(instance, Page):
        invalidate_site_chrome()


def register_signal_handlers():
    # Links show the titles and addresses of live pages; a site's root page is a page too.
    for name, signal in (
        ("published", page_published),
        ("unpublished", page_unpublished),
        ("moved", post_page_move),
    ):
        signal.connect(invalidate_site_chrome, dispatch_uid=f"site-chrome-page-{name}")
    post_save.connect(page_changed, dispatch_uid="site-chrome-page-saved")
    post_delete.connect(page_changed, dispatch_uid="site-chrome-page-deleted")
    for model in (Site, Locale, PageViewRestriction, SiteSettings, Partner, NavigationSettings):
        post_save.connect(
            invalidate_site_chrome, sender=model, dispatch_uid=f"site-chrome-{model.__name__}"
        )
        post_delete.connect(
            invalidate_site_chrome,
            sender=model,
            dispatch_uid=f"site-chrome-{model.__name__}-deleted",
        )
