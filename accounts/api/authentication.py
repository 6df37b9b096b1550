"""Personal access tokens on the API: ``Authorization: Bearer bmt_…``."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed

from ..models import PersonalAccessToken
from ..services import access_token_digest

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
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
            PersonalAccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


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
