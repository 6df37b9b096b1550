"""The site's URLs plus one constant view: the ceiling that every page is compared with."""

from django.http import HttpResponse
from django.urls import path

from bimtek.urls import urlpatterns as site_urlpatterns


def constant_view(request):
    """The cheapest response Django gives through the site's middleware."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("__bench__/constant/", constant_view), *site_urlpatterns]
