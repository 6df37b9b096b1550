"""The log of participant imports: what was uploaded, previewed and imported, by whom."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportStatus(models.TextChoices):
    PREVIEWED = "previewed", _("Previewed, not imported")
    IMPORTED = "imported", _("Imported")


class ParticipantImport(models.Model):
    """
    One upload of a participant list into a batch.

    The rows read from the file are kept (as text) between the preview and the confirmation,
    so that what is imported is exactly what was previewed; the counts record the outcome.
    """

    batch = models.ForeignKey(
        "training.Batch",
        verbose_name=_("batch"),
        on_delete=models.CASCADE,
        related_name="participant_imports",
    )
    file_name = models.CharField(_("file name"), max_length=255)
    rows = models.JSONField(_("rows read from the file"), default=list)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PREVIEWED
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    created_count = models.PositiveIntegerField(_("new accounts"), default=0)
    updated_count = models.PositiveIntegerField(_("updated accounts"), default=0)
    enrolled_count = models.PositiveIntegerField(_("new enrolments"), default=0)
    error_count = models.PositiveIntegerField(_("rows with errors"), default=0)
    invited_count = models.PositiveIntegerField(
        _("invitations sent"),
        default=0,
        help_text=_("New accounts e-mailed a link to choose their password."),
    )

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("participant import")
        verbose_name_plural = _("participant imports")

    def __str__(self):
        return f"{self.file_name} → {self.batch}"
