"""The caller's own account, and the answer to an address the API does not have."""

from drf_spectacular.utils import extend_schema
from rest_framework.decorators import api_view, permission_classes
from rest_framework.exceptions import NotFound
from rest_framework.generics import RetrieveAPIView
from rest_framework.permissions import AllowAny

from .serializers import AccountSerializer


@extend_schema(summary="The caller's own account")
class MeView(RetrieveAPIView):
    """Who the token or session belongs to: a quick way to check a token works."""

    serializer_class = AccountSerializer

    def get_object(self):
        return self.request.user


@extend_schema(exclude=True)
@api_view(["GET", "POST", "PUT", "PATCH", "DELETE"])
@permission_classes([AllowAny])
def not_found(request, *args, **kwargs):
    """
    Any unknown address under the API, e.g. ``/courses/abc/``: a JSON 404 like every other
    API error, instead of the site's HTML page.
    """
    raise NotFound
