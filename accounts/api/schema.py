"""
How the OpenAPI schema describes every operation beyond its success: the errors it may
answer with, and the ``Accept-Language`` header that chooses Indonesian or English.

Each documented status is one the operation can really give, so that a schema-driven test
(schemathesis) can hold every answer to the schema.
"""

from drf_spectacular import openapi
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers
from rest_framework.permissions import AllowAny

ACCEPT_LANGUAGE = OpenApiParameter(
    name="Accept-Language",
    type=str,
    location=OpenApiParameter.HEADER,
    required=False,
    description=(
        "Language of texts and error messages: `id` (Indonesian, the default) or `en`. "
        "Other languages get Indonesian."
    ),
)


class ErrorSerializer(serializers.Serializer):
    """An error with one translated message."""

    detail = serializers.CharField()


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's schema with the errors and the language header added."""

    def get_override_parameters(self):
        return [*super().get_override_parameters(), ACCEPT_LANGUAGE]

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code, body in self._error_responses().items():
            if code not in responses:
                responses[code] = self._get_response_for_code(body, code, direction=direction)
        return responses

    def _error_responses(self) -> dict:
        # 401: a wrong token is refused everywhere; 429: every endpoint is rate-limited.
        errors = {"401": ErrorSerializer, "429": ErrorSerializer}
        is_list = self._is_list_view()
        if is_list or "{" in self.path:
            # Unknown (or someone else's) object, or a page number past the end.
            errors["404"] = ErrorSerializer
        if is_list or self.method in ("POST", "PUT", "PATCH"):
            # Field errors: {"field": ["message", …]}, or {"detail": "…"} for a bad body.
            errors["400"] = OpenApiTypes.OBJECT
        if not all(isinstance(p, AllowAny) for p in self.view.get_permissions()):
            errors["403"] = ErrorSerializer
        return errors


def only_api_endpoints(endpoints):
    """Keep Bimtek's own API in the schema; Wagtail's internal admin API is not part of it."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
