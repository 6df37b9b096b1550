"""Certificates app: wires its signal receivers when Django starts."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from . import signal_handlers  # noqa: F401  (connects the receivers)
