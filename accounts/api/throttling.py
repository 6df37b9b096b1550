"""
Rate limits per client address (anonymous), per account, and per account for writes.

DRF's own throttles copy the rates when Python first loads them; these read
``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` on every request, so a changed setting (or a
test that overrides it) takes effect at once.
"""

from rest_framework import throttling
from rest_framework.settings import api_settings


class _RatesFromSettings:
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonRateThrottle(_RatesFromSettings, throttling.AnonRateThrottle):
    """Anonymous calls, counted per client address."""


class UserRateThrottle(_RatesFromSettings, throttling.UserRateThrottle):
    """Signed-in calls, counted per account whichever token or session makes them."""


class WriteRateThrottle(_RatesFromSettings, throttling.UserRateThrottle):
    """Imports and certificate actions, counted per account on top of the general limit."""

    scope = "api_write"
