"""Template tags for the site's chrome: navigation links and the language switcher."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page, Site

from cms.models import NavigationSettings

register = template.Library()


def _link_items(stream, request):
    """
    The links of a navigation stream in the visitor's language.

    The translations of all linked pages are read in one query (not one per link), so the
    cost of the header and footer stays flat however many links an editor adds.
    """
    language = get_language()
    linked = [block.value.get("page") for block in stream if block.value.get("page")]
    translations = {}
    if linked:
        rows = Page.objects.filter(
            translation_key__in=[page.translation_key for page in linked],
            locale__language_code=language,
            live=True,
        ).only("id", "title", "url_path", "live", "translation_key", "locale_id", "path", "depth")
        translations = {page.translation_key: page for page in rows}
    items = []
    for block in stream:
        value = block.value
        page = value.get("page")
        if page:
            page = translations.get(page.translation_key, page)
            if not page.live:
                continue
            label = value.get("label") or page.title
            if language == "en" and value.get("label_en"):
                label = value["label_en"]
            url = page.get_url(request)
        else:
            label = (language == "en" and value.get("label_en")) or value.get("label")
            url = value.get("url")
        items.append({"url": url, "label": label})
    return items


@register.inclusion_tag("cms/tags/navigation.html", takes_context=True)
def navigation(context, placement="header"):
    """The header or footer links of the current site, in the visitor's language."""
    request = context["request"]
    nav = NavigationSettings.for_request(request)
    stream = nav.header_links if placement == "header" else nav.footer_links
    items = _link_items(stream, request)
    for item in items:
        item["current"] = item["url"] == request.path
    return {"items": items, "placement": placement, "footer_text": nav.footer_text}


def _live_translations(page) -> dict:
    """The live translations of ``page`` (itself included) by language code, in one query."""
    rows = Page.objects.filter(translation_key=page.translation_key, live=True).select_related(
        "locale"
    )
    return {row.locale.language_code: row for row in rows}


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
    # One query for the page's translations and, only when a language lacks one, one for
    # the home pages: the switcher costs the same however many languages the site has.
    translations = _live_translations(page) if is_page else {}
    homes = None
    languages = []
    for code, name in settings.LANGUAGES:
        url = None
        if is_page:
            if code in translations:
                url = translations[code].get_url(request)
            else:
                if homes is None:
                    site = Site.find_for_request(request)
                    homes = _live_translations(site.root_page) if site else {}
                url = homes[code].get_url(request) if code in homes else None
        if url is None:
            url = translate_url(request.get_full_path(), code)
        languages.append({"code": code, "name": name, "url": url, "current": code == current})
    return {"languages": languages}
