"""xAPI statements: the learning record of each participant, kept here and sent to an LRS."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StatementQuerySet(models.QuerySet):
    def pending(self):
        """Statements no learning record store has acknowledged yet, oldest first."""
        return self.filter(sent_at__isnull=True).order_by("pk")


class XapiStatement(models.Model):
    """
    One xAPI 1.0.3 statement about a participant (a lesson done, a quiz graded, a SCORM
    package completed), stored as sent.

    ``source_key`` names the fact the statement reports, so recording the same fact twice
    keeps one statement. ``sent_at`` stays empty until the configured learning record store
    has acknowledged the statement; statements are sent in the order they were recorded.
    """

    statement_id = models.UUIDField(_("statement id"), unique=True, editable=False)
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="xapi_statements",
    )
    enrolment = models.ForeignKey(
        "training.Enrolment",
        verbose_name=_("enrolment"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="xapi_statements",
    )
    source_key = models.CharField(_("source"), max_length=200, unique=True, editable=False)
    verb = models.CharField(_("verb"), max_length=200)
    object_id = models.CharField(_("activity"), max_length=500)
    statement = models.JSONField(_("statement"))
    timestamp = models.DateTimeField(_("timestamp"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent to the LRS at"), null=True, blank=True)
    send_attempts = models.PositiveIntegerField(_("send attempts"), default=0)
    last_error = models.TextField(_("last sending error"), blank=True)

    objects = StatementQuerySet.as_manager()

    class Meta:
        ordering = ["-timestamp", "-pk"]
        verbose_name = _("xAPI statement")
        verbose_name_plural = _("xAPI statements")
        indexes = [
            models.Index(fields=["participant", "timestamp"]),
            models.Index(
                fields=["id"], condition=models.Q(sent_at__isnull=True), name="xapi_pending"
            ),
        ]

    def __str__(self):
        return f"{self.participant} {self.verb.rsplit('/', 1)[-1]} {self.object_id}"
