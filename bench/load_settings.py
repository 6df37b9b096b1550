"""
Settings of the site under the load test (``bench/load.py``): production's, except that the
session and CSRF cookies are not marked Secure. Production sends them over TLS, ended at the
proxy; Locust speaks plain HTTP to 127.0.0.1 and would otherwise never send them back.
"""

from bench.settings import *  # noqa: F403

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
