"""Reminders e-mailed to participants, each recorded so that it goes out only once."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderKind(models.TextChoices):
    SESSION_TOMORROW = "session", _("A session tomorrow")
    ASSESSMENT_OPEN = "assessment", _("Post-test or evaluation still open")
    COURSE_UNFINISHED = "unfinished", _("Course not finished")


class SentReminder(models.Model):
    """
    One reminder e-mailed to one enrolment: a session of its batch tomorrow (``session``
    set), or the post-test, evaluation or course itself still open as the batch ends.

    The unique constraints make sending idempotent: a reminder is recorded in the same
    transaction that sends it, and a second run finds the row and sends nothing.
    """

    enrolment = models.ForeignKey(
        "training.Enrolment",
        verbose_name=_("enrolment"),
        on_delete=models.CASCADE,
        related_name="sent_reminders",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=ReminderKind.choices)
    session = models.ForeignKey(
        "training.BatchSession",
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("sent reminder")
        verbose_name_plural = _("sent reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "kind", "session"],
                condition=models.Q(session__isnull=False),
                name="one_session_reminder_per_enrolment",
            ),
            models.UniqueConstraint(
                fields=["enrolment", "kind"],
                condition=models.Q(session__isnull=True),
                name="one_batch_reminder_per_enrolment_and_kind",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.enrolment_id}"
