"""
Who calls the API: a personal access token (``Authorization: Bearer bmt_…``) or the site's
session. Both refuse an administrator whom ``TWO_FACTOR_REQUIRED_FOR_ADMINISTRATORS`` still
asks for the second factor, on every endpoint, before any permission of the endpoint is read.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.authentication import SessionScheme
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import (
    BaseAuthentication,
    SessionAuthentication,
    get_authorization_header,
)
from rest_framework.exceptions import AuthenticationFailed, PermissionDenied

from .. import twofactor
from ..models import PersonalAccessToken
from ..services import access_token_digest


class TwoFactorRequired(PermissionDenied):
    """403: an administrator without the second factor that is required of them."""

    default_code = "two_factor_required"


def require_second_factor(user, *, session: bool) -> None:
    """Raise ``TwoFactorRequired`` with what to do when ``user`` still lacks the second factor."""
    missing = twofactor.missing_second_factor(user, session=session)
    if missing == twofactor.SET_UP:
        raise TwoFactorRequired(
            _(
                "Administrators must use two-factor sign-in before using the API. Set up an "
                "authenticator app on your profile page first."
            )
        )
    if missing == twofactor.VERIFY:
        raise TwoFactorRequired(
            _(
                "This session was signed in without the second factor. Sign in again with the "
                "code from your authenticator app."
            )
        )


LAST_USED_PRECISION = datetime.timedelta(minutes=5)
"""How stale "last used" may be: a busy integration writes it once in a while, not per call."""


class AccessTokenAuthentication(BaseAuthentication):
    """Authenticates a request by a personal access token that is neither revoked nor expired."""

    keyword = b"bearer"

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword:
            return None
        if len(parts) != 2:
            raise AuthenticationFailed(
                _("Send the token as “Authorization: Bearer <token>”, with no spaces in it.")
            )
        try:
            raw_token = parts[1].decode("ascii")
        except UnicodeError as error:
            raise AuthenticationFailed(_("The token is invalid, expired or revoked.")) from error
        token = (
            PersonalAccessToken.objects.usable()
            .select_related("user")
            .filter(digest=access_token_digest(raw_token))
            .first()
        )
        if token is None or not token.user.is_active:
            raise AuthenticationFailed(_("The token is invalid, expired or revoked."))
        require_second_factor(token.user, session=False)
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
            PersonalAccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class TwoFactorSessionAuthentication(SessionAuthentication):
    """The site's session (with its CSRF check), verified by the second factor where required."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None:
            require_second_factor(result[0], session=True)
        return result


class AccessTokenScheme(OpenApiAuthenticationExtension):
    """Describes the tokens in the OpenAPI schema as HTTP bearer authentication."""

    target_class = AccessTokenAuthentication
    name = "accessToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal access token made on the profile page (bmt_…).",
        }


class TwoFactorSessionScheme(SessionScheme):
    """Describes the session in the OpenAPI schema as drf-spectacular does DRF's own."""

    target_class = TwoFactorSessionAuthentication
