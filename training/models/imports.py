"""The log of participant imports: what was uploaded, previewed and imported, by whom."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportStatus(models.TextChoices):
    PREVIEWED = "previewed", _("Previewed, not imported")
    QUEUED = "queued", _("Waiting to be imported")
    RUNNING = "running", _("Being imported")
    IMPORTED = "imported", _("Imported")
    FAILED = "failed", _("Stopped by an error")


class ImportCount(models.TextChoices):
    """
    The counts of an import's ``summary``, in the order its pages show them. A feature that
    counts something more per import adds its key here and increments it in
    ``services.imports.import_participant_row``.
    """

    CREATED = "created", _("New accounts")
    INVITED = "invited", _("Invitations to choose a password sent by e-mail")
    UPDATED = "updated", _("Existing accounts updated")
    ENROLLED = "enrolled", _("Newly enrolled")
    ERRORS = "errors", _("Rows with errors, skipped")


#: The import's work is still ahead of it or under way: its progress page refreshes itself.
IMPORT_IN_PROGRESS = (ImportStatus.QUEUED, ImportStatus.RUNNING)


class ParticipantImport(models.Model):
    """
    One upload of a participant list into a batch, and the job that imports it.

    The rows read from the file are kept (as text) between the preview and the confirmation,
    so that what is imported is exactly what was previewed. Once confirmed, a Celery task
    imports the rows chunk by chunk: ``processed`` says how many rows are done (the progress
    page reads it, and a rerun after a lost worker goes on from there) and ``summary`` holds
    the counts of the outcome by kind (``created``, ``updated``, ``enrolled``, ``errors``, and
    whatever a later feature counts), mirrored in the count columns that the API shows.
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
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    processed = models.PositiveIntegerField(_("rows processed"), default=0)
    summary = models.JSONField(_("counts of the outcome"), default=dict, blank=True)
    failure = models.TextField(_("error that stopped the import"), blank=True)
    enqueued_at = models.DateTimeField(_("queued at"), null=True, blank=True)
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

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def percent(self) -> int:
        return round(100 * self.processed / self.total) if self.total else 100

    @property
    def in_progress(self) -> bool:
        return self.status in IMPORT_IN_PROGRESS
