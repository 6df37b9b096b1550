"""App configuration of training: connects the signal handlers once the apps are ready."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("Training")

    def ready(self):
        from .scorm import origin  # noqa: F401 - registers its system check
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
