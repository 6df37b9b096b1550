"""
Language-neutral addresses of the Open Badges issuer: its profile, its public keys and its
status list. Credentials point to them, so they never move.
"""

from django.urls import path, re_path

from . import badge_views

app_name = "badges"

urlpatterns = [
    path("issuer.json", badge_views.issuer, name="issuer"),
    re_path(
        r"^issuer/keys/(?P<kid>[A-Za-z0-9_-]{1,64})\.json$", badge_views.issuer_key, name="key"
    ),
    path("credentials/status/<slug:purpose>", badge_views.status_list, name="status_list"),
]
