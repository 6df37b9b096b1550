"""Lesson progress: which lessons a participant has opened and done, per enrolment."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LessonProgress(models.Model):
    """
    One participant's progress on one lesson within one enrolment.

    The lesson is always the page in the course's own locale: a participant who reads the
    English translation advances the same record.
    """

    enrolment = models.ForeignKey(
        "training.Enrolment",
        verbose_name=_("enrolment"),
        on_delete=models.CASCADE,
        related_name="lesson_progress",
    )
    lesson = models.ForeignKey(
        "training.LessonPage",
        verbose_name=_("lesson"),
        on_delete=models.CASCADE,
        related_name="progress_records",
    )
    first_opened_at = models.DateTimeField(_("first opened at"), auto_now_add=True)
    last_opened_at = models.DateTimeField(_("last opened at"), auto_now=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "lesson"], name="one_progress_per_enrolment_and_lesson"
            ),
        ]
        # The progress report reads each enrolment's last activity.
        indexes = [
            models.Index(fields=["enrolment", "last_opened_at"], name="progress_last_activity_idx")
        ]

    def __str__(self):
        return f"{self.enrolment} — {self.lesson}"
