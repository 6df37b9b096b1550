"""
Content-Security-Policy: one strict policy for the site's own pages, relaxed policies for
the paths that need them (the Wagtail admin, SCORM packages), chosen per request path.

A small middleware rather than django-csp: the policies are a table of path patterns, so
a branch adding a path (the SCORM player) adds a row, and nothing else needs to know.
The site's own templates contain no inline scripts, event handlers or style attributes
(``tests/security/test_csp.py`` checks every page of the access-control matrix), so the
default policy allows scripts and styles from the site's origin only.
"""

import re
from functools import lru_cache

from django.conf import settings

SELF = "'self'"
NONE = "'none'"

# Video embeds in lessons (Wagtail embeds) load their players in frames from these hosts.
VIDEO_FRAME_SOURCES = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
]

DEFAULT_POLICY = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF],
    "img-src": [SELF, "data:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    "media-src": [SELF],
    "frame-src": [SELF, *VIDEO_FRAME_SOURCES],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    # Wagtail previews frame the site's pages from the admin, on the same origin.
    "frame-ancestors": [SELF],
}

# The Wagtail admin renders inline scripts (date pickers, inline panels) and style
# attributes of its own; it is only for signed-in staff, and keeps everything else strict.
ADMIN_POLICY = {
    **DEFAULT_POLICY,
    "script-src": [SELF, "'unsafe-inline'"],
    "style-src": [SELF, "'unsafe-inline'"],
    "img-src": [SELF, "data:", "blob:"],
    "font-src": [SELF, "data:"],
}

# What a SCORM package may do, in the player's frame (its sandbox attribute) and opened on
# its own (the policy's sandbox directive). Scripts: a SCO is one. Same origin: a SCO finds
# the runtime by reading window.parent.API (API_1484_11 in 2004), which only works while its
# frame keeps the player's origin; without it the frame gets an opaque origin and the SCO
# finds no API. Forms and modal dialogs: authoring tools build quizzes as forms and ask
# "resume where you left off?" with confirm(). Not allowed: navigating the lesson page away,
# pop-up windows, downloads, pointer lock. Served from the site's own origin, scripts with
# same origin can lift the sandbox (the HTML standard says so), so there it keeps honest
# packages in their frame but is no wall against a hostile one: SCORM_CONTENT_ORIGIN is.
SCORM_SANDBOX = "allow-scripts allow-same-origin allow-forms allow-modals"

# SCORM packages are third-party HTML with inline scripts and styles; they run framed by
# the player page (same origin) and reach the CMI endpoints on the same origin only.
SCORM_CONTENT_POLICY = {
    **DEFAULT_POLICY,
    "script-src": [SELF, "'unsafe-inline'", "'unsafe-eval'"],
    "style-src": [SELF, "'unsafe-inline'"],
    "img-src": [SELF, "data:", "blob:"],
    "font-src": [SELF, "data:"],
    "frame-ancestors": [SELF],
    "sandbox": SCORM_SANDBOX.split(),
}

# (path pattern, policy); the first match wins, the default applies to everything else.
DEFAULT_PATH_POLICIES = [
    (r"^/admin/", ADMIN_POLICY),
    (r"^(/en)?/pelajaran/\d+/scorm/berkas/", SCORM_CONTENT_POLICY),
]


def header_value(policy: dict) -> str:
    return "; ".join(f"{directive} {' '.join(sources)}" for directive, sources in policy.items())


@lru_cache(maxsize=32)
def _pattern(text: str) -> re.Pattern:
    return re.compile(text)


def policy_for_path(path: str) -> str:
    """
    The Content-Security-Policy header value for a request path: the first matching row of
    ``CSP_PATH_POLICIES``, else ``CSP_DEFAULT_POLICY`` (settings; the defaults above).
    """
    for pattern, policy in getattr(settings, "CSP_PATH_POLICIES", DEFAULT_PATH_POLICIES):
        if _pattern(pattern).search(path):
            return header_value(policy)
    return header_value(_framing_scorm(getattr(settings, "CSP_DEFAULT_POLICY", DEFAULT_POLICY)))


def _framing_scorm(policy: dict) -> dict:
    """The site's pages may frame SCORM packages served from ``SCORM_CONTENT_ORIGIN``."""
    origin = getattr(settings, "SCORM_CONTENT_ORIGIN", "")
    if not origin or "frame-src" not in policy:
        return policy
    return {**policy, "frame-src": [*policy["frame-src"], origin.rstrip("/")]}


class ContentSecurityPolicyMiddleware:
    """Add the path's Content-Security-Policy unless a view has set its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(settings, "CSP_ENABLED", True) and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy_for_path(request.path)
        return response
