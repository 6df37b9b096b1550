"""Scheduled sessions of classroom and blended batches, and who attended them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _


class BatchSession(models.Model):
    """
    A meeting of a batch (sesi tatap muka) at a set time and place.

    While a trainer shows its check-in code, participants in the room check themselves in;
    the code expires after a few minutes so that it cannot be passed around.
    """

    batch = models.ForeignKey(
        "training.Batch",
        verbose_name=_("batch"),
        on_delete=models.CASCADE,
        related_name="sessions",
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    location = models.CharField(_("location"), max_length=200, blank=True)
    online_url = models.URLField(
        _("online meeting link"),
        blank=True,
        help_text=_("For a session held online (Zoom, Google Meet …): the link to join it."),
    )
    check_in_code = models.CharField(_("check-in code"), max_length=12, blank=True, db_index=True)
    check_in_code_expires_at = models.DateTimeField(
        _("check-in code expires at"), null=True, blank=True
    )

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_it_starts",
                violation_error_message=_("A session must end after it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.batch.name} — {self.title}"

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("A session must end after it starts.")})
        self._check_inside_batch()

    def _check_inside_batch(self):
        """A session falls on the batch's days (in WITA), from its first to its last."""
        batch = self.batch if self.batch_id else None
        if batch is None or not (batch.starts_on and batch.ends_on):
            return
        errors = {}
        for field in ("starts_at", "ends_at"):
            moment = getattr(self, field)
            if moment and not batch.starts_on <= timezone.localdate(moment) <= batch.ends_on:
                errors[field] = _(
                    "The session must fall within the batch's dates, %(starts_on)s to %(ends_on)s."
                ) % {
                    "starts_on": formats.date_format(batch.starts_on, "j F Y"),
                    "ends_on": formats.date_format(batch.ends_on, "j F Y"),
                }
        if errors:
            raise ValidationError(errors)

    def is_check_in_open(self, now=None) -> bool:
        now = now or timezone.now()
        return bool(
            self.check_in_code
            and self.check_in_code_expires_at
            and now <= self.check_in_code_expires_at
        )


class AttendanceMethod(models.TextChoices):
    MARKED = "marked", _("Marked by a trainer or administrator")
    CHECK_IN = "check_in", _("Checked in with the session code")


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    EXCUSED = "excused", _("Excused")
    ABSENT = "absent", _("Absent")


class Attendance(models.Model):
    """Whether one enrolled participant attended one session, and how it was recorded."""

    session = models.ForeignKey(
        BatchSession,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    enrolment = models.ForeignKey(
        "training.Enrolment",
        verbose_name=_("enrolment"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AttendanceStatus.choices,
        default=AttendanceStatus.PRESENT,
    )
    method = models.CharField(_("recorded by way of"), max_length=10, choices=AttendanceMethod)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "enrolment"], name="one_attendance_per_session_and_enrolment"
            ),
        ]

    def __str__(self):
        return f"{self.enrolment.participant} — {self.session}: {self.get_status_display()}"
