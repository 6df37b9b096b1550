"""Batches (angkatan) of a course and the enrolments of participants in them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .i18n import TranslatableRecord


class DeliveryMode(models.TextChoices):
    ONLINE = "daring", _("Online (daring)")
    CLASSROOM = "luring", _("Classroom (luring)")
    BLENDED = "blended", _("Blended")


class EnrolmentPolicy(models.TextChoices):
    OPEN = "open", _("Open: participants enrol themselves")
    APPROVAL = "approval", _("Needs an administrator's approval")
    INVITATION = "invitation", _("By invitation only")


class BatchStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    RUNNING = "running", _("Running")
    FINISHED = "finished", _("Finished")
    CANCELLED = "cancelled", _("Cancelled")


class Batch(TranslatableRecord):
    """
    An angkatan: one run of a course with its dates, capacity and mode.

    Translatable: a translation supplies the name and location only (see ``i18n``).
    """

    translated_fields = ("name", "location")

    course = models.ForeignKey(
        "training.CoursePage",
        verbose_name=_("course"),
        on_delete=models.PROTECT,
        related_name="batches",
    )
    name = models.CharField(_("name"), max_length=150, help_text=_("For example Angkatan I 2026."))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    enrolment_opens = models.DateTimeField(_("enrolment opens"), null=True, blank=True)
    enrolment_closes = models.DateTimeField(_("enrolment closes"), null=True, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    mode = models.CharField(
        _("mode"), max_length=10, choices=DeliveryMode.choices, default=DeliveryMode.ONLINE
    )
    location = models.CharField(_("location"), max_length=200, blank=True)
    enrolment_policy = models.CharField(
        _("enrolment policy"),
        max_length=12,
        choices=EnrolmentPolicy.choices,
        default=EnrolmentPolicy.OPEN,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=BatchStatus.choices, default=BatchStatus.DRAFT
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(TranslatableRecord.Meta):
        ordering = ["-starts_on", "name"]
        verbose_name = _("batch")
        verbose_name_plural = _("batches")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="batch_ends_after_it_starts",
                violation_error_message=_("A batch cannot end before it starts."),
            ),
        ]
        # Reports filter and order batches by start date and status.
        indexes = [
            models.Index(fields=["starts_on"], name="batch_starts_on_idx"),
            models.Index(fields=["status"], name="batch_status_idx"),
        ]

    def __str__(self):
        return f"{self.course.title} — {self.name}"

    def clean(self):
        super().clean()
        if (
            self.enrolment_opens
            and self.enrolment_closes
            and self.enrolment_closes < self.enrolment_opens
        ):
            raise ValidationError(
                {"enrolment_closes": _("Enrolment cannot close before it opens.")}
            )

    def is_enrolment_open(self, now=None) -> bool:
        """Whether participants may enrol themselves now: open status, inside the window."""
        now = now or timezone.now()
        if self.status != BatchStatus.OPEN:
            return False
        if self.enrolment_opens and now < self.enrolment_opens:
            return False
        return not (self.enrolment_closes and now > self.enrolment_closes)

    @property
    def has_sessions(self) -> bool:
        """Classroom and blended batches meet in person and take attendance."""
        return self.mode in (DeliveryMode.CLASSROOM, DeliveryMode.BLENDED)


class EnrolmentStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REJECTED = "rejected", _("Rejected")


class Enrolment(models.Model):
    """A participant in a batch, from enrolment to completion."""

    batch = models.ForeignKey(
        Batch, verbose_name=_("batch"), on_delete=models.PROTECT, related_name="enrolments"
    )
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant"),
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=EnrolmentStatus.choices,
        default=EnrolmentStatus.ACTIVE,
    )
    enrolled_at = models.DateTimeField(_("enrolled at"), auto_now_add=True)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("enrolled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when participants enrolled themselves."),
    )
    decided_at = models.DateTimeField(_("approved or rejected at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved or rejected by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        ordering = ["-enrolled_at"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["batch", "participant"],
                name="one_enrolment_per_participant_and_batch",
            ),
        ]
        indexes = [
            models.Index(fields=["participant", "status"]),
            # The JP ledger and the dashboard count completions per year.
            models.Index(fields=["status", "completed_at"], name="enrolment_completion_idx"),
        ]

    def __str__(self):
        return f"{self.participant} — {self.batch}"

    @property
    def takes_up_a_place(self) -> bool:
        """Pending, active and completed enrolments count against the batch's capacity."""
        return self.status in SEAT_HOLDING_STATUSES

    @property
    def is_in_progress(self) -> bool:
        return self.status == EnrolmentStatus.ACTIVE


SEAT_HOLDING_STATUSES = (
    EnrolmentStatus.PENDING,
    EnrolmentStatus.ACTIVE,
    EnrolmentStatus.COMPLETED,
)

# Enrolments whose batch's sessions the participant sees (dashboard, course page, calendars).
SCHEDULE_STATUSES = (EnrolmentStatus.ACTIVE, EnrolmentStatus.COMPLETED)
