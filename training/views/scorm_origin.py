"""
Which origin answers for SCORM package files (``training.scorm.origin``): the site's own
route while ``SCORM_CONTENT_ORIGIN`` is unset, the token route on that origin's host once it
is set, never both. ``ContentHostMiddleware`` keeps the rest of the site off that host.
"""

from django.contrib.auth import get_user_model
from django.http import Http404

from cms.csp import SCORM_CONTENT_POLICY, header_value

from ..scorm.origin import content_origin, is_content_host, site_origin, user_id_of_token
from .scorm import ScormContentView


class SiteScormContentView(ScormContentView):
    """A package file from the site's own origin, unless a separate origin serves them."""

    def get(self, request, lesson_id, path):
        if content_origin():
            raise Http404
        return super().get(request, lesson_id, path)


class ScormContentOriginView(ScormContentView):
    """
    A package file on ``SCORM_CONTENT_ORIGIN``'s host, for the holder of the lesson page's
    signed token: the participant it names must still be allowed to play the lesson.
    """

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        # Framed by the site, another origin: the policy's frame-ancestors names it, and
        # X-Frame-Options (which cannot name another origin) must not refuse it.
        del response["X-Frame-Options"]
        response.xframe_options_exempt = True
        return response

    def get(self, request, lesson_id, token, path):
        if not is_content_host(request):
            raise Http404
        user_id = user_id_of_token(token, lesson_id=lesson_id)
        user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
        if user is None:
            raise Http404
        # The token stands for the participant's session, which this origin never sees.
        request.user = user
        response = super().get(request, lesson_id, path)
        response["Content-Security-Policy"] = header_value(
            {**SCORM_CONTENT_POLICY, "frame-ancestors": [site_origin()]}
        )
        response["Referrer-Policy"] = "no-referrer"
        return response
