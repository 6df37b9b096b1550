"""
Settings of the site under benchmark: the product's own settings, plus the constant view
of ``bench.urls`` (the ceiling) and the test client's host for counting queries.

Only ``bench/run.py`` uses this module; the product never routes to the constant view.
"""

from bimtek.settings import *  # noqa: F403
from bimtek.settings import ALLOWED_HOSTS, BASE_DIR, TEMPLATES

ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver", ".bench.localhost"]
# The bare Wagtail page's template (``bench.run.bare_wagtail_page``).
TEMPLATES[0]["DIRS"] = [BASE_DIR / "bench" / "templates", *TEMPLATES[0]["DIRS"]]
# wrk is one client asking for one certificate thousands of times: the verification page's
# limit per address stays in the request path (its cost is measured) but never trips.
CERTIFICATE_VERIFY_RATE_PER_MINUTE = 10**9
