"""Admin registration for accounts."""

from wagtail import hooks

from .viewsets import agency_viewset


@hooks.register("register_admin_viewset")
def register_agency_viewset():
    return agency_viewset
