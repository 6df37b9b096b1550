"""
Whole-page cache of the public catalogue and course pages, for anonymous visitors only.

A page opts in by calling ``allow_anonymous_cache(request)`` while it is served; the
middleware stores the page's response in Django's cache and answers later visitors from it
before any routing or query. Never for a signed-in visitor, a visitor with a session or
pending messages, a preview, a response that sets a cookie, or anything but a 200 to GET.

Every stored page is keyed by a version number that ``invalidate_anonymous_pages`` raises:
publishing, unpublishing, moving or deleting any page, saving site settings, and changing a
batch or an enrolment (the page shows open batches and places left) all call it, so a
visitor never sees a page older than the last change. ``ANONYMOUS_PAGE_CACHE_SECONDS``
bounds the age anyway (enrolment windows open and close with the clock); 0 turns the cache
off. The version lives in the cache itself, so several processes share it only through a
shared cache (Redis via ``CACHE_URL``); with the per-process default cache the setting is
0 unless configured.
"""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import get_language

from cms.cache_versions import current_version, raise_version

VERSION_KEY = "training:anonymous-pages:version"
# Cookies that make a visitor someone in particular: their pages are never shared.
PERSONAL_COOKIES = ("sessionid", "messages")


def allow_anonymous_cache(request) -> None:
    """Mark the page being served as the same for every anonymous visitor."""
    request.anonymous_page_cacheable = True


def invalidate_anonymous_pages(**kwargs) -> None:
    """Forget every cached page (any signal's receiver)."""
    raise_version(VERSION_KEY)


def _is_shareable_request(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    names = {settings.SESSION_COOKIE_NAME, *PERSONAL_COOKIES}
    return not any(name in request.COOKIES for name in names)


def _key(request) -> str:
    version = current_version(VERSION_KEY)
    return f"training:anonymous-page:{version}:{get_language()}:{request.get_host()}:" + (
        request.get_full_path()
    )


class AnonymousPageCacheMiddleware:
    """Answers anonymous visitors from the page cache; stores the pages that opted in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = getattr(settings, "ANONYMOUS_PAGE_CACHE_SECONDS", 0)
        if not seconds or not _is_shareable_request(request):
            return self.get_response(request)
        key = _key(request)
        cached = cache.get(key)
        if cached is not None:
            content, content_type = cached
            response = HttpResponse(content, content_type=content_type)
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if (
            request.method == "GET"  # a HEAD response may come without its body
            and getattr(request, "anonymous_page_cacheable", False)
            and not getattr(request, "is_preview", False)
            and response.status_code == 200
            and not response.cookies
            and not getattr(response, "streaming", False)
            and not request.user.is_authenticated
        ):
            cache.set(key, (response.content, response["Content-Type"]), timeout=seconds)
        return response
