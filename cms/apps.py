from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Site")

    def ready(self):
        from . import checks  # noqa: F401 - registers the system checks
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
