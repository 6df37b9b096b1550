"""Template tags for the site's chrome: navigation links and the language switcher."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page

from cms.chrome import find_site, live_translations, site_chrome

register = template.Library()


@register.inclusion_tag("cms/tags/navigation.html", takes_context=True)
def navigation(context, placement="header"):
    """The header or footer links of the current site, in the visitor's language."""
    request = context["request"]
    chrome = site_chrome(request)
    links = chrome.header_links if placement == "header" else chrome.footer_links
    items = [{**item, "current": item["url"] == request.path} for item in links]
    return {"items": items, "placement": placement, "footer_text": chrome.footer_text}


@register.inclusion_tag("cms/tags/language_switcher.html", takes_context=True)
def language_switcher(context):
    """
    Links to this page in each site language.

    On a Wagtail page the link goes to its translation when there is one, else to the home
    page of that language; on other views it goes to the same view under the other prefix.
    """
    request = context["request"]
    page = context.get("page")
    current = get_language()
    is_page = isinstance(page, Page)
    # The page's translations and, only when a language lacks one, the home pages: one
    # cached read each, so the switcher costs the same however many languages the site has.
    translations = live_translations(page) if is_page else {}
    homes = None
    languages = []
    for code, name in settings.LANGUAGES:
        url = None
        if is_page:
            if code in translations:
                url = translations[code].get_url(request)
            else:
                if homes is None:
                    site = find_site(request)
                    homes = live_translations(site.root_page) if site else {}
                url = homes[code].get_url(request) if code in homes else None
        if url is None:
            url = translate_url(request.get_full_path(), code)
        languages.append({"code": code, "name": name, "url": url, "current": code == current})
    return {"languages": languages}
