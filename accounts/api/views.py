"""The caller's own account."""

from drf_spectacular.utils import extend_schema
from rest_framework.generics import RetrieveAPIView

from .serializers import AccountSerializer


@extend_schema(summary="The caller's own account")
class MeView(RetrieveAPIView):
    """Who the token or session belongs to: a quick way to check a token works."""

    serializer_class = AccountSerializer

    def get_object(self):
        return self.request.user
