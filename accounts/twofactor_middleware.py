"""
``TWO_FACTOR_REQUIRED_FOR_ADMINISTRATORS`` on the Wagtail admin, where every staff page,
listing, report, export and import lives: an administrator who has not set up an
authenticator app meets the set-up page before any other page (the page says why), and one
whose session did not give the code (``request.user.is_verified()``) signs in again. The
REST API asks the same in its authentication (``accounts.api.authentication``), access tokens
in ``accounts.views``.
"""

from django.conf import settings
from django.urls import reverse


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.TWO_FACTOR_REQUIRED_FOR_ADMINISTRATORS and self.guards(request):
            from .twofactor_views import second_factor_response

            response = second_factor_response(
                request,
                login_url_name="wagtailadmin_login",
                setup_url_name="accounts_admin:two_factor_setup",
            )
            if response is not None:
                return response
        return self.get_response(request)

    @staticmethod
    def guards(request) -> bool:
        """Whether the request is for an admin page that a signed-in user must pass through."""
        path = request.path_info
        if not path.startswith(reverse("wagtailadmin_home")):
            return False
        if not request.user.is_authenticated:
            return False
        exempt = {
            reverse("accounts_admin:two_factor_setup"),
            reverse("admin_sign_in"),
            reverse("admin_sign_in_code"),
            reverse("wagtailadmin_logout"),
            reverse("wagtailadmin_javascript_catalog"),
        }
        return path not in exempt
