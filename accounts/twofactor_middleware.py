"""
``TWO_FACTOR_REQUIRED_FOR_ADMINISTRATORS``: an administrator who has not set up an
authenticator app meets the set-up page before any other page of the Wagtail admin (the page
says why).
"""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.TWO_FACTOR_REQUIRED_FOR_ADMINISTRATORS and self.must_set_up(request):
            return redirect("accounts_admin:two_factor_setup")
        return self.get_response(request)

    @staticmethod
    def must_set_up(request) -> bool:
        from .permissions import is_administrator
        from .twofactor import has_two_factor

        path = request.path_info
        if not path.startswith(reverse("wagtailadmin_home")):
            return False
        if not request.user.is_authenticated:
            return False
        exempt = {
            reverse("accounts_admin:two_factor_setup"),
            reverse("wagtailadmin_logout"),
            reverse("wagtailadmin_javascript_catalog"),
        }
        if path in exempt:
            return False
        return is_administrator(request.user) and not has_two_factor(request.user)
