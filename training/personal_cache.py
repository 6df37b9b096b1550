"""
Whole-page cache of a signed-in participant's own lesson pages and dashboard.

A participant goes back and forth between the lessons of a course, back to the dashboard and
reloads pages on a slow link; between two of those views nothing on the page changes unless
the participant, a trainer or an administrator changed something. A page opts in by calling
``allow_personal_cache(request)`` while it is served; the middleware stores the response
under a key that belongs to this one session and answers the next identical request from it
before any routing or query (the session itself is read, from the cache).

The key holds everything a stored page may depend on, so a change never shows late:

- the session key and the CSRF cookie: a page is only ever served to the browser it was
  rendered for, with a form token that this browser's cookie accepts (masked afresh for
  every answer, as Django does for every rendered page);
- the participant's own version, raised by every request of theirs that is not a GET or HEAD
  (marking a lesson done, a quiz answer, a SCORM commit, an evaluation, signing out), and by
  any save or deletion of their lesson progress, attempts, evaluation responses, SCORM
  progress, attendance, certificates or user record, by whoever makes it (a trainer's grade,
  an administrator's decision, a Celery task);
- the version of the site's pages and settings (``cms.chrome``), the version of the
  anonymous pages (``training.page_cache``: any batch or enrolment change, any publish) and
  the version of the header's admin link (``accounts.permissions``: any group change);
- the host, the language and the full path.

Never stored: a page that set a cookie, a response other than a 200 to GET, a preview, a
request with messages waiting to be shown. ``PERSONAL_PAGE_CACHE_SECONDS`` bounds the age
anyway (quiz windows and batch dates move with the clock); 0 turns it off, which is the
default without a shared cache (``CACHE_URL``): the versions must reach every process.

A lesson view also records that the lesson was opened (``record_lesson_opened``); a page
answered from the cache still does, with the one ``UPDATE`` that the view would have run.
"""

import hashlib
import re

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

from accounts.permissions import ADMIN_ACCESS_VERSION_KEY
from cms.cache_versions import current_versions, raise_version
from cms.chrome import VERSION_KEY as CONTENT_VERSION_KEY

from .page_cache import VERSION_KEY as ANONYMOUS_VERSION_KEY
from .services import mark_lesson_opened

PARTICIPANT_VERSION_KEY = "training:personal-pages:version:{}"
# The form token Django puts in a page: masked afresh for every response (against BREACH),
# so a page answered from the cache gets a new mask of the same secret too.
CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')
MESSAGES_SESSION_KEY = "_messages"


def allow_personal_cache(request, *, opened_progress_id: int | None = None) -> None:
    """
    Mark the page being served as depending only on what the key covers. A lesson page
    passes the progress record that its view marked opened, to be marked again on a hit.
    """
    request.personal_page_cacheable = True
    if opened_progress_id is not None:
        request.personal_page_opened_progress = opened_progress_id


def invalidate_personal_pages(user_id) -> None:
    """Forget every cached page of one user."""
    if user_id is not None:
        raise_version(PARTICIPANT_VERSION_KEY.format(user_id))


def _session_user_id(request):
    session = getattr(request, "session", None)
    if session is None or settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return None
    return session.get(SESSION_KEY)


def _has_csrf_cookie(request) -> bool:
    # Without it the page would get a token for a secret the browser has not stored yet.
    return settings.CSRF_COOKIE_NAME in request.COOKIES


def _has_waiting_messages(request) -> bool:
    from django.contrib.messages.storage.cookie import CookieStorage

    return CookieStorage.cookie_name in request.COOKIES or bool(
        request.session.get(MESSAGES_SESSION_KEY)
    )


def _key(request, user_id) -> str:
    version_keys = [
        PARTICIPANT_VERSION_KEY.format(user_id),
        CONTENT_VERSION_KEY,
        ANONYMOUS_VERSION_KEY,
        ADMIN_ACCESS_VERSION_KEY,
    ]
    versions = ".".join(map(str, current_versions(version_keys)))
    session_and_cookie = (
        f"{request.session.session_key}:{request.COOKIES.get(settings.CSRF_COOKIE_NAME, '')}"
    )
    browser = hashlib.blake2b(session_and_cookie.encode(), digest_size=12).hexdigest()
    return (
        f"training:personal-page:{user_id}:{versions}:{browser}:{get_language()}:"
        f"{request.get_host()}:{request.get_full_path()}"
    )


class PersonalPageCacheMiddleware:
    """Answers a participant's repeated page views from their own cache entries."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = getattr(settings, "PERSONAL_PAGE_CACHE_SECONDS", 0)
        user_id = _session_user_id(request) if seconds else None
        if user_id is None:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            try:
                return self.get_response(request)
            finally:
                # Whatever the request changed, the participant's pages show it next time.
                invalidate_personal_pages(user_id)
        if (
            request.method != "GET"
            or not _has_csrf_cookie(request)
            or _has_waiting_messages(request)
        ):
            return self.get_response(request)

        key = _key(request, user_id)
        cached = cache.get(key)
        if cached is not None:
            content, headers, opened_progress, form_token = cached
            if opened_progress is not None:
                mark_lesson_opened(progress_id=opened_progress)
            if form_token:
                content = content.replace(form_token, get_token(request).encode())
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "personal"
            return response

        response = self.get_response(request)
        if (
            getattr(request, "personal_page_cacheable", False)
            and not getattr(request, "is_preview", False)
            and response.status_code == 200
            and not response.cookies
            and not getattr(response, "streaming", False)
            and request.user.is_authenticated
            and str(request.user.pk) == str(user_id)
        ):
            form_token = CSRF_INPUT.search(response.content)
            cache.set(
                key,
                (
                    response.content,
                    list(response.items()),
                    getattr(request, "personal_page_opened_progress", None),
                    form_token and form_token.group(1),
                ),
                timeout=seconds,
            )
        return response


def participant_record_changed(sender, instance, raw=False, **kwargs):
    """Receiver for the records of one enrolment: its participant's pages are forgotten."""
    if raw:
        return
    from .models import Enrolment

    enrolment_id = getattr(instance, "enrolment_id", None)
    if enrolment_id is None:
        return
    if type(instance).enrolment.is_cached(instance):
        participant_id = instance.enrolment.participant_id
    else:
        participant_id = (
            Enrolment.objects.filter(pk=enrolment_id)
            .values_list("participant_id", flat=True)
            .first()
        )
    invalidate_personal_pages(participant_id)


def user_changed(sender, instance, raw=False, **kwargs):
    """Receiver for the user record (name in the header, password, active or not)."""
    if not raw:
        invalidate_personal_pages(instance.pk)
