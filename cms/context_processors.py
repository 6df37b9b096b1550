"""Template context of every page: the site's chrome, read only when a template uses it."""

from django.utils.functional import SimpleLazyObject

from .chrome import site_chrome as cached_site_chrome


def site_chrome(request):
    """``site_chrome``: the institution, partners and links of the request's site (cached)."""
    return {"site_chrome": SimpleLazyObject(lambda: cached_site_chrome(request))}
