"""
The site's chrome — the institution's details, the partners, the header and footer links —
and the Wagtail site of a request, kept in Django's cache so that a page pays no query for
them.

Both are keyed by a version number that ``invalidate_site_chrome`` raises whenever what they
show could change: a site, a site setting or partner saved or deleted, a page published,
unpublished, moved or deleted (the links show page titles and addresses). The version is
raised at once and again when the transaction commits, so a request that read the old rows
while the change was being written cannot keep them. ``SITE_CHROME_CACHE_SECONDS`` bounds
the age anyway: with the per-process default cache, another process learns of a change only
when its copy expires.
"""

from contextvars import ContextVar
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.translation import get_language
from wagtail.models import Locale, Page, Site

from .cache_versions import current_version, raise_version

VERSION_KEY = "cms:site-chrome:version"
# The version read once per request (set up by ``CachedSiteMiddleware``); None outside one.
_request_memo: ContextVar[dict | None] = ContextVar("cms_content_version", default=None)


def content_version() -> int:
    """
    The version of the site's pages and settings: raised by every change of a page, a site
    or a site setting. Other caches of what pages hold use it in their keys. Read from the
    cache once per request.
    """
    memo = _request_memo.get()
    if memo is not None and "version" in memo:
        return memo["version"]
    version = current_version(VERSION_KEY)
    if memo is not None:
        memo["version"] = version
    return version


def content_cache_seconds() -> int:
    """How long a cached copy of page content may live at most (0: not cached)."""
    return getattr(settings, "SITE_CHROME_CACHE_SECONDS", 300)


def cached_content(key: str, read):
    """
    ``read()`` kept in the cache until the content version changes: for what pages and
    settings hold and is the same for every visitor (a course outline, a page's translations).
    """
    seconds = content_cache_seconds()
    if not seconds:
        return read()
    cached = cache.get(f"cms:content:{content_version()}:{key}")
    if cached is None:
        cached = (read(),)  # a tuple, so that a cached None is told from a miss
        # Under the version after the read: a read that wrote (a settings row made on
        # first use) raised it already. A change elsewhere raises it again on commit.
        cache.set(f"cms:content:{content_version()}:{key}", cached, timeout=seconds)
    return cached[0]


def live_translations(page: Page) -> dict:
    """The live translations of ``page`` (itself included) by language code, cached."""

    def read():
        rows = Page.objects.filter(translation_key=page.translation_key, live=True)
        return {row.locale.language_code: row for row in rows.select_related("locale")}

    return cached_content(f"translations:{page.translation_key}", read)


def active_locale() -> Locale:
    """``Locale.get_active()`` from the cache: the locale of the active language."""
    return cached_content(f"locale:{get_language()}", Locale.get_active)


class CachedViewRestrictionsMixin:
    """
    A page type whose view restrictions cost no query while the site has none at all (the
    usual case): Wagtail otherwise reads the page's ancestors and their restrictions on
    every view. Any restriction added anywhere changes the content version.
    """

    def get_view_restrictions(self):
        from wagtail.models import PageViewRestriction

        if not cached_content("view-restrictions", PageViewRestriction.objects.exists):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def invalidate_site_chrome(**kwargs) -> None:
    """Forget the cached chrome and sites (any signal's receiver)."""
    _raise_version()
    transaction.on_commit(_raise_version)


def _raise_version() -> None:
    memo = _request_memo.get()
    if memo:
        memo.clear()
    raise_version(VERSION_KEY)


def _host_key(request) -> str:
    # The raw host, as Wagtail matches sites by it (without the ALLOWED_HOSTS check).
    return f"{request._get_raw_host()}:{request.get_port()}"


def find_site(request) -> Site | None:
    """
    ``Site.find_for_request`` through the cache: the site with its root page, looked up once
    per host until a site or page changes. Wagtail reads ``request._wagtail_site`` after.
    """
    if not hasattr(request, "_wagtail_site"):

        def read():
            site = Site.find_for_request(request)
            if site is not None:
                # Routing starts from the root page's specific form: keep that.
                site.root_page = site.root_page.specific
            return site

        request._wagtail_site = cached_content(f"site:{_host_key(request)}", read)
    return request._wagtail_site


class CachedSiteMiddleware:
    """
    Reads the content version once per request, and sets the request's Wagtail site from
    the cache before the view routes or reads it; in ``process_view``, so that a page
    answered from the anonymous page cache skips it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_memo.set({})
        try:
            return self.get_response(request)
        finally:
            _request_memo.reset(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Only Wagtail's page view routes by site; other views (the API, the health check)
        # read it, through the cache, only if their template shows the chrome.
        from wagtail.views import serve  # not at import: this module loads with the models

        # Only the page view: others (the API, the health check) must not fail or wait on a
        # read they do not need; a view that links to pages calls ``find_site`` itself.
        if view_func is serve:
            find_site(request)


@dataclass
class Partner:
    name: str
    url: str


@dataclass
class SiteChrome:
    """What every page shows around its content, in one language of one site."""

    short_name: str = ""
    institution_name: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    office_hours: str = ""
    partners: list[Partner] = field(default_factory=list)
    header_links: list[dict] = field(default_factory=list)
    footer_links: list[dict] = field(default_factory=list)
    footer_text: str = ""


def _link_items(stream, request) -> list[dict]:
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
        items.append({"url": url, "label": str(label)})
    return items


def _read_chrome(request) -> SiteChrome:
    from .models import NavigationSettings, SiteSettings

    site = find_site(request)
    if site is None:
        return SiteChrome(short_name="Bimtek")
    # Read, never written: Wagtail's ``for_site`` would create the rows on first use.
    institution = SiteSettings.objects.filter(site=site).first() or SiteSettings(site=site)
    navigation = NavigationSettings.objects.filter(site=site).first() or NavigationSettings(
        site=site
    )
    return SiteChrome(
        short_name=institution.short_name,
        institution_name=institution.institution_name,
        address=institution.address,
        phone=institution.phone,
        email=institution.email,
        office_hours=institution.office_hours,
        partners=[Partner(name=p.name, url=p.url) for p in institution.partners.all()],
        header_links=_link_items(navigation.header_links, request),
        footer_links=_link_items(navigation.footer_links, request),
        footer_text=str(navigation.footer_text),
    )


def site_chrome(request) -> SiteChrome:
    """The chrome of the request's site in the active language: cached, once per request."""
    if not hasattr(request, "_site_chrome"):
        key = f"chrome:{get_language()}:{_host_key(request)}"
        request._site_chrome = cached_content(key, lambda: _read_chrome(request))
    return request._site_chrome
