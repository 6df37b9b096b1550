"""
Where SCORM package files are served from: the site's own origin (the default), or a separate
origin set in ``SCORM_CONTENT_ORIGIN`` (``https://scorm.example.org``).

On the site's origin a package's scripts run with the participant's session and could reach
every page and API of the site; the player's sandbox cannot stop that, because a SCO must be
same-origin with the player to find the SCORM runtime in its parent frame. On a separate
origin the files reach nothing of the site. The site's session cookie is not sent there, so
the lesson page hands the frame a signed token instead, naming the lesson and the
participant and valid for ``SCORM_CONTENT_TOKEN_SECONDS``; each file request checks it, then
``can_play_scorm`` as on the site. See docs/scorm.md for what does not work yet that way.
"""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.checks import Error, register
from django.http import HttpResponseNotFound
from django.urls import reverse

TOKEN_SALT = "training.scorm.content-origin"
# The token route (``training:scorm_content_origin``), in either language: the only paths
# the content host answers.
CONTENT_ORIGIN_PATH = re.compile(r"^/(en/)?pelajaran/\d+/scorm/konten/[^/]+/.")


def content_origin() -> str:
    """``SCORM_CONTENT_ORIGIN`` without a trailing slash; empty when files stay on the site."""
    return (getattr(settings, "SCORM_CONTENT_ORIGIN", "") or "").rstrip("/")


def content_host() -> str:
    """The host (and port) the separate origin answers on, as ``request.get_host()`` gives it."""
    return urlsplit(content_origin()).netloc.lower()


def site_origin() -> str:
    """The site's own origin (from ``SITE_URL``): the only one that may frame the content."""
    parts = urlsplit(settings.SITE_URL)
    return f"{parts.scheme}://{parts.netloc}"


def is_content_host(request) -> bool:
    return bool(content_origin()) and request.get_host().lower() == content_host()


def content_token(*, lesson_id: int, user_id: int) -> str:
    return signing.dumps([lesson_id, user_id], salt=TOKEN_SALT)


def user_id_of_token(token: str, *, lesson_id: int) -> int | None:
    """The participant a token was given to, if it is genuine, fresh and for this lesson."""
    try:
        token_lesson, user_id = signing.loads(
            token, salt=TOKEN_SALT, max_age=settings.SCORM_CONTENT_TOKEN_SECONDS
        )
    except (signing.BadSignature, TypeError, ValueError):
        return None
    return user_id if token_lesson == lesson_id else None


def content_base_url(*, lesson, user) -> str:
    """
    The URL of the folder holding a lesson's package files, for the player's frame: launch
    paths are relative to it. On the site's origin without a token; on the separate origin
    with a token for ``user``.
    """
    if not content_origin():
        url = reverse("training:scorm_content", args=[lesson.pk, "imsmanifest.xml"])
        return url.removesuffix("imsmanifest.xml")
    token = content_token(lesson_id=lesson.pk, user_id=user.pk)
    url = reverse("training:scorm_content_origin", args=[lesson.pk, token, "imsmanifest.xml"])
    return content_origin() + url.removesuffix("imsmanifest.xml")


class ContentHostMiddleware:
    """
    On ``SCORM_CONTENT_ORIGIN``'s host, answer nothing but package files (404): the sign-in
    page, the API or a lesson must not be served, let alone framed, under the content's origin.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_content_host(request) and not CONTENT_ORIGIN_PATH.match(request.path_info):
            return HttpResponseNotFound()
        return self.get_response(request)


@register()
def check_content_origin(app_configs=None, **kwargs):
    """
    ``SCORM_CONTENT_ORIGIN`` is a scheme and a host of its own: on the site's own host the
    middleware above would answer 404 for every page of the site.
    """
    origin = content_origin()
    if not origin:
        return []
    parts = urlsplit(origin)
    site_host = urlsplit(settings.SITE_URL).netloc.lower()
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path:
        problem = "must be a scheme and a host, such as https://scorm.example.org"
    elif parts.netloc.lower() == site_host:
        problem = "must be another host than SITE_URL's"
    else:
        return []
    return [Error(f"SCORM_CONTENT_ORIGIN ({origin}) {problem}.", id="training.E001")]
